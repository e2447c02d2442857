"""``jixiao rules``: list the review rules, or print one rule's documentation.

``jixiao rules`` prints the catalogue (code, severity, title); ``jixiao rules JX3`` only
the codes with that prefix; ``jixiao rules JX301`` the rule's page with its bad and good
example (the same text as docs/rules/JX301.md).
"""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="列出审核规则，或显示某条规则的说明和示例",
        description="列出审核规则目录；给出规则代码（如 JX301）时显示该规则的说明、反例和正例。",
        epilog="示例：\n  jixiao rules\n  jixiao rules JX3\n  jixiao rules JX301",
    )
    parser.add_argument("code", nargs="?", metavar="代码", help="规则代码或前缀，如 JX301、JX3")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the catalogue, a filtered catalogue or one rule's page; return the exit code."""
    from ..rules import BY_CODE, RULES
    from ..rules.docs import rule_markdown

    code = (args.code or "").strip().upper()
    if code in BY_CODE:
        sys.stdout.write(rule_markdown(BY_CODE[code]))
        return 0
    matching = [rule for rule in RULES if rule.code.startswith(code)]
    if not matching:
        print(f"错误：没有代码为“{args.code}”的规则（用 jixiao rules 查看目录）", file=sys.stderr)
        return 2
    for rule in matching:
        print(f"{rule.code}  {rule.severity.label}  {rule.title}")
    return 0
