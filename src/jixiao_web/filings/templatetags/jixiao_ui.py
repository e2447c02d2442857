"""Template filters of the filings pages: values in a diff written as a table prints them."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.model import PLAN_MONTHS
from jixiao.values import format_number

register = template.Library()

SYMBOLS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}
EMPTY = "（空）"


@register.filter
def cell(change: Any, side: str) -> str:
    """Given a diff FieldChange and "old" or "new", return that side as the table prints it."""
    value = getattr(change, side)
    if value is None or value == "" or value == []:
        return EMPTY
    if change.field == "direction":
        return SYMBOLS.get(value, str(value))
    if change.field == "spending_plan" and isinstance(value, dict):
        return "，".join(f"{m}月底 {_plan(value.get(str(m)))}" for m in PLAN_MONTHS)
    if isinstance(value, list):
        return "；".join(str(item) for item in value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def _plan(figure: Any) -> str:
    return "—" if figure is None else f"{format_number(figure)}%"
