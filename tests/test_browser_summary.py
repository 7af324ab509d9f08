"""A leader reads the 2023 summary in real Chromium and checks a figure by its records."""

import re

import pytest

from tests.browser import ARTIFACTS, browser, live_demo, log_in  # noqa: F401

pytestmark = pytest.mark.browser
# The demo's 2023 summary printed on A4 by Chromium: 15 pages when every section began
# a page of its own; 7 (Chromium 156) now that sections follow on, headings stay with
# what follows them, and the figure tables stand two abreast; 8 since the summary also
# shows the digital work and the deputies' work (four more figure tables, 56 rows).
PRINTED_PAGES = 8
PRINT_STYLES = """() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  const pageRules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
    .filter((rule) => rule instanceof CSSPageRule);
  return {
    heading: style("#figures h2").breakAfter,
    thead: style("table.ranking thead").display,
    row: style("table.ranking tbody tr").breakInside,
    pageNumbers: pageRules.some((rule) => rule.cssText.includes("counter(page)")),
  };
}"""


def test_leader_follows_a_figure_to_its_records(browser, live_demo):  # noqa: F811
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    log_in(page, live_demo.url, "lanhdao")
    page.goto(f"{live_demo.url}/summary/2023/")
    assert "Tổng kết phong trào thi đua năm 2023" in page.inner_text("h1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "summary-2023.png"), full_page=True)

    link = page.locator('tr[data-key="council_resolutions"] a.figure-link')
    figure = int(link.inner_text())
    assert figure == 38
    link.click()
    page.wait_for_load_state()
    assert page.locator("tr.record-row").count() == figure
    assert int(page.inner_text(".record-count")) == figure
    page.screenshot(path=str(ARTIFACTS / "summary-2023-resolutions.png"), full_page=True)
    finds_another_council_and_prints(page, live_demo.url)


def finds_another_council_and_prints(page, base_url: str) -> None:
    """(Part of the test above, which has the demo seeded already.)"""
    # The menu's "Other councils" opens the summary's council picker.
    page.goto(f"{base_url}/summary/2023/")
    page.click("nav.menu >> text=HĐND khác")
    page.wait_for_load_state()
    assert page.locator("#council-picker").get_attribute("open") is not None
    names = page.locator("#council-tree li:visible > a, #council-tree li:visible > span")
    assert names.count() == 7  # the district and its six wards
    # Typed without diacritics, đ as d, any case, words in any order.
    page.fill("#council-filter", "THANH hai")
    assert names.all_inner_texts() == ["HĐND quận Dương Kinh", "HĐND phường Hải Thành"]
    page.fill("#council-filter", "da phuc")
    assert names.all_inner_texts() == ["HĐND quận Dương Kinh", "HĐND phường Đa Phúc"]
    page.fill("#council-filter", "không có")
    assert names.count() == 0
    assert page.locator("#council-none").is_visible()
    page.fill("#council-filter", "da phuc")
    with page.expect_navigation():
        page.click("#council-tree >> text=HĐND phường Đa Phúc")
    assert page.url.endswith("/summary/2023/?council=da-phuc")
    # From the commune, the way up; the Print button prints.
    with page.expect_navigation():
        page.click("a.up")
    assert page.url.endswith("/summary/2023/?council=duong-kinh")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("button[data-print]")
    assert page.evaluate("() => window.printed") == 1


def test_the_page_reads_on_a_phone_and_prints_without_menus(browser, live_demo):  # noqa: F811
    page = browser.new_page(viewport={"width": 390, "height": 844})
    log_in(page, live_demo.url, "lanhdao")
    page.goto(f"{live_demo.url}/summary/2023/")
    wards = page.locator('tr[data-key="below.commune.sessions.total"] a.figure-link')
    assert wards.inner_text() == "13"
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    printed = page.evaluate(PRINT_STYLES)
    assert printed == {
        "heading": "avoid",  # a heading is never the last line of a page
        "thead": "table-header-group",  # repeated at the top of every page of a table
        "row": "avoid",  # a row is never split across two pages
        "pageNumbers": True,  # @page's margin box: "3 / 6" at the foot of every page
    }
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "summary-2023.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
    print(f"summary 2023 printed on {pages} A4 pages")
    assert pages <= PRINTED_PAGES
    page.screenshot(path=str(ARTIFACTS / "summary-2023-phone-print.png"), full_page=True)
