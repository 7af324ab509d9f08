"""The council picker one level at a time in real Chromium: the secretariat, by keyboard
alone, chooses a province (its communes are then listed under it, read by
js/council_picker.js), one of its communes, and "Show": the list opens on that commune
with the page's other filters kept; no serious or critical axe-core violation."""

import pytest

from councilwork.models import Council, CouncilLevel
from tests.browser import browser, live_demo, log_in  # noqa: F401
from tests.browser_checks import AXE, axe_violations, serve_axe

pytestmark = pytest.mark.browser
COMMUNES = [("bp-b", "HĐND xã Bắc Sơn"), ("bp-a", "HĐND xã An Lạc")]


def test_the_secretariat_opens_a_commune_by_keyboard(browser, live_demo):  # noqa: F811
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: bin/test installs it (npm)")
    root = Council.objects.create(
        name="HĐND tỉnh Bàn Phím", short_name="Bàn Phím", slug="bp-tinh", level="province"
    )
    for slug, name in COMMUNES:
        Council.objects.create(
            name=name, short_name=slug, slug=slug, level=CouncilLevel.COMMUNE, parent=root
        )
    context = browser.new_context()
    serve_axe(context)
    page = context.new_page()
    log_in(page, live_demo.url, "vanphong")
    page.goto(f"{live_demo.url}/recommendations/?council=anh-dung&status=open&sort=-deadline")
    select = page.locator("#council-choice")
    assert select.locator("option[value=bp-a]").count() == 0  # not listed before it is asked
    assert axe_violations(page) == []
    select.focus()
    select.select_option("bp-tinh")  # as the arrow keys do: one change event
    communes = select.locator('option[data-parent="bp-tinh"]')
    communes.first.wait_for(state="attached")
    names = [text.strip("\u00a0") for text in communes.all_inner_texts()]
    assert names == sorted(name for _slug, name in COMMUNES)
    assert page.inner_text("[data-council-picker-status]") != ""
    select.select_option("bp-a")
    page.keyboard.press("Tab")  # to "Show"
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Xem"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    url = page.url
    assert "council=bp-a" in url and "status=open" in url and "sort=-deadline" in url
    assert "HĐND xã An Lạc" in page.inner_text("h1")
    assert axe_violations(page) == []
    context.close()
