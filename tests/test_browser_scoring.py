"""In real Chromium: ward staff score and submit, the secretariat approves, the leader's
ranking changes."""

import pytest

from tests.browser import ARTIFACTS, browser, live_demo, log_in  # noqa: F401

pytestmark = pytest.mark.browser


def as_user(browser, base_url, username):  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    log_in(page, base_url, username)
    return page


def test_score_submit_approve_and_rank(browser, live_demo):  # noqa: F811
    base = live_demo.url
    ARTIFACTS.mkdir(exist_ok=True)
    leader = as_user(browser, base, "lanhdao")
    leader.goto(f"{base}/campaigns/2024/ranking/")
    assert leader.locator("tr.ranking-row").count() == 0

    ward = as_user(browser, base, "anhdung")
    ward.goto(f"{base}/scores/")
    ward.click("text=HĐND phường Anh Dũng")
    inputs = ward.locator("input[name^=points_]")
    assert inputs.count() == 6
    maxima = [int(m) for m in ward.locator("table.criteria td.num").all_inner_texts()]
    for i in range(inputs.count()):
        inputs.nth(i).fill(str(maxima[i]))
    inputs.nth(0).fill(str(maxima[0] + 5))
    ward.click("button[name=save]")
    ward.wait_for_load_state()
    assert (
        ward.locator(".errorlist").first.inner_text()
        == f"Tối đa {maxima[0]} điểm cho tiêu chí này."
    )
    assert ward.locator("tr.event-row").count() == 0  # nothing was saved
    ward.screenshot(path=str(ARTIFACTS / "scoring-error.png"), full_page=True)

    ward.locator("input[name^=points_]").nth(0).fill(str(maxima[0]))
    ward.click("button[name=submit]")
    ward.wait_for_load_state()
    assert ward.inner_text("#card-status") == "Đã gửi"
    assert ward.locator("input[name^=points_]").count() == 0  # read-only now
    assert ward.locator("tr.event-row").count() == 7  # six points and the submission

    secretariat = as_user(browser, base, "vanphong")
    secretariat.goto(ward.url)
    secretariat.click("button[name=decision][value=approve]")
    secretariat.wait_for_load_state()
    assert secretariat.inner_text("#card-status") == "Đã duyệt"
    secretariat.screenshot(path=str(ARTIFACTS / "scoring-approved.png"), full_page=True)

    leader.goto(f"{base}/campaigns/2024/ranking/")
    rows = leader.locator("tr.ranking-row")
    assert rows.count() == 1
    assert rows.first.locator(".subject").inner_text() == "HĐND phường Anh Dũng"
    assert rows.first.locator(".rank").inner_text() == "1"
    assert rows.first.locator(".total").inner_text() == "100/100"
    leader.screenshot(path=str(ARTIFACTS / "scoring-ranking.png"), full_page=True)
