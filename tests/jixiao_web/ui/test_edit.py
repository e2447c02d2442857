"""The table editor: saving, refusing a stale save without losing input, htmx partials."""

from __future__ import annotations

import re

from jixiao_web.filings import actions, store
from jixiao_web.filings.models import Filing

from ..conftest import seed_document
from .helpers import client_for, editor_post

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_it_opens_the_editor_for_a_draft(draft, unit_clerk):
    response = client_for(unit_clerk).get(f"/{draft.pk}/edit/")
    assert response.status_code == 200
    assert 'name="ind-name"' in response.content.decode()


def test_it_refuses_the_editor_once_submitted(submitted, unit_clerk):
    assert client_for(unit_clerk).get(f"/{submitted.pk}/edit/").status_code == 403


def test_another_unit_cannot_open_or_save_our_table(draft, neighbour_clerk):
    client = client_for(neighbour_clerk)
    assert client.get(f"/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/{draft.pk}/edit/", editor_post(draft, name="x")).status_code == 404
    assert Filing.objects.get(pk=draft.pk).name == draft.name


def test_it_saves_operator_value_and_unit_entered_apart(draft, unit_clerk):
    data = editor_post(draft)
    data["ind-direction"][0] = "<="
    data["ind-number"][0] = "3"
    data["ind-unit"][0] = "台"
    response = client_for(unit_clerk).post(f"/{draft.pk}/edit/", data)
    assert response.status_code == 302
    target = store.project_of(Filing.objects.get(pk=draft.pk)).indicators[0].target
    assert (target.raw, target.direction, target.number, target.unit) == ("≤3台", "<=", 3, "台")


def test_an_unchanged_save_keeps_values_as_printed(draft, unit_clerk):
    before = [i.target.raw for i in store.project_of(draft).indicators]
    client_for(unit_clerk).post(f"/{draft.pk}/edit/", editor_post(draft))
    after = [i.target.raw for i in store.project_of(Filing.objects.get(pk=draft.pk)).indicators]
    assert after == before  # "100百分比" is not rewritten as "100%"


def test_it_refuses_a_stale_save_and_keeps_the_users_input(draft, unit_clerk):
    mine = editor_post(draft, name="我的项目名称")
    actions.do_update(draft, unit_clerk, store.project_of(draft), draft.version)  # someone else
    response = client_for(unit_clerk).post(f"/{draft.pk}/edit/", mine)
    html = response.content.decode()
    assert response.status_code == 409
    assert "保存失败" in html and "没有丢失" in html
    assert 'value="我的项目名称"' in html
    assert Filing.objects.get(pk=draft.pk).name == draft.name


def test_after_a_conflict_the_user_may_overwrite_knowingly(draft, unit_clerk):
    mine = editor_post(draft, name="我的项目名称")
    actions.do_update(draft, unit_clerk, store.project_of(draft), draft.version)
    mine["overwrite_version"] = "2"
    response = client_for(unit_clerk).post(f"/{draft.pk}/edit/", mine)
    assert response.status_code == 302
    assert Filing.objects.get(pk=draft.pk).name == "我的项目名称"


def test_a_qualitative_value_with_a_unit_is_refused_with_the_row_named(draft, unit_clerk):
    data = editor_post(draft)
    data["ind-number"][0] = "有效提升"
    data["ind-unit"][0] = "套"
    response = client_for(unit_clerk).post(f"/{draft.pk}/edit/", data)
    assert response.status_code == 400
    assert "定性指标值不能填写方向或单位" in response.content.decode()
    assert Filing.objects.get(pk=draft.pk).version == draft.version


def test_the_review_partial_reruns_on_what_is_typed(draft, unit_clerk):
    data = editor_post(draft)
    data["ind-direction"][3] = ">="  # the cost row: ≤28.75万元 → ≥28.75万元
    response = client_for(unit_clerk).post(f"/{draft.pk}/edit/review/", data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="findings"')
    assert "JX301" in html and "第4行" in html
    assert Filing.objects.get(pk=draft.pk).version == draft.version  # nothing stored


def test_grid_buttons_add_move_and_remove_rows(draft, unit_clerk):
    client = client_for(unit_clerk)
    data = editor_post(draft)
    names = list(data["ind-name"])

    def grid(op: str) -> str:
        return client.post(f"/{draft.pk}/edit/grid/", {**data, "op": op}, **HTMX).content.decode()

    added = grid("add:0")
    assert added.count('name="ind-name"') == len(names) + 1
    assert 'hx-swap-oob="true"' in added  # the findings panel comes along
    moved = grid("down:0")
    assert moved.index(f'value="{names[1]}"') < moved.index(f'value="{names[0]}"')
    removed = grid("remove:0")
    assert f'value="{names[0]}"' not in removed
    assert removed.count('name="ind-name"') == len(names) - 1


def test_the_editor_shows_why_the_table_was_returned(submitted, finance_reviewer, unit_clerk):
    actions.do_comment(submitted, finance_reviewer, "数量请写具体套数", indicator_index=0)
    actions.do_return(submitted, finance_reviewer, "请按意见修改")
    html = client_for(unit_clerk).get(f"/{submitted.pk}/edit/").content.decode()
    assert "退回理由" in html and "请按意见修改" in html
    assert "第1行" in html and "数量请写具体套数" in html


def test_weights_are_a_column_when_the_table_prints_them(unit_clerk, tree):
    document = seed_document("000")
    document.projects = document.projects[:1]
    for indicator in document.projects[0].indicators:
        indicator.weight = 10
    filing = actions.do_create_from_document(document, unit_clerk, tree.unit)[0]
    client = client_for(unit_clerk)
    assert 'name="ind-weight"' in client.get(f"/{filing.pk}/edit/").content.decode()
    data = editor_post(filing)
    data["ind-weight"][0] = "20"
    assert client.post(f"/{filing.pk}/edit/", data).status_code == 302
    weights = [i.weight for i in store.project_of(Filing.objects.get(pk=filing.pk)).indicators]
    assert weights == [20] + [10] * (len(weights) - 1)


def test_a_weight_that_is_not_a_number_is_refused(unit_clerk, tree, draft):
    data = editor_post(draft)
    data["ind-weight"][1] = "十分"
    response = client_for(unit_clerk).post(f"/{draft.pk}/edit/", data)
    assert response.status_code == 400
    assert "分值“十分”不是数字" in response.content.decode()


def test_a_refused_save_says_at_the_top_which_rows_to_fix(draft, unit_clerk):
    data = editor_post(draft)
    data["ind-name"][2] = ""
    response = client_for(unit_clerk).post(f"/{draft.pk}/edit/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "未保存：第3行填写有误" in html
    assert html.index("未保存") < html.index("基本信息")  # above the form, not in the panel


def test_a_refused_header_names_the_field_at_the_top(draft, unit_clerk):
    response = client_for(unit_clerk).post(
        f"/{draft.pk}/edit/", editor_post(draft, year="二〇二五")
    )
    assert response.status_code == 400
    assert "未保存：年度填写有误" in response.content.decode()


def _grid_after(client, draft, data, op: str) -> str:
    return client.post(f"/{draft.pk}/edit/grid/", {**data, "op": op}, **HTMX).content.decode()


def _focused_row(html: str) -> tuple[str, str]:
    """Return (data-row, data-focus) of the row the grid asks the browser to focus."""
    match = re.search(r'data-row="(\d+)" data-focus="(\w+)"', html)
    assert match, "no row carries data-focus"
    return match.group(1), match.group(2)


def test_grid_buttons_say_where_the_keyboard_focus_goes(draft, unit_clerk):
    client = client_for(unit_clerk)
    data = editor_post(draft)
    last = len(data["ind-name"]) - 1
    assert _focused_row(_grid_after(client, draft, data, "add:1")) == ("2", "name")
    assert re.search(
        r'class="[^"]*new-row" data-row="2"', _grid_after(client, draft, data, "add:1")
    )
    assert _focused_row(_grid_after(client, draft, data, "add")) == (str(last + 1), "name")
    assert _focused_row(_grid_after(client, draft, data, "up:3")) == ("2", "up")
    assert _focused_row(_grid_after(client, draft, data, "down:3")) == ("4", "down")
    assert _focused_row(_grid_after(client, draft, data, f"remove:{last}")) == (
        str(last - 1),
        "name",
    )


def test_removing_the_only_row_sends_focus_to_the_add_button(draft, unit_clerk):
    data = editor_post(draft)
    for field in [k for k, v in data.items() if k.startswith("ind-")]:
        data[field] = data[field][:1]
    html = _grid_after(client_for(unit_clerk), draft, data, "remove:0")
    assert '<div id="grid" data-focus="add">' in html
    assert "尚无指标" in html


def test_a_weight_column_can_be_added_to_a_table_without_weights(draft, unit_clerk):
    client = client_for(unit_clerk)
    data = editor_post(draft)
    page = client.get(f"/{draft.pk}/edit/").content.decode()
    assert 'name="ind-weight"' not in page and "添加分值列" in page
    shown = _grid_after(client, draft, data, "weights")
    assert shown.count('name="ind-weight"') == len(data["ind-name"])
    assert "添加分值列" not in shown
    # The still empty column survives the next grid button, then the save.
    data["show-weight"] = "1"
    data["ind-weight"] = [""] * len(data["ind-name"])
    assert 'name="ind-weight"' in _grid_after(client, draft, data, "add")
    data["ind-weight"][0] = "30"
    assert client.post(f"/{draft.pk}/edit/", data).status_code == 302
    weights = [i.weight for i in store.project_of(Filing.objects.get(pk=draft.pk)).indicators]
    assert weights[0] == 30 and weights[1:] == [None] * (len(weights) - 1)


def test_a_conflict_names_what_the_other_person_changed(draft, unit_clerk):
    mine = editor_post(draft, name="我的项目名称")
    theirs = store.project_of(draft)
    theirs.indicators[1].name = "对方改的指标"
    theirs.budget_total = 99
    actions.do_update(draft, unit_clerk, theirs, draft.version)
    html = client_for(unit_clerk).post(f"/{draft.pk}/edit/", mine).content.decode()
    assert "对方改动了：预算数；第2行 对方改的指标：三级指标。" in html


def test_screen_readers_hear_the_new_counts_not_the_whole_panel(draft, unit_clerk):
    response = client_for(unit_clerk).post(f"/{draft.pk}/edit/review/", editor_post(draft), **HTMX)
    html = response.content.decode()
    assert html.count("aria-live") == 1
    assert '<div class="review-summary" role="status" aria-live="polite">' in html
