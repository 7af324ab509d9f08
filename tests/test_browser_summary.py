"""A leader reads the 2023 summary in real Chromium and checks a figure by its records."""

import pytest

from tests.browser import ARTIFACTS, browser, live_demo, log_in  # noqa: F401

pytestmark = pytest.mark.browser


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


def test_the_page_reads_on_a_phone_and_prints_without_menus(browser, live_demo):  # noqa: F811
    page = browser.new_page(viewport={"width": 390, "height": 844})
    log_in(page, live_demo.url, "lanhdao")
    page.goto(f"{live_demo.url}/summary/2023/")
    wards = page.locator('tr[data-key="below.commune.sessions.total"] a.figure-link')
    assert wards.inner_text() == "13"
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "summary-2023.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    page.screenshot(path=str(ARTIFACTS / "summary-2023-phone-print.png"), full_page=True)
