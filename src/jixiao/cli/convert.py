"""``jixiao convert``: read performance-target tables, write them as JSON, Excel, Word or CSV.

One file goes to standard output (JSON, CSV) or to ``-o FILE``; a folder is walked
recursively and each file written under ``-o OUTDIR`` with the same relative path. Files
are read, exported and written one at a time, so memory does not grow with the folder.
Every problem with the input becomes one Chinese line naming the file (and the place,
when the importer knows it), never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError
from ..exports import EXPORTERS, Exporter
from ..importers import read
from ..importers.detect import SUFFIXES
from ..model import Document, Location, ReadWarning
from .progress import Progress

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_UNUSABLE = 2

DESCRIPTION = """\
读取文件或文件夹中的项目支出绩效目标表（文本、Word、Excel、PDF、网页），
转换为交换格式 JSON，或导出为标准 Excel、Word、CSV 表格。"""

EPILOG = """\
示例：
  jixiao convert 绩效目标表.txt                    输出 JSON 到标准输出
  jixiao convert 绩效目标表.docx -o 目标表.json
  jixiao convert 绩效目标表.pdf --to xlsx -o 目标表.xlsx
  jixiao convert 文档目录/ --to json -o 输出目录/  批量转换（含子文件夹），显示进度和汇总

退出码：0 成功；1 文件夹中部分文件未能转换；2 输入无法使用
（路径不存在、无法解码、没有绩效目标表等）。"""


class Failure(Exception):
    """One file could not be converted: a Chinese message that already names the file."""

    def __init__(self, message: str, code: int = EXIT_UNUSABLE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(slots=True)
class Totals:
    """Running counts for the summary of a folder conversion."""

    files: int = 0
    converted: int = 0
    tables: int = 0
    indicators: int = 0
    warnings: int = 0
    failures: int = 0

    def add(self, document: Document) -> None:
        self.converted += 1
        self.tables += len(document.projects)
        self.indicators += sum(len(p.indicators) for p in document.projects)
        self.warnings += len(document.warnings)

    def summary(self) -> str:
        return (
            f"完成：共 {self.files} 个文件，转换 {self.converted} 个，表格 {self.tables} 张，"
            f"指标 {self.indicators} 个，警告 {self.warnings} 条，失败 {self.failures} 个。"
        )


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="把绩效目标表转换为 JSON/Excel/Word/CSV",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument("path", metavar="路径", help="要转换的文件或文件夹")
    parser.add_argument(
        "--to",
        choices=list(EXPORTERS),
        default="json",
        metavar="格式",
        help=f"输出格式：{_format_help()}",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="输出",
        help="输出文件；转换文件夹时为输出文件夹（不指定时输出到标准输出）",
    )
    parser.add_argument(
        "-w", "--warnings", action="store_true", help="逐条列出读取警告（文件:行号: 说明）"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Given the parsed arguments, convert one file or a folder and return the exit code."""
    path = Path(args.path)
    output = Path(args.output) if args.output else None
    try:
        if not path.exists():
            raise Failure(f"{shown(path)}：找不到该文件或文件夹")
        if path.is_dir():
            return convert_folder(path, args.to, output, args.warnings)
        return convert_file(path, args.to, output, args.warnings)
    except Failure as failure:
        _error(failure.message)
        return failure.code


# --- one file ---------------------------------------------------------------------------


def convert_file(path: Path, fmt: str, output: Path | None, show_warnings: bool) -> int:
    """Convert one file to ``output`` (standard output when None); return the exit code."""
    exporter = EXPORTERS[fmt]
    if output is None and is_binary(exporter):
        raise Failure(f"{fmt} 是二进制格式，请用 -o 指定输出文件，例如 -o 目标表{exporter.suffix}")
    document = read_document(path)
    data = export_document(document, fmt, path)
    if output is None:
        _write_stdout(data)
    else:
        if output.is_dir():
            output = output / f"{path.stem}{exporter.suffix}"
        write_atomic(output, data)
    _report_warnings(path, document.warnings, show_warnings)
    return EXIT_OK


def read_document(path: Path) -> Document:
    """Given a path, return its document; raise Failure when it has no usable table."""
    try:
        document = read(path)
    except ReadError as error:
        raise Failure(_read_error_message(path, error)) from None
    except OSError as error:
        raise Failure(f"{shown(path)}：无法读取文件（{error.strerror or error}）") from None
    except Exception as error:  # an importer bug must still not show the user a traceback
        raise Failure(
            f"{shown(path)}：读取时发生内部错误（{type(error).__name__}），请把该文件报告给开发者",
            code=EXIT_SOME_FAILED,
        ) from None
    document.source = shown(Path(path.name))
    if not document.projects:
        raise Failure(f"{shown(path)}：没有找到绩效目标表（未识别到“项目名称”和指标表）")
    return document


def export_document(document: Document, fmt: str, path: Path) -> bytes:
    """Given a document, return it in ``fmt``; raise Failure if the exporter fails."""
    try:
        return EXPORTERS[fmt].to_bytes(document)
    except Exception as error:  # an exporter bug: name the file, never a traceback
        raise Failure(
            f"{shown(path)}：导出为 {fmt} 时发生内部错误（{type(error).__name__}），请报告给开发者",
            code=EXIT_SOME_FAILED,
        ) from None


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename.

    A reader of ``target`` sees the old file or the whole new one, never half of it.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise Failure(f"{shown(target)}：无法写入（{error.strerror or error}）") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException as error:  # Ctrl-C included: never leave the temporary behind
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise Failure(f"{shown(target)}：无法写入（{error.strerror or error}）") from None
        raise


