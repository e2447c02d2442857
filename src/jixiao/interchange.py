"""The interchange JSON (spec ``document-format.md``) to and from the domain model.

``to_dict(from_dict(d)) == d`` for every document this module writes: the round trip
is lossless. Provenance (``location``) and parse ``warnings`` travel as extra keys,
which the spec allows.
"""

from __future__ import annotations

import json
from typing import Any

from .model import (
    DepartmentOverview,
    Document,
    Indicator,
    Location,
    Project,
    ReadWarning,
    SpendingPlan,
    Value,
)

JSONDict = dict[str, Any]


def dumps(document: Document, *, indent: int | None = 2) -> str:
    return json.dumps(to_dict(document), ensure_ascii=False, indent=indent)


def loads(text: str) -> Document:
    return from_dict(json.loads(text))


# --- model → JSON ---------------------------------------------------------------------


def to_dict(document: Document) -> JSONDict:
    return {
        "source": document.source,
        "department_overview": _overview_to_dict(document.department_overview),
        "projects": [project_to_dict(p) for p in document.projects],
        "warnings": [_warning_to_dict(w) for w in document.warnings],
    }


def project_to_dict(project: Project) -> JSONDict:
    return {
        "code": project.code,
        "name": project.name,
        "year": project.year,
        "unit_code": project.unit_code,
        "unit_name": project.unit_name,
        "department": project.department,
        "budget_total": project.budget_total,
        "budget_fiscal": project.budget_fiscal,
        "budget_other": project.budget_other,
        "purpose": project.purpose,
        "spending_plan": _plan_to_dict(project.spending_plan),
        "goals": list(project.goals) if project.goals is not None else None,
        "indicators": [indicator_to_dict(i) for i in project.indicators],
        "kind": project.kind,
        "budget_executed": project.budget_executed,
        "execution_rate": project.execution_rate,
        "total_score": project.total_score,
        "long_term_goals": (
            list(project.long_term_goals) if project.long_term_goals is not None else None
        ),
        "location": _location_to_dict(project.location),
    }


def indicator_to_dict(indicator: Indicator) -> JSONDict:
    target = indicator.target
    return {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "name": indicator.name,
        "description": indicator.description,
        "raw_value": target.raw,
        "direction": target.direction,
        "value": target.number,
        "unit": target.unit,
        "nature": indicator.nature,
        "weight": indicator.weight,
        "basis": indicator.basis,
        "actual": indicator.actual,
        "score": indicator.score,
        "location": _location_to_dict(indicator.location),
    }


def _overview_to_dict(overview: DepartmentOverview | None) -> JSONDict | None:
    if overview is None:
        return None
    return {
        "overall_goal": overview.overall_goal,
        "sub_goals": list(overview.sub_goals),
        "measures": list(overview.measures),
    }


def _plan_to_dict(plan: SpendingPlan | None) -> JSONDict | None:
    if plan is None:
        return None
    return {str(month): value for month, value in plan.by_month.items()}


def _location_to_dict(location: Location | None) -> JSONDict | None:
    if location is None:
        return None
    data = {
        "line": location.line,
        "page": location.page,
        "sheet": location.sheet,
        "cell": location.cell,
    }
    return {k: v for k, v in data.items() if v is not None} or None


def _warning_to_dict(warning: ReadWarning) -> JSONDict:
    return {"message": warning.message, "location": _location_to_dict(warning.location)}


# --- JSON → model ---------------------------------------------------------------------


def from_dict(data: JSONDict) -> Document:
    return Document(
        source=data.get("source") or "",
        projects=[project_from_dict(p) for p in data.get("projects") or []],
        department_overview=_overview_from_dict(data.get("department_overview")),
        warnings=[_warning_from_dict(w) for w in data.get("warnings") or []],
    )


def project_from_dict(data: JSONDict) -> Project:
    return Project(
        code=data.get("code"),
        name=data.get("name"),
        year=data.get("year"),
        unit_code=data.get("unit_code"),
        unit_name=data.get("unit_name"),
        department=data.get("department"),
        budget_total=data.get("budget_total"),
        budget_fiscal=data.get("budget_fiscal"),
        budget_other=data.get("budget_other"),
        purpose=data.get("purpose"),
        spending_plan=_plan_from_dict(data.get("spending_plan")),
        goals=_optional_list(data.get("goals")),
        indicators=[indicator_from_dict(i) for i in data.get("indicators") or []],
        kind=data.get("kind") or "target",
        budget_executed=data.get("budget_executed"),
        execution_rate=data.get("execution_rate"),
        total_score=data.get("total_score"),
        long_term_goals=_optional_list(data.get("long_term_goals")),
        location=_location_from_dict(data.get("location")),
    )


def indicator_from_dict(data: JSONDict) -> Indicator:
    return Indicator(
        level1=data.get("level1"),
        level2=data.get("level2"),
        name=data.get("name"),
        description=data.get("description"),
        target=Value(
            raw=data.get("raw_value"),
            direction=data.get("direction"),
            number=data.get("value"),
            unit=data.get("unit"),
        ),
        nature=data.get("nature"),
        weight=data.get("weight"),
        basis=data.get("basis"),
        actual=data.get("actual"),
        score=data.get("score"),
        location=_location_from_dict(data.get("location")),
    )


def _optional_list(value: Any) -> list[str] | None:
    return list(value) if value is not None else None


def _overview_from_dict(data: JSONDict | None) -> DepartmentOverview | None:
    if data is None:
        return None
    return DepartmentOverview(
        overall_goal=data.get("overall_goal"),
        sub_goals=list(data.get("sub_goals") or []),
        measures=list(data.get("measures") or []),
    )


def _plan_from_dict(data: JSONDict | None) -> SpendingPlan | None:
    if data is None:
        return None
    return SpendingPlan(by_month={int(month): value for month, value in data.items()})


def _location_from_dict(data: JSONDict | None) -> Location | None:
    if not data:
        return None
    return Location(
        line=data.get("line"), page=data.get("page"), sheet=data.get("sheet"), cell=data.get("cell")
    )


def _warning_from_dict(data: JSONDict) -> ReadWarning:
    return ReadWarning(message=data["message"], location=_location_from_dict(data.get("location")))
