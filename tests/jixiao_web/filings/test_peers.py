"""A filing is reviewed among its peers: the year's filings under the same finance bureau.

The two projects below have different names and purposes but the same six indicators
(JX601's own example): a pasted boilerplate set.
"""

from __future__ import annotations

import json

import pytest

from jixiao.interchange import project_to_dict
from jixiao.model import Document
from jixiao.rules.examples import build
from jixiao_web.filings import actions, peers, review
from jixiao_web.filings.models import Filing
from jixiao_web.filings.present import HIDDEN_PEER
from tests.jixiao_web.conftest import api_client
from tests.jixiao_web.ui.helpers import client_for, editor_post

TRAINING = {"name": "2025年政务服务窗口业务培训经费"}
LEASED_LINE = {
    "code": "13082825P00818110002L",
    "name": "2025年电子政务外网专线租赁费",
    "purpose": "租赁县乡两级电子政务外网专线，保障网上办件畅通。",
    "goals": ["1.全年专线畅通率不低于99%。"],
}
OWN_LINE_INDICATORS = [
    ["产出指标", "数量指标", "租赁专线条数", "≥14条"],
    ["产出指标", "质量指标", "专线畅通率", "≥99%"],
    ["产出指标", "时效指标", "故障修复时间", "≤4小时"],
    ["产出指标", "成本指标", "专线租赁费", "≤10万元"],
    ["效益指标", "社会效益指标", "网上办件率", "≥80%"],
    ["满意度指标", "服务对象满意度指标", "使用单位满意度", "≥90%"],
]


@pytest.fixture(autouse=True)
def _fresh_peer_cache():
    # Each test's database reuses ids; a cached scope from another test would be stale.
    peers.forget_all()
    yield
    peers.forget_all()


def _file(user, unit, snippet: dict, source: str) -> Filing:
    """Import one project as its own file, as a unit uploads one table per file."""
    document = build({"projects": [snippet]})
    return actions.do_create_from_document(document, user, unit, source=source)[0]


def _jx601(filing: Filing) -> list[dict]:
    filing.refresh_from_db()
    return [f for f in filing.findings if f["rule"] == "JX601"]


