"""Build a Project from a table's preamble and header texts."""

from __future__ import annotations

import re

from ... import vocabulary as vocab
from ...model import Number, Project, SpendingPlan
from ...values import parse_number, squash
from ..grid import Row
from .cleaning import clean, find_year
from .header import Header

# "437001围场…局", "435001 巨鹿县行政审批局本级 单位：万元", "[010]霍山县…",
# "预算单位：435001 巨鹿县…" (a label before the code)
_UNIT_LINE = re.compile(
    r"^(?:(?:预算|编制|填报|申报|实施)?单位(?:名称)?[:：]\s*)?"
    r"[\[【(（]?(\d{3,12})(?![\d年])[\]】)）]?\s*([^\d\s:：].*?)\s*(?:单位[:：].*)?$"
)
_UNIT_SUFFIX = re.compile(r"\s*[(（]\s*部门\s*[)）]\s*$")
_GOAL_START = re.compile(
    r"(?:(?<=^)|(?<=[。；;！!\s]))"
    r"(?=(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.、．](?!\d)|目标\d{1,2}[:：])"
)
# Goals numbered (一) (二) or ① ②: split on that marker only when the text opens with it,
# since such markers also number the parts of one goal ("1.保障运转：(1)…；(2)…").
_BRACKET_GOAL_START = re.compile(
    r"(?:(?<=^)|(?<=[。；;！!\s]))(?=[(（](?:\d{1,2}|[一二三四五六七八九十]{1,2})[)）])"
)
_CIRCLED_GOAL_START = re.compile(r"(?=[①-⑳])")
# "6.2025年政务服务大厅工作运转经费绩效目标表" → the project name, when 项目名称 is missing.
_TITLE_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．]\s*")
# "一、光纤租赁费", "（二）统一着装经费", "3.政务外网费用": a numbered heading over a table.
_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．]|[(（][一二三四五六七八九十\d]{1,3}[)）])\s*"
)
_HEADING_LENGTH = 60
_TITLE_SUFFIX = re.compile(r"(?:项目)?(?:支出)?绩效(?:目标|自评|评价)[^表]{0,6}表$")
_NAME_YEAR = re.compile(r"^((?:19|20)\d\d)年(?!\d)")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d(?:年度?)?$")
_PERCENT = 100
# Header fields a line above the table may carry as "label：value".
_ABOVE_FIELDS = frozenset({"unit_name", "filing_unit", "department"})
_YUAN_PER_WAN = 10_000


def build_project(preamble: list[Row], header: Header, document_year: int | None) -> Project:
    """Given the rows before a table and its header texts, return the Project (no indicators)."""
    unit_code, unit_line = _unit_line(preamble)
    above = _labelled_lines(preamble)
    department, department_code = _department(header.first("department") or above.get("department"))
    unit_name, unit_name_code = _department(
        header.first("unit_name")
        or above.get("unit_name")
        or header.first("filing_unit")
        or above.get("filing_unit")
    )
    goals, year = _goals_and_year(header.texts.get("goals"))
    long_term = _goals(header.texts.get("long_term_goals"))
    if goals is None:
        # 总体目标 printed with no annual goals beside it is the table's goal (the spec
        # keeps long-term goals apart only from annual ones).
        goals, long_term = long_term, None
    project = Project(
        code=squash(header.first("code")) or None,
        name=clean(header.first("name")) or None,
        year=year or _year(header, preamble) or document_year or _leading_year(header),
        unit_code=_code(header.first("unit_code"))
        or unit_code
        or unit_name_code
        or department_code,
        unit_name=unit_name or unit_line or None,
        department=department,
        purpose=clean("".join(header.texts.get("purpose", []))) or None,
        goals=goals,
        long_term_goals=long_term,
        kind=_kind(preamble),
    )
    if project.kind == "department" and not project.unit_name:
        project.unit_name = project.department
    _set_budget(project, header)
    _set_results(project, header)
    if header.plan:
        project.spending_plan = SpendingPlan(dict(sorted(header.plan.items())))
    return project


def _labelled_lines(preamble: list[Row]) -> dict[str, str]:
    """Units named on a line above the table: "填报单位（盖章）：某县教育局"."""
    found: dict[str, str] = {}
    for row in preamble:
        texts = [t for t in row.texts if t]
        if len(texts) != 1:
            continue
        label, colon, value = texts[0].replace("：", ":").partition(":")
        field = vocab.header_field(label) if colon else None
        if field in _ABOVE_FIELDS and value.strip():
            found.setdefault(field, value.strip())
    return found


def name_from_title(preamble: list[Row]) -> str | None:
    """Given the rows before a table, return the project name its title line carries."""
    for row in preamble:
        texts = [t for t in row.texts if t]
        if len(texts) == 1 and vocab.title_kind(texts[0]):
            name = _TITLE_SUFFIX.sub("", _TITLE_NUMBER.sub("", clean(texts[0])))
            if name and name != clean(texts[0]) and not name.startswith("("):
                return name
    return name_from_heading(preamble)


def name_from_heading(preamble: list[Row]) -> str | None:
    """Given the rows before a table, return the text of the numbered heading nearest
    above it ("一、光纤租赁费" → "光纤租赁费"): the project name, where the table has none.

    A heading is one short line that is neither a label (项目名称：…) nor the unit line.
    """
    for row in reversed(preamble):
        texts = [t for t in row.texts if t]
        if len(texts) != 1 or len(texts[0]) > _HEADING_LENGTH:
            continue
        match = _HEADING_NUMBER.match(texts[0])
        rest = clean(texts[0][match.end() :]) if match else ""
        if rest and not re.search(r"[:：]", rest) and not _UNIT_LINE.match(rest):
            return rest
    return None


