"""How ``jixiao check`` prints its findings: a small registry of formatters.

``FINDING_FORMATS[name](checked)`` turns the reviewed documents into the output text:
``text`` for people (grouped by document and project, with the fix), ``json`` for
programs (the public shape documented in docs/check-json.md) and ``sarif`` (SARIF 2.1.0)
for code-scanning dashboards.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ..model import Document, Location
from ..review import DocumentReport
from ..rules.base import Finding, Rule, Severity
from ..rules.docs import description

# Where the rule pages live; SARIF viewers link each rule to its page. Set JIXIAO_DOCS_URL
# to the published docs (e.g. https://example.org/jixiao/docs/rules/) to get absolute links.
DOCS_URL = os.environ.get("JIXIAO_DOCS_URL", "docs/rules/")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@dataclass(slots=True)
class Checked:
    """One reviewed document: the path as the user named it, the document and its report."""

    path: str
    document: Document
    report: DocumentReport


@dataclass(slots=True)
class Unreadable:
    """An input that could not be reviewed, with the Chinese message naming it."""

    path: str
    message: str


@dataclass(slots=True)
class Outcome:
    """Everything one ``jixiao check`` run has to print."""

    checked: list[Checked]
    unreadable: list[Unreadable] = field(default_factory=list)
    rules: Sequence[type[Rule]] = ()

    def findings(self) -> Iterable[Finding]:
        for item in self.checked:
            yield from item.report.findings

    def counts(self) -> Counter[str]:
        return Counter(str(f.severity) for f in self.findings())


# --- text --------------------------------------------------------------------------------


def format_text(outcome: Outcome) -> str:
    """Return findings for people: per document, per project, ``file:line  CODE  message``."""
    lines: list[str] = []
    for item in outcome.checked:
        lines.extend(_document_text(item))
    lines.append(_summary_text(outcome))
    return "\n".join(lines) + "\n"


def _document_text(item: Checked) -> list[str]:
    report = item.report
    if not report.findings:
        return [f"{item.path}：{len(item.document.projects)} 个项目，未发现问题", ""]
    lines = [f"{item.path}：{len(item.document.projects)} 个项目，{len(report.findings)} 条问题"]
    by_project: dict[int, list[Finding]] = {}
    for finding in report.findings:
        by_project.setdefault(finding.project, []).append(finding)
    for index, findings in by_project.items():
        lines.append(_project_heading(item, index))
        for finding in findings:
            where = place(item.path, finding.location)
            lines.append(f"  {where}  {finding.rule}  {finding.severity.label}  {finding.message}")
            if finding.fix:
                lines.append(f"      修改建议：{finding.fix}")
    lines.append(_document_summary(report))
    lines.append("")
    return lines


def _document_summary(report: DocumentReport) -> str:
    counts = report.by_severity
    text = (
        f"  小计：错误 {counts.get('error', 0)} 条，警告 {counts.get('warning', 0)} 条，"
        f"提示 {counts.get('info', 0)} 条"
    )
    worst = [report.scores[i] for i in report.worst if i < len(report.scores)]
    if worst:
        named = "、".join(f"项目 {s.project + 1}（{s.score:g} 分，{s.grade}）" for s in worst)
        text += f"；得分最低：{named}"
    return text


def _project_heading(item: Checked, index: int) -> str:
    projects = item.document.projects
    name = (projects[index].name or projects[index].code or "") if index < len(projects) else ""
    scores = item.report.scores
    score = (
        f"（得分 {scores[index].score:g}，{scores[index].grade}）" if index < len(scores) else ""
    )
    return f"项目 {index + 1}“{name}”{score}"


def _summary_text(outcome: Outcome) -> str:
    counts = outcome.counts()
    projects = sum(len(item.document.projects) for item in outcome.checked)
    text = (
        f"共审核 {len(outcome.checked)} 个文件、{projects} 个项目：错误 {counts['error']} 条，"
        f"警告 {counts['warning']} 条，提示 {counts['info']} 条"
    )
    if outcome.unreadable:
        text += f"；{len(outcome.unreadable)} 个文件无法审核"
    return text + "。"


def place(path: str, location: Location | None) -> str:
    """Return ``file:line``, or the file with its page, sheet or cell when there is no line."""
    if location is None:
        return path
    if location.line:
        return f"{path}:{location.line}"
    where = str(location)
    return f"{path}（{where}）" if where else path


# --- json --------------------------------------------------------------------------------


def format_json(outcome: Outcome) -> str:
    """Return the public JSON document (docs/check-json.md)."""
    documents = []
    for item in outcome.checked:
        data = item.report.to_dict()
        data["source"] = item.path
        documents.append(data)
    counts = outcome.counts()
    summary = {
        "documents": len(outcome.checked),
        "projects": sum(len(item.document.projects) for item in outcome.checked),
        "findings": sum(counts.values()),
        "by_severity": {s: counts[s] for s in ("error", "warning", "info")},
        "by_rule": dict(sorted(Counter(f.rule for f in outcome.findings()).items())),
        "unreadable": [{"source": u.path, "message": u.message} for u in outcome.unreadable],
    }
    payload = {"documents": documents, "summary": summary}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# --- sarif -------------------------------------------------------------------------------


def format_sarif(outcome: Outcome) -> str:
    """Return a SARIF 2.1.0 log with one run: the rule catalogue and every finding."""
    from .. import __version__

    order = {rule.code: i for i, rule in enumerate(outcome.rules)}
    results = [
        _sarif_result(item.path, finding, order)
        for item in outcome.checked
        for finding in item.report.findings
    ]
    run = {
        "tool": {
            "driver": {
                "name": "jixiao",
                "version": __version__,
                "informationUri": f"{DOCS_URL}README.md",
                "rules": [_sarif_rule(rule) for rule in outcome.rules],
            }
        },
        "results": results,
        "invocations": [_sarif_invocation(outcome)],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_rule(rule: type[Rule]) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.__name__,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": description(rule)},
        "helpUri": f"{DOCS_URL}{rule.code}.md",
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
    }


def _sarif_result(path: str, finding: Finding, order: dict[str, int]) -> dict[str, Any]:
    text = finding.message + (f" 修改建议：{finding.fix}" if finding.fix else "")
    physical: dict[str, Any] = {"artifactLocation": {"uri": PurePath(path).as_posix()}}
    if finding.location is not None and finding.location.line:
        physical["region"] = {"startLine": finding.location.line}
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "properties": {"project": finding.project, "indicator": finding.indicator},
    }
    if finding.rule in order:
        result["ruleIndex"] = order[finding.rule]
    return result


def _sarif_invocation(outcome: Outcome) -> dict[str, Any]:
    notes = [
        {"level": "error", "message": {"text": bad.message}, "descriptor": {"id": "unreadable"}}
        for bad in outcome.unreadable
    ]
    return {"executionSuccessful": not outcome.unreadable, "toolExecutionNotifications": notes}


FINDING_FORMATS: dict[str, Callable[[Outcome], str]] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
}
