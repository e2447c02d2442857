"""Read the matrices of a self-evaluation header printed as flowing text (PDF extraction).

A self-evaluation table heads its budget block with a line of column names (年初预算数
全年预算数 全年执行数 分值 执行率 得分) and prints each budget line as its label and one
figure per column. Text extraction may glue two figures ("10.0095%": 分值 10.00 and 执行率
95%, "5.70—": a figure and a dash); the figures are split apart again, with a warning.

A spending plan in layout text (pdfplumber layout=True) keeps each figure under its
month (3月底 … 12月底) as runs of spaces: a figure goes to the month it stands under, so
a plan of one figure (100% at 10月底) keeps its month.

Its goal block prints the expected goals beside what was achieved (预期目标 | 实际完成情况):
each goal line then holds the goal first and the achievement after it. The achievement
has no field in the interchange format; it is reported, not read into the goals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import vocabulary as vocab
from ...model import Location
from ...values import parse_number
from .cleaning import clean

# A figure or a dash standing for an empty cell.
_FIGURE = re.compile(r"[—–\-/]|\d+(?:\.\d+)?%?")
_FIGURES_ONLY = re.compile(r"^(?:[—–\-/]|\d+(?:\.\d+)?%?|\s)+$")
# An amount printed with two decimals glued to the percentage after it (10.00 + 95%).
_GLUED_AMOUNT = re.compile(r"^(\d+\.\d\d)(\d+(?:\.\d+)?%)$")
_WIDE_GAP = re.compile(r"\s{2,}")
_MONTH = re.compile(r"(\d{1,2})\s*月\s*[底末]")
_PLAN_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％]?")
_MIN_COLUMNS = 2
_ACHIEVED = "实际完成情况"


@dataclass(slots=True)
class Matrices:
    """Budget lines (line field → column kind → text) and the notes made reading them."""

    budget: dict[str, dict[str, str]] = field(default_factory=dict)
    plan: dict[int, float | int | None] = field(default_factory=dict)
    notes: list[tuple[str, Location | None]] = field(default_factory=list)


def take_matrices(
    lines: list[str], locations: list[Location | None], indents: list[int]
) -> tuple[list[tuple[str, Location | None]], Matrices]:
    """Given the header lines of a flowing table, where each is and how far each is
    indented, return the lines left (with their places) once the budget matrix, a laid
    out spending plan and the achievements beside the goals are taken out, and what
    they held."""
    found = Matrices()
    kept: list[tuple[str, Location | None]] = []
    columns: list[str] = []
    months: dict[int, float] = {}
    beside_goals = False
    for line, where, indent in zip(lines, locations, indents, strict=True):
        if months:
            taken = _read_plan(line, indent, months, found)
            months = {}
            if taken:
                continue
        if not found.plan and (months := _laid_out_months(line, indent)):
            found.plan = dict.fromkeys(months)
            continue
        if not columns and (columns := _budget_columns(line)):
            continue
        if columns and _budget_line(line, columns, where, found):
            continue
        columns = []
        if _is_goal_matrix_head(line):
            beside_goals = True
        elif beside_goals and not _starts_with_label(line):
            line = _goal_part(line, where, found)
        elif beside_goals and vocab.header_field(line.split()[0]) != "goals":
            beside_goals = False
        kept.append((line, where))
    return kept, found


def _laid_out_months(line: str, indent: int) -> dict[int, float]:
    """Given a line of layout text, return where the middle of each month label is, when
    it holds two or more (3月底    6月底 …) apart by wide gaps."""
    if not _WIDE_GAP.search(line):
        return {}
    found = {int(m[1]): indent + (m.start() + m.end()) / 2 for m in _MONTH.finditer(line)}
    return found if len(found) >= _MIN_COLUMNS else {}


def _read_plan(line: str, indent: int, months: dict[int, float], found: Matrices) -> bool:
    """Put each figure of the line under the months to the month nearest it; return
    False when the line holds no figure (an empty plan: the line is something else)."""
    figures = list(_PLAN_FIGURE.finditer(line))
    if not figures:
        return False
    for match in figures:
        middle = indent + (match.start() + match.end()) / 2
        month = min(months, key=lambda m: abs(months[m] - middle))
        found.plan[month] = parse_number(match[1])
    return True


def _budget_columns(line: str) -> list[str]:
    kinds = [vocab.budget_column(word) for word in line.split()]
    if len(kinds) < _MIN_COLUMNS or not all(kinds):
        return []
    return [kind for kind in kinds if kind]


def _budget_line(line: str, columns: list[str], where: Location | None, found: Matrices) -> bool:
    """Read a budget line (label, then one figure per column); False if it is not one."""
    words = line.split()
    labelled = [i for i, word in enumerate(words) if vocab.header_field(word)]
    if not labelled:
        return False
    rest = " ".join(words[labelled[-1] + 1 :])
    if not rest or not _FIGURES_ONLY.match(rest):
        return False
    figures = _split_glued(_FIGURE.findall(rest), len(columns), line, where, found)
    name = vocab.header_field(words[labelled[-1]]) or "ignored"
    found.budget[name] = dict(zip(columns, figures, strict=False))
    return True


def _split_glued(
    figures: list[str], count: int, line: str, where: Location | None, found: Matrices
) -> list[str]:
    """Split amounts glued to the percentage after them while there are too few figures."""
    if len(figures) >= count:
        return figures
    missing = count - len(figures)
    split: list[str] = []
    for figure in figures:
        glued = _GLUED_AMOUNT.match(figure) if missing > 0 else None
        if glued:
            missing -= 1
            split.extend(glued.groups())
            shown = " ".join(line.split())
            message = f"预算行“{shown}”中粘连的数字“{figure}”已拆为“{glued[1]}”和“{glued[2]}”"
            found.notes.append((message, where))
        else:
            split.append(figure)
    return split


def _is_goal_matrix_head(line: str) -> bool:
    words = line.split()
    return (
        len(words) == _MIN_COLUMNS
        and vocab.header_field(words[0]) == "goals"
        and vocab.key(words[1]) == _ACHIEVED
    )


def _starts_with_label(line: str) -> bool:
    words = line.split()
    return bool(words) and vocab.header_field(words[0]) is not None


def _goal_part(line: str, where: Location | None, found: Matrices) -> str:
    """Return the goal of a line printed beside its achievement, reporting the latter.

    Layout text keeps the column gap (two or more spaces); plain text a single one, so
    the goal is then taken to end at the first space.
    """
    parts = _WIDE_GAP.split(line.strip(), maxsplit=1)
    if len(parts) < _MIN_COLUMNS:
        parts = line.strip().split(None, 1)
    if len(parts) < _MIN_COLUMNS:
        return line
    goal, achieved = parts
    message = f"“{_ACHIEVED}”栏的文字“{clean(achieved)}”没有对应的字段，未读入年度目标"
    found.notes.append((message, where))
    return goal
