"""``jixiao convert``: placeholder until the importer lands (issue #2)."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("convert", help="把绩效目标表转换为 JSON/Excel/Word/CSV")
    parser.add_argument("path")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError
