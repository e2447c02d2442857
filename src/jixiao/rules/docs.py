"""Rule documentation generated from the rules themselves: ``docs/rules/JX301.md`` and the index.

``jixiao rules JX301`` prints the same page. Regenerate the committed pages with
``python -m jixiao.rules.docs`` (``--check`` exits 1 when they are out of date); a test
runs the check, so the pages never drift from the code.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from .base import FINDS, Rule, Severity

DOCS_DIR = Path(__file__).resolve().parents[3] / "docs" / "rules"
# The configuration value is shown with the label because jixiao.toml takes the English word.
_SEVERITY = {
    Severity.ERROR: "错误（error）",
    Severity.WARNING: "警告（warning）",
    Severity.INFO: "提示（info）",
}
_SCOPE = {"project": "单个项目", "corpus": "跨项目、跨文件（语料规则）"}
_HEADING_NOTES = {"反例": "反例（会触发本规则）", "正例": "正例（不会触发本规则）"}
# The short names the rule texts use for the Ministry of Finance documents they cite.
REFERENCES = {
    "88号": "《中央部门预算绩效目标管理办法》（财预〔2015〕88号）",
    "10号": "《项目支出绩效评价管理办法》（财预〔2020〕10号）",
    "101号": "《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）",
}
_SHORT_NAME = re.compile(r"(?<![\d〔〕])(88号|101号|10号)")


def rule_markdown(rule: type[Rule]) -> str:
    """Given a rule class, return its documentation page in Markdown."""
    lines = [
        f"# {rule.code} {rule.title}",
        "",
        f"- 严重程度：{_SEVERITY[rule.severity]}",
        f"- 范围：{_SCOPE.get(rule.scope, rule.scope)}",
        f"- 依据：{rule.rationale}",
    ]
    for heading, body in rule.doc_sections().items():
        lines += ["", f"## {_HEADING_NOTES.get(heading, heading)}", "", unwrap(body)]
    lines += _thresholds(rule.code, rule.thresholds)
    lines += _references(rule)
    lines += [
        "",
        f"配置：在 jixiao.toml 中用 `[rules.{rule.code}]` 修改严重程度和阈值，"
        f'用 `ignore = ["{rule.code}"]` 停用。',
        "",
    ]
    return "\n".join(lines)


def _thresholds(code: str, thresholds: Mapping[str, object]) -> list[str]:
    if not thresholds:
        return []
    lines = ["", "## 阈值", "", "| 键 | 默认值 | 含义 |", "|---|---|---|"]
    for key, value in thresholds.items():
        note = THRESHOLD_NOTES.get(f"{code}.{key}") or THRESHOLD_NOTES.get(key, "")
        lines.append(f"| `{key}` | {_shown(value)} | {note} |")
    return lines


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as written in jixiao.toml
    if isinstance(value, Mapping):
        return "/".join(f"{k}{v}" for k, v in value.items())
    if isinstance(value, tuple | list):
        return ("；" if any(isinstance(v, Mapping) for v in value) else "、").join(
            map(_shown, value)
        )
    return str(value)


# What each threshold means, by key, or by "code.key" where one key means different things.
THRESHOLD_NOTES = {
    "tolerance": "允许的误差",
    "JX103.tolerance": "允许的误差（万元）",
    "JX202.tolerance": "允许的误差（百分点）",
    "JX204.tolerance": "允许的误差（百分点）",
    "JX302.tolerance": "允许超出预算的比例（0.005 即 0.5%）",
    "JX501.tolerance": "允许的误差（分）",
    "JX502.tolerance": "允许的误差（分）",
    "missing_satisfaction": "四类一级指标体系下缺少满意度指标时的严重程度（error、warning、info）",
    "require_time": "三类一级指标体系下是否要求设置时效指标",
    "require_cost": "三类一级指标体系下是否要求设置成本指标",
    "JX202.full": "12月底应达到的累计支出进度（%）",
    "JX204.full": "累计支出进度的上限（%）",
    "max_percent": "满意度目标值达到此百分比即报告",
    "min_shared": "判断指标来自另一项目所需的最少共同词数",
    "max_length": "指标名称的最大字数",
    "total": "绩效指标分值合计（不含预算执行率）",
    "execution": "预算执行率的分值",
    "whole_in_target": "绩效目标表无预算执行率行、指标合计100分时是否认可",
    "splits": "认可的一级指标分值结构",
    "adjustment": "每个一级指标可偏离标准结构的分值（适当调整）",
    "similarity": "两个项目指标集（指标名称和指标值）的相似度达到此值即视为雷同（0–1）",
    "name_similarity": "项目名称的相似度达到此值即视为用途相同，不报告（0–1）",
    "purpose_similarity": "资金用途和年度目标文字的相似度达到此值即视为用途相同，不报告（0–1）",
    "min_indicators": "指标少于此数的项目不比较",
    "posting_cap": "同一组雷同指标最多比较的项目数（控制计算量）",
    "max_partners": "提示中最多列出的雷同项目数",
    "generic_words": "比较项目名称和用途时忽略的常用词",
    "min_projects": "同名指标至少有这么多个项目使用时才比较",
    "z": "稳健 z 分数（偏离中位数的程度）超过此值即报告",
    "percent_floor": "百分比指标离散程度的下限（百分点），避免数值几乎相同时误报",
    "ratio_floor": "金额、数量指标离散程度的下限（倍数），避免数值几乎相同时误报",
}


def _references(rule: type[Rule]) -> list[str]:
    text = rule.rationale + "".join(rule.doc_sections().values())
    cited = set(_SHORT_NAME.findall(text))
    if not cited:
        return []
    return ["", "## 引用文件", ""] + [
        f"- {short}：{REFERENCES[short]}" for short in REFERENCES if short in cited
    ]


def description(rule: type[Rule]) -> str:
    """Given a rule class, return what it finds as one paragraph (SARIF fullDescription)."""
    return unwrap(rule.doc_sections().get(FINDS, "")) or rule.title


def unwrap(body: str) -> str:
    """Given a section body, return it with each prose paragraph on one line.

    Docstrings wrap Chinese at any character; Markdown would render each line break as a
    space between two characters, so lines are joined without one (code blocks stay).
    """
    out: list[str] = []
    fenced = False
    for line in body.splitlines():
        fence = line.startswith("```")
        prose = not fenced and not fence
        if prose and line and out and out[-1] and not out[-1].startswith("```"):
            out[-1] += ("" if _wide(out[-1][-1]) and _wide(line[0]) else " ") + line
        else:
            out.append(line)
        fenced ^= fence
    return "\n".join(out)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def index_markdown(rules: Sequence[type[Rule]]) -> str:
    """Given the registry, return the catalogue page (README.md of docs/rules)."""
    lines = [
        "# 审核规则目录",
        "",
        "本目录由 `python -m jixiao.rules.docs` 根据规则代码生成，请勿手工修改。",
        "`jixiao rules` 列出同样的目录，`jixiao rules JX301` 显示单条规则。",
        "",
        "| 代码 | 严重程度 | 规则 |",
        "|---|---|---|",
    ]
    for rule in rules:
        lines.append(f"| [{rule.code}]({rule.code}.md) | {rule.severity.label} | {rule.title} |")
    lines += ["", "## 引用文件简称", ""]
    lines += [f"- {short}：{name}" for short, name in REFERENCES.items()]
    return "\n".join(lines) + "\n"


def expected_pages(rules: Sequence[type[Rule]]) -> dict[str, str]:
    """Return {file name: content} of every page docs/rules should hold."""
    pages = {f"{rule.code}.md": rule_markdown(rule) for rule in rules}
    pages["README.md"] = index_markdown(rules)
    return pages


def stale_pages(folder: Path, rules: Sequence[type[Rule]]) -> list[str]:
    """Return the names of pages in ``folder`` that are missing, different or left over."""
    wanted = expected_pages(rules)
    stale = [
        name
        for name, text in wanted.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    extra = [p.name for p in folder.glob("*.md") if p.name not in wanted] if folder.is_dir() else []
    return sorted(stale + extra)


def write_pages(folder: Path, rules: Sequence[type[Rule]]) -> list[str]:
    """Write every page into ``folder`` (removing pages of retired rules); return changed names."""
    changed = stale_pages(folder, rules)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = expected_pages(rules)
    for name in changed:
        if name in wanted:
            (folder / name).write_text(wanted[name], encoding="utf-8")
        else:
            (folder / name).unlink()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    from . import RULES

    parser = argparse.ArgumentParser(description="生成 docs/rules 下的规则文档")
    parser.add_argument("--check", action="store_true", help="只检查文档是否最新（过期则退出码 1）")
    parser.add_argument("--dir", type=Path, default=DOCS_DIR, help="文档目录")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_pages(args.dir, RULES)
        if stale:
            print(
                f"规则文档已过期：{'、'.join(stale)}；请运行 python -m jixiao.rules.docs",
                file=sys.stderr,
            )
            return 1
        return 0
    for name in write_pages(args.dir, RULES):
        print(f"已更新 {args.dir / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