def _unit_line(preamble: list[Row]) -> tuple[str | None, str | None]:
    for row in preamble:
        for text in row.texts:
            match = _UNIT_LINE.match(text.strip())
            if match and not vocab.title_kind(text) and len(text) <= 60:
                return match.group(1), clean(match.group(2)) or None
    return None, None


def _department(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    text = _UNIT_SUFFIX.sub("", text.strip())
    match = _UNIT_LINE.match(text)
    # A budget-unit code printed before the name: "[010]霍山县…", "435001 巨鹿县…".
    if match:
        return clean(match.group(2)), match.group(1)
    return clean(text) or None, None


def _year(header: Header, preamble: list[Row]) -> int | None:
    printed = header.first("year")
    if printed and (year := find_year(printed + "年")):
        return year
    for row in preamble:
        for text in row.texts:
            if len(text) <= 80 and (year := find_year(text)):
                return year
    return None


def _leading_year(header: Header) -> int | None:
    """The year a project name starts with ("2025年免费刻章服务项目"), when nothing else says."""
    name = clean(header.first("name"))
    match = _NAME_YEAR.match(name)
    return int(match.group(1)) if match else None


def _code(text: str | None) -> str | None:
    code = squash(text).strip("[]【】()（）")
    return code or None


def _kind(preamble: list[Row]) -> str:
    for row in preamble:
        for text in row.texts:
            kind = vocab.title_kind(text)
            if kind:
                return kind
    return "target"


def _goals_and_year(texts: list[str] | None) -> tuple[list[str] | None, int | None]:
    """Split off a year printed under the short 年度 label ("年度：2024") from the goals."""
    year = None
    kept = []
    for text in texts or []:
        if _YEAR_ONLY.match(vocab.key(text)):
            year = int(vocab.key(text)[:4])
        else:
            kept.append(text)
    return _goals(kept), year


def _goals(texts: list[str] | None) -> list[str] | None:
    if not texts:
        return None
    goals: list[str] = []
    for text in texts:
        goals.extend(p for p in (clean(p) for p in _split_goals(clean(text))) if p)
    return goals or None


def _split_goals(text: str) -> list[str]:
    """Given one goals cell, return its numbered goals (the whole text if unnumbered)."""
    parts = _GOAL_START.split(text)
    if len([p for p in parts if p.strip()]) > 1:
        return parts
    for marker in (_BRACKET_GOAL_START, _CIRCLED_GOAL_START):
        if marker.match(text):
            return marker.split(text)
    return parts


def _set_budget(project: Project, header: Header) -> None:
    scale = 1 / _YUAN_PER_WAN if header.money_in_yuan else 1
    if header.budget:
        _set_budget_lines(project, header.budget, scale)
    project.budget_total = _first_set(project.budget_total, _amount(header, "budget_total", scale))
    project.budget_fiscal = _first_set(
        project.budget_fiscal, _amount(header, "budget_fiscal", scale)
    )
    project.budget_other = _first_set(project.budget_other, _amount(header, "budget_other", scale))


def _set_results(project: Project, header: Header) -> None:
    """Self-evaluation figures printed as label and value, where no budget matrix gave them."""
    scale = 1 / _YUAN_PER_WAN if header.money_in_yuan else 1
    if project.budget_executed is None:
        project.budget_executed = _scaled(header.first("budget_executed"), scale)
    if project.execution_rate is None:
        project.execution_rate = _rate(header.first("execution_rate"))
    if project.total_score is None:
        project.total_score = parse_number(header.first("total_score"))


def _set_budget_lines(project: Project, lines: dict[str, dict[str, str]], scale: float) -> None:
    total = lines.get("budget_total", {})
    project.budget_total = _scaled(total.get("adjusted") or total.get("planned"), scale)
    project.budget_executed = _scaled(total.get("executed"), scale)
    project.execution_rate = _rate(total.get("rate"))
    for line, attribute in (("budget_fiscal", "budget_fiscal"), ("budget_other", "budget_other")):
        values = lines.get(line, {})
        amount = values.get("adjusted") or values.get("planned")
        setattr(project, attribute, _scaled(amount, scale))


def _amount(header: Header, name: str, scale: float) -> Number | None:
    return _scaled(header.first(name), scale)


def _scaled(text: str | None, scale: float) -> Number | None:
    number = parse_number(text)
    word = vocab.key(text)
    if word.endswith("万元"):
        scale = 1  # the figure names its unit, whatever the table's unit is
    elif word.endswith("元"):
        scale = 1 / _YUAN_PER_WAN
    if number is None or scale == 1:
        return number
    return _tidy(number * scale)


def _rate(text: str | None) -> Number | None:
    word = vocab.key(text)
    if not word:
        return None
    number = parse_number(word.rstrip("%"))
    if number is not None and not word.endswith("%") and 0 < number <= 1:
        number = _tidy(number * _PERCENT)
    return number


def _tidy(number: float) -> Number:
    rounded = round(number, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def _first_set(current: Number | None, fallback: Number | None) -> Number | None:
    return current if current is not None else fallback