# --- a folder ---------------------------------------------------------------------------


def convert_folder(root: Path, fmt: str, output: Path | None, show_warnings: bool) -> int:
    """Convert every readable file under ``root`` into ``output``; return the exit code.

    Each document is written and dropped before the next is read.
    """
    files = folder_inputs(root, output)
    totals = Totals(files=len(files))
    progress = Progress(len(files), sys.stderr)
    targets = OutputNames(output, EXPORTERS[fmt].suffix)
    for path in files:
        relative = path.relative_to(root)
        try:
            document = read_document(path)
            write_atomic(targets.for_input(relative), export_document(document, fmt, path))
        except Failure as failure:
            totals.failures += 1
            progress.clear()
            _error(failure.message)
        else:
            totals.add(document)
            if show_warnings and document.warnings:
                progress.clear()
                _report_warnings(path, document.warnings, show=True)
        progress.advance(shown(relative))
    progress.clear()
    return _summarise(totals, show_warnings)


def folder_inputs(root: Path, output: Path | None) -> list[Path]:
    """Given the input and output folders, return the files to convert; Failure if none."""
    if output is None:
        raise Failure(f"{shown(root)}：转换文件夹时请用 -o 指定输出文件夹")
    if output.exists() and not output.is_dir():
        raise Failure(f"{shown(output)}：输出路径已存在且不是文件夹")
    files = sorted(input_files(root, skip=output))
    if not files:
        raise Failure(f"{shown(root)}：文件夹中没有可读取的文件（{'、'.join(sorted(SUFFIXES))}）")
    return files


def _summarise(totals: Totals, show_warnings: bool) -> int:
    print(totals.summary(), file=sys.stderr)
    if totals.warnings and not show_warnings:
        print("（用 --warnings 逐条查看警告）", file=sys.stderr)
    if totals.converted == 0:
        return EXIT_UNUSABLE
    return EXIT_SOME_FAILED if totals.failures else EXIT_OK


def input_files(root: Path, skip: Path | None = None) -> Iterator[Path]:
    """Given a folder, yield the files under it that a reader supports, outside ``skip``."""
    suffixes = set(SUFFIXES)
    skipped = skip.resolve() if skip is not None else None
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        # Hidden folders and the output folder (when it sits inside the input) are not input.
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and (here / name).resolve() != skipped
        )
        for name in names:
            if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                yield here / name


class OutputNames:
    """Output paths that mirror the input tree; ``a.txt`` and ``a.docx`` don't overwrite."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix
        self.taken: set[Path] = set()

    def for_input(self, relative: Path) -> Path:
        relative = Path(shown(relative))  # GBK-named inputs give UTF-8-named outputs
        target = self.folder / relative.with_suffix(self.suffix)
        if target in self.taken:
            target = self.folder / relative.with_name(relative.name + self.suffix)
        self.taken.add(target)
        return target


# --- messages ---------------------------------------------------------------------------


def format_warning(path: Path, warning: ReadWarning) -> str:
    """Given a file and a warning, return ``file:line: message`` (or page, sheet, cell)."""
    location = warning.location
    if location is not None and location.line:
        where = f":{location.line}"
        rest = str(Location(page=location.page, sheet=location.sheet, cell=location.cell))
        message = f"{rest} {warning.message}" if rest else warning.message
        return f"{shown(path)}{where}: {message}"
    if location is not None and str(location):
        return f"{shown(path)}: {location} {warning.message}"
    return f"{shown(path)}: {warning.message}"


def is_binary(exporter: Exporter) -> bool:
    """Return whether the format cannot go to a terminal (Excel, Word)."""
    return not exporter.media_type.startswith(("text/", "application/json"))


def _format_help() -> str:
    binary = [name for name, exporter in EXPORTERS.items() if is_binary(exporter)]
    return f"{'、'.join(EXPORTERS)}（默认 json；{'、'.join(binary)} 须配合 -o 使用）"


def shown(path: Path) -> str:
    """Given a path, return it as text a person can read, whatever its bytes.

    Archives unpacked on Linux often keep GBK-encoded file names; Python hands those over
    with undecodable bytes as surrogates, which cannot be printed or written as UTF-8.
    """
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(text)
        for encoding in ("utf-8", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        return raw.decode("utf-8", errors="replace")
    return text


def _read_error_message(path: Path, error: ReadError) -> str:
    where = str(error.location) if error.location else ""
    return f"{shown(path)}{' ' + where if where else ''}：{error.message}"


def _report_warnings(path: Path, warnings: list[ReadWarning], show: bool) -> None:
    if not warnings:
        return
    if show:
        for warning in warnings:
            print(format_warning(path, warning), file=sys.stderr)
    else:
        print(
            f"{shown(path)}：读取时有 {len(warnings)} 条警告（用 --warnings 查看）", file=sys.stderr
        )


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # The reader (`| head`) went away: not an error; stop Python complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _error(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)
