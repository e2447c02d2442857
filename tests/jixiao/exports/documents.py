"""Documents the exporter tests write out: the seeds' expected JSON and a self-evaluation."""

from __future__ import annotations

from pathlib import Path

from jixiao import interchange
from jixiao.model import (
    DepartmentOverview,
    Document,
    Indicator,
    Project,
    SpendingPlan,
    Value,
)
from tests.conftest import EXPECTED


def expected_paths() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def expected_document(path: Path) -> Document:
    return interchange.loads(path.read_text(encoding="utf-8"))


def self_evaluation() -> Document:
    """Return a small 绩效自评表 document with a department overview."""
    rows = [
        Indicator(
            "产出指标",
            "数量指标",
            "培训场次",
            None,
            Value("≥4次", ">=", 4, "次"),
            weight=20,
            actual="5次",
            score=20,
        ),
        Indicator(
            "产出指标",
            "质量指标",
            "培训合格率",
            None,
            Value("≥95%", ">=", 95, "%"),
            weight=20,
            actual="97%",
            score=18.5,
        ),
        Indicator(
            "效益指标",
            "社会效益指标",
            "服务能力",
            None,
            Value("有效提升"),
            weight=30,
            actual="有效提升",
            score=30,
        ),
        Indicator(
            "满意度指标",
            "服务对象满意度指标",
            "参训人员满意度",
            None,
            Value("≥90%", ">=", 90, "%"),
            weight=20,
            actual="92%",
            score=20,
        ),
    ]
    project = Project(
        code="13082825P00818410002X",
        name="2024年业务培训项目",
        year=2024,
        unit_code="437001",
        unit_name="某县数据和政务服务局",
        department="某县人民政府办公室",
        budget_total=12.5,
        budget_fiscal=12.5,
        budget_other=0,
        purpose="组织全县政务服务人员业务培训",
        spending_plan=SpendingPlan({3: 25, 6: 50, 10: 75, 12: 100}),
        goals=["1.完成业务培训4场。", "2.提升政务服务人员业务能力。"],
        indicators=rows,
        kind="self_evaluation",
        budget_executed=11.8,
        execution_rate=94.4,
        total_score=88.5,
        long_term_goals=["建成常态化培训机制。"],
    )
    overview = DepartmentOverview(
        overall_goal="提升政务服务效能。",
        sub_goals=["1.推进一网通办。", "2.建设智慧大厅。"],
        measures=["1.加强组织领导。"],
    )
    return Document("自评.json", [project], overview)
