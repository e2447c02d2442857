"""``jixiao convert`` through ``jixiao.cli.main``: seeds in, interchange JSON out, clear errors."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.cli.convert import format_warning
from jixiao.cli.progress import Progress
from jixiao.model import Location, ReadWarning
from tests.conftest import SHARED, expected_for, seed_paths


def load_compare():
    spec = importlib.util.spec_from_file_location("compare", SHARED / "bench" / "compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compare = load_compare()


def convert(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["convert", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_clean_error(err: str, *names: str) -> None:
    assert err.startswith("错误：")
    assert "Traceback" not in err
    for name in names:
        assert name in err


# --- one file -----------------------------------------------------------------------------


def test_it_prints_each_seed_as_json_matching_the_expected_document(capsys, seed):
    code, out, _ = convert(capsys, str(seed), "--to", "json")
    assert code == 0
    document = json.loads(out)
    assert document["source"] == seed.name
    result = compare.score(expected_for(seed), document)
    assert result["accuracy"] >= 0.99, result


def test_it_writes_the_same_json_to_a_file(capsys, tmp_path):
    seed = seed_paths()[0]
    _, printed, _ = convert(capsys, str(seed))
    target = tmp_path / "out" / "doc.json"
    code, out, _ = convert(capsys, str(seed), "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8") == printed
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]  # no temporary left


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_gbk_encoded_copy_converts_identically(capsys, tmp_path, encoding):
    seed = seed_paths()[0]
    copy = tmp_path / seed.name
    copy.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    _, original, _ = convert(capsys, str(seed))
    code, converted, err = convert(capsys, str(copy))
    assert code == 0, err
    assert json.loads(converted)["projects"] == json.loads(original)["projects"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_seed_exported_as_office_file_converts_back_to_the_same_document(capsys, tmp_path, fmt):
    seed = seed_paths()[2]  # the smallest: Word export is slow
    exported = tmp_path / f"表.{fmt}"
    code, out, err = convert(capsys, str(seed), "--to", fmt, "-o", str(exported))
    assert code == 0 and out == "", err
    code, again, err = convert(capsys, str(exported))
    assert code == 0, err
    assert compare.score(expected_for(seed), json.loads(again))["accuracy"] >= 0.99


def test_csv_goes_to_standard_output_with_one_row_per_indicator(capsys):
    seed = seed_paths()[0]
    code, out, _ = convert(capsys, str(seed), "--to", "csv")
    indicators = sum(len(p["indicators"]) for p in expected_for(seed)["projects"])
    assert code == 0
    assert out.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    assert len(out.strip().splitlines()) == 1 + indicators


def test_an_output_folder_receives_a_file_named_after_the_input(capsys, tmp_path):
    seed = seed_paths()[0]
    assert convert(capsys, str(seed), "-o", str(tmp_path))[0] == 0
    assert (tmp_path / f"{seed.stem}.json").is_file()


def test_a_gbk_encoded_file_name_is_shown_and_written_in_utf8(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode("绩效目标表.txt".encode("gbk"))  # as unzip leaves it on Linux
    shutil.copy(seed_paths()[0], folder / name)
    code, printed, _ = convert(capsys, str(folder / name))
    assert code == 0
    assert json.loads(printed)["source"] == "绩效目标表.txt"
    code, _, err = convert(capsys, str(folder), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["绩效目标表.json"]


def test_warnings_flag_lists_each_warning_with_file_and_line(capsys):
    for seed in seed_paths():
        code, out, err = convert(capsys, str(seed), "--warnings")
        warnings = json.loads(out)["warnings"]
        lines = [line for line in err.splitlines() if line.startswith(f"{seed}:")]
        assert code == 0 and len(lines) == len(warnings)
        for line, warning in zip(lines, warnings, strict=True):
            assert warning["message"] in line


def test_format_warning_puts_the_line_after_the_file():
    warning = ReadWarning("无法确定该行的一级指标", Location(line=12, page=3))
    assert format_warning(Path("a.txt"), warning) == "a.txt:12: 第3页 无法确定该行的一级指标"
    assert format_warning(Path("b.xlsx"), ReadWarning("合并单元格", Location(cell="B4"))) == (
        "b.xlsx: 单元格B4 合并单元格"
    )
    assert format_warning(Path("c.txt"), ReadWarning("空表")) == "c.txt: 空表"


# --- bad input ------------------------------------------------------------------------------


def test_a_missing_path_is_reported_in_chinese(capsys, tmp_path):
    missing = tmp_path / "没有这个文件.txt"
    code, out, err = convert(capsys, str(missing))
    assert code == 2 and out == ""
    assert_clean_error(err, str(missing), "找不到")


def test_binary_junk_is_reported_not_raised(capsys, tmp_path):
    junk = tmp_path / "乱码.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    code, out, err = convert(capsys, str(junk))
    assert code == 2 and out == ""
    assert_clean_error(err, str(junk))


@pytest.mark.parametrize(
    "content",
    [b"", "关于做好2025年预算公开工作的通知\n\n各单位：请按时报送。\n".encode()],
    ids=["empty", "no-table"],
)
def test_a_file_without_a_table_is_reported(capsys, tmp_path, content):
    path = tmp_path / "通知.txt"
    path.write_bytes(content)
    code, out, err = convert(capsys, str(path))
    assert code == 2 and out == ""
    assert_clean_error(err, str(path), "找到绩效目标表")


def test_a_failed_conversion_leaves_an_existing_output_untouched(capsys, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("旧内容", encoding="utf-8")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\xff" * 100)
    code, _, _ = convert(capsys, str(junk), "-o", str(target))
    assert code == 2
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.txt", "out.json"]


def test_an_unwritable_output_is_reported(capsys, tmp_path):
    blocker = tmp_path / "文件"
    blocker.write_text("", encoding="utf-8")
    code, _, err = convert(capsys, str(seed_paths()[0]), "-o", str(blocker / "out.json"))
    assert code == 2
    assert_clean_error(err, str(blocker / "out.json"), "无法写入")


def test_binary_formats_need_an_output_file(capsys):
    parser_formats = _formats(capsys)
    binary = [fmt for fmt in ("xlsx", "docx") if fmt in parser_formats]
    if not binary:
        pytest.skip("no binary exporter registered yet")
    code, out, err = convert(capsys, str(seed_paths()[0]), "--to", binary[0])
    assert code == 2 and out == ""
    assert_clean_error(err, "-o")


def test_help_is_in_chinese(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["convert", "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert out.startswith("用法：")
    for words in ("要转换的文件或文件夹", "输出格式", "退出码", "显示本帮助并退出"):
        assert words in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "错误：缺少参数：路径"),
        (["a.txt", "--to", "pdf"], "错误：--to 的值“pdf”无效，可选：json、xlsx、docx、csv"),
        (["a.txt", "-o"], "错误：-o/--output 后面需要一个值"),
    ],
)
def test_usage_errors_are_in_chinese(capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        main(["convert", *args])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.startswith("用法：") and message in err


# --- a folder -------------------------------------------------------------------------------


@pytest.fixture
def seed_folder(tmp_path) -> Path:
    """A folder holding every seed, some of them in a subfolder."""
    folder = tmp_path / "文档"
    for index, seed in enumerate(seed_paths()):
        target = folder / ("子目录" if index % 2 else "") / seed.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, target)
    return folder


def test_a_folder_converts_every_file_and_summarises(capsys, tmp_path, seed_folder):
    out_dir = tmp_path / "输出"
    code, out, err = convert(capsys, str(seed_folder), "-o", str(out_dir))
    assert code == 0 and out == ""
    written = sorted(out_dir.rglob("*.json"))
    assert [p.relative_to(out_dir).with_suffix(".txt") for p in written] == sorted(
        p.relative_to(seed_folder) for p in seed_folder.rglob("*.txt")
    )
    expected = [expected_for(seed) for seed in seed_paths()]
    tables = sum(len(doc["projects"]) for doc in expected)
    assert f"共 {len(expected)} 个文件" in err
    assert f"表格 {tables} 张" in err
    assert "失败 0 个" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal
    for path in written:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert compare.score(expected_for(Path(path.name)), document)["accuracy"] >= 0.99


def test_a_folder_with_bad_files_names_them_and_exits_1(capsys, tmp_path, seed_folder):
    (seed_folder / "坏文件.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (seed_folder / "空文件.md").write_bytes(b"")
    (seed_folder / "图片.png").write_bytes(b"\x89PNG")  # not a format we read: skipped
    out_dir = tmp_path / "输出"
    code, _, err = convert(capsys, str(seed_folder), "-o", str(out_dir))
    assert code == 1
    assert "Traceback" not in err
    assert str(seed_folder / "坏文件.txt") in err and str(seed_folder / "空文件.md") in err
    files = len(seed_paths()) + 2
    assert f"共 {files} 个文件，转换 {len(seed_paths())} 个" in err
    assert "失败 2 个" in err
    assert not (out_dir / "坏文件.json").exists()


def test_a_folder_needs_an_output_folder(capsys, seed_folder):
    code, out, err = convert(capsys, str(seed_folder))
    assert code == 2 and out == ""
    assert_clean_error(err, "-o")


def test_an_output_folder_inside_the_input_is_not_read_again(capsys, seed_folder):
    out_dir = seed_folder / "json"
    assert convert(capsys, str(seed_folder), "-o", str(out_dir))[0] == 0
    code, _, err = convert(capsys, str(seed_folder), "-o", str(out_dir))
    assert code == 0
    assert f"共 {len(seed_paths())} 个文件" in err


def test_an_empty_folder_is_unusable_input(capsys, tmp_path):
    (tmp_path / "空").mkdir()
    code, _, err = convert(capsys, str(tmp_path / "空"), "-o", str(tmp_path / "输出"))
    assert code == 2
    assert_clean_error(err, "没有可读取的文件")


def test_same_named_inputs_do_not_overwrite_each_other(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    seed = seed_paths()[0]
    shutil.copy(seed, folder / "表.txt")
    shutil.copy(seed, folder / "表.md")
    code, _, _ = convert(capsys, str(folder), "-o", str(tmp_path / "out"))
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["表.json", "表.txt.json"]


# --- the progress bar -----------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_and_cleared():
    stream = _Terminal()
    progress = Progress(2, stream)
    progress.advance("a.txt")
    progress.advance("b.txt")
    progress.clear()
    drawn = stream.getvalue()
    assert "2/2 b.txt" in drawn and "#" * 24 in drawn
    assert drawn.endswith("\r\033[K")


def test_progress_stays_silent_off_a_terminal():
    stream = io.StringIO()
    progress = Progress(1, stream)
    progress.advance("a.txt")
    progress.clear()
    assert stream.getvalue() == ""


def _formats(capsys) -> str:
    with pytest.raises(SystemExit):
        main(["convert", "--help"])
    return capsys.readouterr().out
