"""``jixiao check``: review performance-target tables like a linter.

Reads every file (or every file under a folder) the importers read, plus interchange
JSON named explicitly; runs the per-project rules on each document and the corpus rules
(JX6xx) across all of them; prints the findings as text, JSON or SARIF.

Exit codes: 0 no error-level finding; 1 at least one error-level finding; 2 unusable
input (missing path, unreadable file, bad configuration).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..config import ConfigError, Settings, load_settings
from ..interchange import from_dict
from ..model import Document
from .convert import Failure, input_files, read_document, write_atomic
from .formats import FINDING_FORMATS, Checked, Outcome, Unreadable
from .progress import Progress

EXIT_CLEAN = 0
EXIT_ERRORS = 1
EXIT_UNUSABLE = 2

DESCRIPTION = """\
审核项目支出绩效目标表：按规则（JX101…JX603）逐项检查每个项目，并在所有输入文件之间
查找套用模板的指标（JX601）和偏离常见水平的指标值（JX602、JX603）。"""

EPILOG = """\
示例：
  jixiao check 绩效目标表.docx
  jixiao check 目录/ --format json -o 审核结果.json
  jixiao check 目录/ --select JX3 --ignore JX310       只查指标值规则，不查 JX310
  jixiao check 目录/ --pack central-101 --format sarif

退出码：0 没有“错误”级问题；1 有“错误”级问题；2 输入无法使用
（路径不存在、文件无法读取、配置有误等）。"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="审核绩效目标表，列出问题和修改建议",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument("paths", nargs="+", metavar="路径", help="要审核的文件或文件夹")
    parser.add_argument(
        "--format",
        choices=sorted(FINDING_FORMATS),
        default="text",
        metavar="格式",
        help="输出格式：text（默认）、json、sarif",
    )
    parser.add_argument("-o", "--output", metavar="文件", help="把结果写入文件（默认标准输出）")
    parser.add_argument(
        "--select",
        type=_codes,
        metavar="代码",
        help="只启用这些规则（代码前缀，逗号分隔，如 JX3,JX401）",
    )
    parser.add_argument(
        "--ignore", type=_codes, metavar="代码", help="停用这些规则（代码前缀，逗号分隔）"
    )
    parser.add_argument(
        "--config", metavar="文件", help="配置文件（jixiao.toml 或 pyproject.toml）"
    )
    parser.add_argument("--pack", metavar="名称", help="规则包，如 central-101、henan-2022")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Given the parsed arguments, review the inputs, print the findings, return the exit code."""
    try:
        settings = _settings(args)
        outcome = check_paths([Path(p) for p in args.paths], settings)
    except ConfigError as error:  # also raised when the rules are set up (unknown threshold)
        _error(str(error))
        return EXIT_UNUSABLE
    except Exception as error:  # a rule's bug must still not show the user a traceback
        _error(f"审核时发生内部错误（{type(error).__name__}：{error}），请把输入文件报告给开发者")
        return EXIT_UNUSABLE
    text = FINDING_FORMATS[args.format](outcome)
    try:
        _write(text, Path(args.output) if args.output else None)
    except Failure as failure:
        _error(failure.message)
        return EXIT_UNUSABLE
    for bad in outcome.unreadable:
        _error(bad.message)
    return exit_code(outcome)


def exit_code(outcome: Outcome) -> int:
    """Return 2 when an input was unusable, 1 when an error-level finding exists, else 0."""
    if outcome.unreadable or not outcome.checked:
        return EXIT_UNUSABLE
    return EXIT_ERRORS if outcome.counts()["error"] else EXIT_CLEAN


def check_paths(paths: Sequence[Path], settings: Settings) -> Outcome:
    """Given files and folders, read them all and review them together (corpus rules too)."""
    from ..review import review_documents
    from ..rules import RULES

    readable: list[tuple[str, Document]] = []
    unreadable: list[Unreadable] = []
    files = list(_files(paths, unreadable))
    progress = Progress(len(files), sys.stderr) if len(files) > 1 else None
    for path in files:
        try:
            document = read_input(path)
            # Corpus findings are filed by source, so two a.txt in two folders must differ.
            document.source = str(path)
            readable.append((str(path), document))
        except Failure as failure:
            unreadable.append(Unreadable(str(path), failure.message))
        if progress is not None:
            progress.advance(path.name)
    if progress is not None:
        progress.clear()
    reports = review_documents([document for _, document in readable], settings)
    checked = [
        Checked(path, document, report)
        for (path, document), report in zip(readable, reports, strict=True)
    ]
    selected = [rule for rule in RULES if settings.is_selected(rule.code)]
    return Outcome(checked, unreadable, selected)


def read_input(path: Path) -> Document:
    """Given a path, return its document: interchange JSON, or any format the importers read."""
    if path.suffix.lower() != ".json":
        return read_document(path)
    try:
        document = from_dict(json.loads(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise Failure(f"{path}：无法读取文件（{error.strerror or error}）") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Failure(f"{path}：不是有效的 JSON（{_json_place(error)}）") from None
    except (AttributeError, TypeError, ValueError, KeyError):
        raise Failure(f"{path}：JSON 不符合交换格式（应为含 projects 列表的对象）") from None
    if not document.projects:
        raise Failure(f"{path}：没有找到绩效目标表（projects 为空）")
    document.source = document.source or path.name
    return document


def _files(paths: Sequence[Path], unreadable: list[Unreadable]) -> Iterator[Path]:
    """Yield the input files: each file named, and the readable files under each folder."""
    for path in paths:
        if not path.exists():
            unreadable.append(Unreadable(str(path), f"{path}：找不到该文件或文件夹"))
        elif path.is_dir():
            found = sorted(input_files(path))
            if not found:
                message = f"{path}：文件夹中没有可读取的文件"
                unreadable.append(Unreadable(str(path), message))
            yield from found
        else:
            yield path


def _settings(args: argparse.Namespace) -> Settings:
    config = Path(args.config) if args.config else None
    if config is not None and not config.is_file():
        raise ConfigError(f"{config}：找不到配置文件")
    first = Path(args.paths[0])
    return load_settings(
        config,
        pack=args.pack,
        select=args.select,
        ignore=args.ignore,
        search_from=first if first.exists() else None,
    )


def _codes(text: str) -> list[str]:
    """Parse ``JX3,JX401`` into code prefixes (upper case, blanks dropped)."""
    codes = [c.strip().upper() for c in text.replace("，", ",").split(",") if c.strip()]
    for code in codes:
        if not code.startswith("JX"):
            raise argparse.ArgumentTypeError(
                f"“{code}”不是规则代码前缀（应以 JX 开头，如 JX3、JX301）"
            )
    return codes


def _json_place(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"第{error.lineno}行第{error.colno}列：{_json_problem(error.msg)}"
    return "不是 UTF-8 编码"


# The json module's messages, in Chinese; any other message is shown as a generic error.
_JSON_PROBLEMS = {
    "Expecting value": "此处应为一个值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "键名应使用双引号",
    "Extra data": "JSON 结束后还有多余内容",
    "Unterminated string starting at": "字符串缺少结尾的引号",
    "Invalid control character at": "字符串中有无效的控制字符",
}


def _json_problem(message: str) -> str:
    return _JSON_PROBLEMS.get(message, "JSON 语法错误")


def _write(text: str, output: Path | None) -> None:
    if output is not None:
        write_atomic(output, text.encode("utf-8"))
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader (`| head`) went away; nothing left to tell it


def _error(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)
