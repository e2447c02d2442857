"""What a browser shows beyond the cycle: narrow windows, keyboard focus in the grid, uploads.

Uses the browser of ``test_cycle`` (Debian's chromium, skipped the same way when absent).
"""

from __future__ import annotations

import pytest

# ``browser`` is test_cycle's fixture, imported so pytest finds it here.
from .test_cycle import TIMEOUT_MS, browser, log_in, shot, sync_api  # noqa: F401

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def _page(browser, viewport):  # noqa: F811  (a parameter, not the fixture)
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def _focused(page) -> tuple[str, str]:
    """Return (name of the focused control, data-row of its grid row)."""
    return page.evaluate(
        """() => {
          const a = document.activeElement;
          const tr = a && a.closest ? a.closest('tr') : null;
          return [a ? (a.name || a.tagName) : '', tr && tr.dataset.row ? tr.dataset.row : ''];
        }"""
    )


@pytest.mark.parametrize("path", ["/", "/{pk}/", "/{pk}/edit/", "/{pk}/history/", "/overview/"])
def test_pages_fit_a_phone_without_sideways_scrolling(
    browser,  # noqa: F811
    live_server,
    draft,
    path,
):
    page = _page(browser, PHONE)
    log_in(page, live_server.url, "unit_clerk")
    page.goto(live_server.url + path.format(pk=draft.pk))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The menu wraps whole items: the bar stays two short rows, not a column of characters.
    assert page.locator("header.topbar").bounding_box()["height"] < 110
    shot(page, "phone" + path.format(pk="p").replace("/", "-").rstrip("-"))


def test_grid_buttons_keep_the_keyboard_in_the_grid(browser, live_server, draft):  # noqa: F811
    page = _page(browser, LAPTOP)
    log_in(page, live_server.url, "unit_clerk")
    page.goto(f"{live_server.url}/{draft.pk}/edit/")
    rows = page.locator("#grid tbody tr")
    count = rows.count()
    page.click("button:has-text('添加指标')")
    sync_api.expect(rows).to_have_count(count + 1)
    sync_api.expect(rows.nth(count).locator("input[name=ind-name]")).to_be_focused()
    page.keyboard.type("新增指标")
    rows.nth(1).locator("button[value^='down:']").click()
    sync_api.expect(rows.nth(2).locator("button[value^='down:']")).to_be_focused()
    rows.nth(count).locator("button[title='删除']").click()
    sync_api.expect(rows).to_have_count(count)
    sync_api.expect(rows.nth(count - 1).locator("input[name=ind-name]")).to_be_focused()
    page.click("button:has-text('添加分值列')")
    sync_api.expect(page.locator("input[name=ind-weight]")).to_have_count(count)


def test_a_finding_in_the_panel_takes_the_user_to_its_row(browser, live_server, draft):  # noqa: F811
    page = _page(browser, LAPTOP)
    log_in(page, live_server.url, "unit_clerk")
    page.goto(f"{live_server.url}/{draft.pk}/edit/")
    link = page.locator("#findings [data-goto-row]").first
    row = link.get_attribute("data-goto-row")
    link.click()
    assert _focused(page) == ["ind-name", row]


def test_the_file_button_is_chinese_and_lists_the_chosen_files(
    browser,  # noqa: F811
    live_server,
    unit_clerk,
    tmp_path,
):
    page = _page(browser, LAPTOP)
    log_in(page, live_server.url, "unit_clerk")
    page.goto(f"{live_server.url}/imports/")
    sync_api.expect(page.locator("label.file-pick")).to_have_text("选择文件…")
    first, second = tmp_path / "甲.txt", tmp_path / "乙.csv"
    first.write_text("甲", encoding="utf-8")
    second.write_text("乙", encoding="utf-8")
    page.set_input_files("input[type=file]", [str(first), str(second)])
    sync_api.expect(page.locator("[data-file-names]")).to_have_text(
        "已选择 2 个文件：甲.txt、乙.csv"
    )


def test_the_keyboard_focus_is_visible_on_the_dark_top_bar(browser, live_server, unit_clerk):  # noqa: F811
    page = _page(browser, LAPTOP)
    log_in(page, live_server.url, "unit_clerk")
    page.focus("nav.mainnav a >> nth=0")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineColor]; }"
    )
    assert outline == ["solid", "rgb(255, 255, 255)"]


def test_approval_asks_first_and_a_cancel_changes_nothing(
    browser,  # noqa: F811
    live_server,
    submitted,
    finance_reviewer,
):
    page = _page(browser, LAPTOP)
    log_in(page, live_server.url, "finance_reviewer")
    page.goto(f"{live_server.url}/{submitted.pk}/")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("button:has-text('审核通过')")
    page.wait_for_timeout(300)
    assert asked and "不能再退回" in asked[0]
    sync_api.expect(page.locator("#status")).to_have_text("已提交")
    page.reload()
    sync_api.expect(page.locator("#status")).to_have_text("已提交")


def test_a_page_left_open_still_saves_after_logging_in_again_elsewhere(
    browser,  # noqa: F811
    live_server,
    draft,
):
    page = _page(browser, LAPTOP)
    log_in(page, live_server.url, "unit_clerk")
    page.goto(f"{live_server.url}/{draft.pk}/edit/")
    page.fill("input[name=name]", "改过的项目名称")
    # In another tab of the same browser the clerk logs out and in again: new token.
    other = page.context.new_page()
    other.goto(f"{live_server.url}/")
    other.click("button:has-text('退出')")
    log_in(other, live_server.url, "unit_clerk")
    page.click("button:has-text('添加指标')")  # an htmx post with the form's old token
    sync_api.expect(page.locator("#grid tbody tr")).to_have_count(8)
    page.click(".savebar button:has-text('保存')")
    sync_api.expect(page.locator(".conflict")).to_contain_text("未保存：第8行")  # the empty new row
    page.locator("#grid tbody tr").last.locator("button[title='删除']").click()
    sync_api.expect(page.locator("#grid tbody tr")).to_have_count(7)
    page.click(".savebar button:has-text('保存')")
    sync_api.expect(page.locator(".messages")).to_contain_text("已保存")
    sync_api.expect(page.locator("h1")).to_have_text("改过的项目名称")


def test_leaving_the_editor_with_unsaved_input_asks_first(browser, live_server, draft):  # noqa: F811
    page = _page(browser, LAPTOP)
    log_in(page, live_server.url, "unit_clerk")
    page.goto(f"{live_server.url}/{draft.pk}/edit/")
    page.click("input[name=name]")
    page.keyboard.type("（修改中）")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.click("nav >> text=概览")
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url.endswith(f"/{draft.pk}/edit/")
    # Saving is not leaving.
    page.click(".savebar button:has-text('保存')")
    sync_api.expect(page.locator(".messages")).to_contain_text("已保存")
