"""The argument parser every ``jixiao`` command uses: help and usage errors in Chinese.

argparse words its own text in English ("usage:", "error: unrecognized arguments").
``Parser`` is given to the top-level parser, and argparse hands its class down to every
subcommand's parser (``add_subparsers`` defaults ``parser_class`` to it), so subcommands,
including those plugged in through entry points, speak Chinese without doing anything.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# The exit code argparse uses for a usage error; the CLI keeps it (2: input unusable).
EXIT_USAGE = 2

# argparse's English messages and their Chinese; the last one catches the rest of
# "argument X: ..." (a type function's own message, already in Chinese).
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (.+)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"无法识别的参数：\1"),
    (
        re.compile(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)"),
        r"\1 的值“\2”无效，可选：\3",
    ),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), r"\1 的值“\2”不是整数"),
    (re.compile(r"argument (\S+): invalid float value: '(.*)'"), r"\1 的值“\2”不是数字"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 后面需要一个值"),
    (re.compile(r"argument (\S+): expected at least one argument"), r"\1 后面至少需要一个值"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"\1 不能与 \2 同时使用"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), r"选项 \1 有歧义，可能是：\2"),
    (re.compile(r"argument (\S+): (.+)"), r"\1：\2"),
)


def chinese(message: str) -> str:
    """Given one of argparse's error messages, return it in Chinese (unknown ones as they are)."""
    for pattern, replacement in _MESSAGES:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message).replace("'", "").replace(", ", "、")
    return message


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help text as written (examples keep their layout), with 用法： for usage:."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        # argparse passes prefix="" when it builds a subcommand's prog from the usage.
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, -h and usage errors are in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"错误：{chinese(message)}\n")
