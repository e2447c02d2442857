"""The ``jixiao`` command line: one entry point, one module per subcommand.

Each subcommand module exposes ``add_parser(subparsers)`` which registers its parser
and sets ``func`` to a callable taking the parsed arguments and returning an exit code.
Packages built on the core (the web application's ``serve``) add subcommands through the
``jixiao.commands`` entry-point group, so the core never imports them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from importlib.metadata import entry_points

from .parser import Parser

# Subcommand modules, in the order `jixiao --help` lists them.
SUBCOMMANDS: tuple[str, ...] = ("convert", "check", "rules")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="jixiao",
        description="jixiao（绩效）：读取、审核、导出项目支出绩效目标表。",
    )
    parser.add_argument("--version", action="version", version=_version(), help="显示版本号并退出")
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for name in SUBCOMMANDS:
        import_module(f"{__name__}.{name}").add_parser(subparsers)
    for entry in entry_points(group="jixiao.commands"):
        try:
            add_parser = entry.load()
        except ImportError:
            continue  # the extra that provides it (e.g. [web]) is not installed
        add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


def _version() -> str:
    from jixiao import __version__

    return f"jixiao {__version__}"
