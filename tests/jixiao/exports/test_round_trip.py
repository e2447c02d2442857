"""Import → export → import gives back the same document, for Excel and Word.

Provenance (``location``), ``warnings`` and ``source`` may differ; every spec field,
the department overview and the self-evaluation fields must not.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao import interchange
from jixiao.exports import export
from jixiao.importers import read, read_bytes
from jixiao.model import Document, Indicator, Project, SpendingPlan, Value
from jixiao.values import parse_value, squash, to_number
from tests.conftest import FIXTURES, seed_paths

from .documents import expected_document, expected_paths, self_evaluation

FORMATS = ("xlsx", "docx")
TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.*"))


def spec_fields(document: Document) -> dict:
    data = interchange.to_dict(document)
    del data["source"], data["warnings"]
    return _without_location(data)


def _without_location(value):
    if isinstance(value, list):
        return [_without_location(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_location(v) for k, v in value.items() if k != "location"}
    return value


def _again(document: Document, fmt: str) -> Document:
    return read_bytes(export(document, fmt), f"导出.{fmt}")


@pytest.fixture(scope="module", params=seed_paths(), ids=lambda p: p.stem[:3])
def imported(request) -> Document:
    return read(request.param)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_seed_comes_back_the_same(imported, fmt):
    assert spec_fields(_again(imported, fmt)) == spec_fields(imported)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", expected_paths(), ids=lambda p: p.stem[:3])
def test_the_expected_document_comes_back_the_same(path, fmt):
    document = expected_document(path)
    # The hand-checked files keep a few spaces the importer removes as extraction debris
    # (", 实现"); compare.py ignores whitespace for the same reason.
    assert _squashed(spec_fields(_again(document, fmt))) == _squashed(spec_fields(document))


def _squashed(value):
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, list):
        return [_squashed(v) for v in value]
    if isinstance(value, dict):
        return {k: _squashed(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_a_text_fixture_of_another_table_kind_comes_back_the_same(path, fmt):
    # Self-evaluation and department tables, amounts in 元, annual and long-term goals.
    document = read(path)
    assert spec_fields(_again(document, fmt)) == spec_fields(document)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_self_evaluation_with_an_overview_comes_back_the_same(fmt):
    document = self_evaluation()
    assert spec_fields(_again(document, fmt)) == spec_fields(document)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_twice_exported_file_reads_the_same_as_once(fmt):
    once = _again(expected_document(expected_paths()[1]), fmt)
    assert spec_fields(_again(once, fmt)) == spec_fields(once)


# --- generated documents -----------------------------------------------------------------

LEVELS = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
# Characters that form no label of the standard forms (no 项, 目, 指, 年, 单 …).
WORDS = st.text(
    alphabet="政务服务平台系统运维数据共享覆盖培训办公设备采购场所网络信息安全群众企业办件窗口",
    min_size=2,
    max_size=12,
)
AMOUNTS = st.decimals(min_value=0, max_value=9999, places=2).map(lambda d: to_number(str(d)))
TARGETS = st.one_of(
    st.integers(1, 100).map(lambda n: f"≥{n}%"),
    st.integers(1, 500).map(lambda n: f"≤{n}万元"),
    st.integers(1, 9999).map(lambda n: f"{n}个"),
    st.sampled_from(["有效提升", "明显改善", "长期", "7*24小时"]),
)
# Targets printed as a bare number with 指标方向 and 计量单位 in columns of their own.
COLUMN_TARGETS = st.builds(
    lambda n, direction, unit: Value(str(n), direction, n, unit),
    st.integers(0, 9999),
    st.sampled_from([">=", "<=", "="]),
    st.sampled_from(["次", "%", "万元", "个工作日", None]),
)


@st.composite
def indicators(draw) -> list[Indicator]:
    described, scored, columns = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    rows = []
    for level1, level2s in LEVELS.items():
        for level2 in draw(st.lists(st.sampled_from(level2s), min_size=1, max_size=2, unique=True)):
            for _ in range(draw(st.integers(1, 3))):
                rows.append(
                    Indicator(
                        level1,
                        level2,
                        draw(WORDS),
                        draw(WORDS) if described else None,
                        draw(COLUMN_TARGETS) if columns else parse_value(draw(TARGETS)),
                        nature=draw(st.sampled_from(["正向", "反向", "定性"])) if scored else None,
                        weight=draw(st.integers(1, 20)) if scored else None,
                        basis=draw(WORDS) if described else None,
                    )
                )
    return rows


@st.composite
def projects(draw) -> Project:
    fiscal = draw(AMOUNTS)
    return Project(
        code=draw(st.from_regex(r"[0-9]{8}P[0-9]{11}[A-Z]", fullmatch=True)),
        name=draw(WORDS) + "经费",
        year=draw(st.integers(2018, 2030)),
        unit_code=draw(st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)),
        unit_name=draw(WORDS) + "局",
        budget_total=fiscal,
        budget_fiscal=fiscal,
        purpose=draw(WORDS),
        spending_plan=SpendingPlan({3: 25, 6: 50, 10: 75, 12: 100}),
        goals=[f"{n}.{draw(WORDS)}。" for n in range(1, draw(st.integers(1, 3)) + 1)],
        indicators=draw(indicators()),
    )


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects=st.lists(projects(), min_size=1, max_size=3), fmt=st.sampled_from(FORMATS))
def test_a_generated_document_comes_back_the_same(projects, fmt):
    document = Document("生成.json", projects)
    assert spec_fields(_again(document, fmt)) == spec_fields(document)


# --- the flat CSV list -------------------------------------------------------------------


@pytest.mark.parametrize("path", [*seed_paths(), *TEXT_FIXTURES], ids=lambda p: p.stem)
def test_a_csv_export_reads_back_as_the_same_projects(path):
    # One indicator a row holds every project field; the department overview has no row.
    document = read(path)
    assert spec_fields(_again(document, "csv"))["projects"] == spec_fields(document)["projects"]