@pytest.fixture
def copies_in_one_unit(unit_clerk, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        training = _file(unit_clerk, tree.unit, TRAINING, "培训.docx")
    with django_capture_on_commit_callbacks(execute=True):
        line = _file(unit_clerk, tree.unit, LEASED_LINE, "专线.docx")
    return training, line


@pytest.fixture
def copies_in_two_units(unit_clerk, neighbour_clerk, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        training = _file(unit_clerk, tree.unit, TRAINING, "培训.docx")
    with django_capture_on_commit_callbacks(execute=True):
        line = _file(neighbour_clerk, tree.neighbour_unit, LEASED_LINE, "专线.docx")
    return training, line


def test_a_pasted_set_in_one_unit_is_flagged_on_both_filings(copies_in_one_unit):
    training, line = copies_in_one_unit
    assert [f["peers"] for f in _jx601(training)] == [[line.pk]]
    assert [f["peers"] for f in _jx601(line)] == [[training.pk]]
    training.refresh_from_db()
    assert training.warning_count == sum(f["severity"] == "warning" for f in training.findings)


def test_the_unit_sees_which_filing_it_copies_with_a_link(copies_in_one_unit, unit_clerk):
    training, line = copies_in_one_unit
    page = client_for(unit_clerk).get(f"/{training.pk}/").content.decode()
    assert f"“{line.name}”" in page
    assert f'href="/{line.pk}/"' in page
    assert "⟦" not in page


def test_a_reader_who_cannot_see_the_other_filing_is_not_told_its_name(
    copies_in_two_units, neighbour_clerk, unit_clerk
):
    training, line = copies_in_two_units
    page = client_for(neighbour_clerk).get(f"/{line.pk}/").content.decode()
    assert HIDDEN_PEER in page
    assert training.name not in page
    assert f"/{training.pk}/" not in page
    body = api_client(neighbour_clerk).get(f"/api/projects/{line.pk}").json()
    (finding,) = [f for f in body["findings"] if f["rule"] == "JX601"]
    assert finding["peers"] == [] and HIDDEN_PEER in finding["message"]
    assert training.name not in str(body)
    # The other unit's clerk is in the same position the other way round.
    body = api_client(unit_clerk).get(f"/api/projects/{training.pk}").json()
    assert line.name not in str(body)


def test_the_bureau_sees_both_names(copies_in_two_units, finance_reviewer):
    training, line = copies_in_two_units
    body = api_client(finance_reviewer).get(f"/api/projects/{line.pk}").json()
    (finding,) = [f for f in body["findings"] if f["rule"] == "JX601"]
    assert finding["peers"] == [{"id": training.pk, "name": training.name}]
    assert f"“{training.name}”" in finding["message"] and HIDDEN_PEER not in finding["message"]


def test_the_api_returns_the_findings_the_page_shows(copies_in_one_unit, unit_clerk):
    training, line = copies_in_one_unit
    body = api_client(unit_clerk).get(f"/api/projects/{training.pk}").json()
    (finding,) = [f for f in body["findings"] if f["rule"] == "JX601"]
    assert finding["peers"] == [{"id": line.pk, "name": line.name}]
    page = client_for(unit_clerk).get(f"/{training.pk}/").content.decode()
    assert finding["message"].replace("“", "&ldquo;") in page or finding["message"] in page


def test_editing_one_copy_clears_the_finding_on_the_other(
    copies_in_one_unit, unit_clerk, django_capture_on_commit_callbacks
):
    training, line = copies_in_one_unit
    project = build({"projects": [{**LEASED_LINE, "indicators": OWN_LINE_INDICATORS}]}).projects[0]
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_update(line, unit_clerk, project_to_dict(project), line.version)
    assert _jx601(line) == []
    assert _jx601(training) == []
    training.refresh_from_db()
    assert training.version == 1  # a peer's re-review is no edit: no conflict for its editor


def test_deleting_one_copy_clears_the_finding_on_the_other(
    copies_in_one_unit, unit_clerk, django_capture_on_commit_callbacks
):
    training, line = copies_in_one_unit
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_delete(line, unit_clerk)
    assert _jx601(training) == []


def test_filings_of_another_bureau_are_no_peers(
    unit_clerk, other_county, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        training = _file(unit_clerk, tree.unit, TRAINING, "培训.docx")
        line = _file(other_county, tree.other_unit, LEASED_LINE, "专线.docx")
    assert _jx601(training) == [] and _jx601(line) == []


def test_filings_of_another_year_are_no_peers(unit_clerk, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        training = _file(unit_clerk, tree.unit, {**TRAINING, "year": 2024}, "培训.docx")
        line = _file(unit_clerk, tree.unit, LEASED_LINE, "专线.docx")
    assert _jx601(training) == [] and _jx601(line) == []


def test_the_live_review_compares_what_is_typed_with_the_peers(copies_in_one_unit, unit_clerk):
    training, line = copies_in_one_unit
    post = editor_post(line)
    html = client_for(unit_clerk).post(f"/{line.pk}/edit/review/", post).content.decode()
    assert "JX601" in html and f"“{training.name}”" in html
    post["ind-name"] = [row[2] for row in OWN_LINE_INDICATORS]
    html = client_for(unit_clerk).post(f"/{line.pk}/edit/review/", post).content.decode()
    assert "JX601" not in html


def test_a_document_imported_at_once_is_reviewed_as_a_whole(unit_clerk, tree):
    # No peer review runs here (nothing commits): the import's own review compares
    # the projects of the document with each other, as `jixiao check` does.
    document = build({"projects": [TRAINING, LEASED_LINE]})
    training, line = actions.do_create_from_document(
        Document(source="两个项目.docx", projects=document.projects), unit_clerk, tree.unit
    )
    assert len(_jx601(training)) == 1 and len(_jx601(line)) == 1


EQUIPMENT = {
    "name": "2025年政务外网网络设备采购经费",
    "code": "13082825P00818110002A",
    "purpose": "采购政务外网网络设备。",
    "goals": ["1.采购网络设备20台，保障政务外网稳定运行。"],
    "indicators": [
        ["产出指标", "数量指标", "网络设备采购数量", "≥20台"],
        ["产出指标", "质量指标", "设备验收合格率", "=100%"],
        ["产出指标", "时效指标", "设备安装完成时间", "2025年6月底前"],
        ["产出指标", "成本指标", "设备采购成本", "≤10万元"],
        ["效益指标", "社会效益指标", "外网故障中断次数", "≤2次"],
        ["满意度指标", "服务对象满意度指标", "使用单位满意度", "≥90%"],
    ],
}
PASTED_ROW = {"rows": [["产出指标", "数量指标", "网络设备采购数量", "≥20台"]]}


def test_a_row_pasted_from_another_file_of_the_unit_names_that_filing(
    unit_clerk, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        equipment = _file(unit_clerk, tree.unit, EQUIPMENT, "设备.docx")
        training = _file(unit_clerk, tree.unit, PASTED_ROW, "培训.docx")
    training.refresh_from_db()
    (finding,) = [f for f in training.findings if f["rule"] == "JX402"]
    assert finding["peers"] == [equipment.pk]
    body = api_client(unit_clerk).get(f"/api/projects/{training.pk}").json()
    (shown,) = [f for f in body["findings"] if f["rule"] == "JX402"]
    assert f"项目“{equipment.name}”" in shown["message"]
    assert shown["peers"] == [{"id": equipment.pk, "name": equipment.name}]


def test_layout_facts_come_from_the_filings_own_file(
    unit_clerk, tree, django_capture_on_commit_callbacks
):
    # One file prints the basis column (指标值确定依据), the other does not: the second
    # file's rows are not missing a basis just because the unit's other file has one.
    with_basis = {
        "indicators": [[*row, {"basis": "年度工作计划"}] for row in OWN_LINE_INDICATORS],
        **{k: v for k, v in LEASED_LINE.items()},
    }
    with django_capture_on_commit_callbacks(execute=True):
        _file(unit_clerk, tree.unit, with_basis, "专线.docx")
        training = _file(unit_clerk, tree.unit, TRAINING, "培训.docx")
    training.refresh_from_db()
    assert not [f for f in training.findings if f["rule"] == "JX403"]


def test_one_filings_review_finds_what_a_pass_over_the_scope_finds(
    unit_clerk, neighbour_clerk, tree, django_capture_on_commit_callbacks
):
    # Seed 003 repeats one indicator set across projects (JX601); seed 004 is of the same
    # year; eight more projects set 参训人员满意度, one of them far too low (JX602).
    # Every project is its own file, in two units.
    from tests.jixiao_web.conftest import seed_document

    low = {"rows": [["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥50%"]]}
    snippets = [{"code": f"P{i}", "year": 2022} for i in range(7)] + [{"year": 2022, **low}]
    uploads = [
        *[(unit_clerk, tree.unit, p) for p in seed_document("003").projects],
        *[(neighbour_clerk, tree.neighbour_unit, p) for p in seed_document("004").projects],
        *[(unit_clerk, tree.unit, p) for p in build({"projects": snippets}).projects],
    ]
    for i, (user, unit, project) in enumerate(uploads):
        with django_capture_on_commit_callbacks(execute=True):
            document = Document(source=f"{i}.docx", projects=[project])
            actions.do_create_from_document(document, user, unit)
    filings = Filing.objects.select_related("organisation", "content")
    whole = review.corpus_findings(review.scope(peers.scope_key(filings.first())))
    assert {f["rule"] for found in whole.values() for f in found} == {"JX601", "JX602"}
    codes = review.corpus_codes()
    for filing in filings:
        alone = [f for f in review.review_filing(filing).findings if f["rule"] in codes]
        assert _canonical(alone) == _canonical(whole.get(filing.pk, [])), filing.name
        assert _canonical(f for f in filing.findings if f["rule"] in codes) == _canonical(alone)


def _canonical(findings) -> list[str]:
    return sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in findings)


def test_a_finding_quoting_its_own_projects_name_links_no_other_filing(
    unit_clerk, tree, django_capture_on_commit_callbacks
):
    # Two tables of one name in one file, one without its code: JX101 quotes the name.
    document = build({"projects": [TRAINING, {**TRAINING, "code": None}]})
    with django_capture_on_commit_callbacks(execute=True):
        _, uncoded = actions.do_create_from_document(document, unit_clerk, tree.unit)
    uncoded.refresh_from_db()
    (finding,) = [f for f in uncoded.findings if f["rule"] == "JX101"]
    assert finding["peers"] == [] and f"“{TRAINING['name']}”" in finding["message"]


def test_peer_links_in_the_editor_open_beside_it(copies_in_one_unit, unit_clerk):
    training, line = copies_in_one_unit
    client = client_for(unit_clerk)
    link = f'<a href="/{line.pk}/"'
    editor = client.get(f"/{training.pk}/edit/").content.decode()
    assert f'{link} target="_blank"' in editor  # typed input is not lost by following it
    detail = client.get(f"/{training.pk}/").content.decode()
    assert f"{link}>" in detail  # on the read-only page it is an ordinary link
