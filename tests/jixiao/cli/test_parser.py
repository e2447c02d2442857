"""Usage errors and help of every command, plugged-in ones included, are in Chinese."""

from __future__ import annotations

import pytest

from jixiao.cli import main
from jixiao.cli.parser import chinese


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], "错误：无法识别的参数：--bogus"),
        (["nope"], "错误：命令 的值“nope”无效，可选：convert、check、rules"),
        (["check"], "错误：缺少参数：路径"),
        (["check", "a.txt", "--format", "xml"], "错误：--format 的值“xml”无效"),
        (["rules", "JX1", "JX2"], "错误：无法识别的参数：JX2"),
    ],
)
def test_usage_errors_anywhere_are_in_chinese_with_exit_code_2(capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.startswith("用法：jixiao") and message in err
    assert "error:" not in err and "usage:" not in err


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["rules", "--help"]])
def test_help_headings_are_in_chinese(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert out.startswith("用法：jixiao") and "用法：用法" not in out
    assert "选项" in out and "显示本帮助并退出" in out
    assert "options:" not in out and "show this help" not in out


def test_a_command_plugged_in_by_entry_point_speaks_chinese_too(capsys):
    pytest.importorskip("jixiao_web")
    with pytest.raises(SystemExit):
        main(["serve", "--port", "x"])
    assert "错误：--port 的值“x”不是整数" in capsys.readouterr().err


def test_a_message_of_a_type_function_keeps_its_own_words():
    assert chinese("argument --select: 规则代码“ZZ”无效") == "--select：规则代码“ZZ”无效"
    assert chinese("something new") == "something new"
