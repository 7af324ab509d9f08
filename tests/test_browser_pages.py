"""Every HTML page of the URL × role table, for every role, in real Chromium at a desktop
(1366 px) and a phone (390 px) width: no sideways scroll, no serious or critical axe-core
violation, no Content-Security-Policy refusal, and a screenshot of each in test-artifacts/.

One test, so that the demo is seeded and Chromium started once for all of them; it
collects every problem before failing, so that one run shows them all.
"""

import re

import pytest
from django.urls import reverse

from campaigns.models import Scorecard
from councilwork.models import Council, User
from councilwork.roles import Role
from councilwork.services import user_upsert
from sessions.models import Session
from tests.browser import ARTIFACTS, DEMO_PASSWORD, browser, live_demo, log_in  # noqa: F401
from tests.browser_checks import (
    AXE,
    axe_violations,
    keyboard_problems,
    layout_problems,
    phone_form_problems,
    serve_axe,
)
from tests.test_url_roles import LOGIN, ROLES, TABLE

pytestmark = pytest.mark.browser
LOGINS = {"secretariat": "vanphong", "ward_a": "anhdung", "ward_b": "p-ward-b", "leader": "lanhdao"}
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
# Rows of the table that answer with a page (not a download, JSON, text or a redirect).
NOT_PAGES = {"healthz", "ping", "home", "summary:docx", "summary:xlsx", "summary:latest"}
NOT_PAGES |= {"summary:petitions-docx", "council-picker-levels"}
NOT_PAGES |= {"scoring:evidence-download", "scoring:ranking-latest", "scoring:proposals-latest"}
NOT_PAGES |= {"council_sessions:document-download"}
# PDF downloads: the certificates of a decision and a form's calibration page.
NOT_PAGES |= {"admin:awards_awarddecision_certificates", "admin:awards_certificateform_calibration"}


def _votes_urls(session) -> dict[str, str]:
    """Anh Dũng's sessions for votes, its first session's votes, the form for a new vote
    and a draft voted down there (made for the test: the demo's votes are the district's)."""
    from tests.test_votes_ward_staff import ward_vote

    name = "council_sessions:vote-"
    return {
        f"{name}sessions": reverse(f"{name}sessions") + "?council=anh-dung",
        f"{name}session": reverse(f"{name}session", args=[session.pk]),
        f"{name}add": reverse(f"{name}add", args=[session.pk]),
        f"{name}edit": reverse(f"{name}edit", args=[ward_vote(session).pk]),
    }


def page_urls() -> dict[str, str]:
    """An address for each GET row of the table, over the demo data."""
    card = Scorecard.objects.get(campaign__year=2024, subject_council__slug="anh-dung")
    session = Session.objects.filter(council__slug="anh-dung").order_by("start_date").first()
    return {
        "login": reverse("login"),
        "summary:page": "/summary/2023/?council=anh-dung",
        "summary:records": "/summary/2023/records/sessions/?council=anh-dung",
        "summary:petitions": "/summary/2023/petitions/?council=anh-dung",
        "scoring:list": reverse("scoring:list"),
        "scoring:scorecard GET": reverse("scoring:scorecard", args=[card.pk]),
        "scoring:ranking": "/campaigns/2023/ranking/",
        "scoring:proposals": "/campaigns/2023/proposals/",
        "search:results": reverse("search:results") + "?q=duong+kinh",
        "admin:index": reverse("admin:index"),
        "admin:login": reverse("admin:login"),
        "admin:councilwork_issuednumber_changelist": reverse(
            "admin:councilwork_issuednumber_changelist"
        ),
        **{
            f"admin:voters_{model}_changelist": reverse(f"admin:voters_{model}_changelist")
            for model in ("receptionday", "receptioncase", "votermeeting", "voterpetition")
        },
        "council_sessions:documents": reverse("council_sessions:documents", args=[session.pk]),
        "council_sessions:attendance-sessions": reverse("council_sessions:attendance-sessions")
        + "?council=anh-dung",
        "council_sessions:attendance-record": reverse(
            "council_sessions:attendance-record", args=[session.pk]
        ),
        "council_sessions:attendance-year": reverse("council_sessions:attendance-year", args=[2023])
        + "?council=anh-dung",
        **_votes_urls(session),
        **_recommendation_urls(),
        **_voters_urls(),
    }


def _voters_urls() -> dict[str, str]:
    """Anh Dũng's lists and new-record forms of reception days and meetings with voters,
    and its first demo reception day and meeting (with their cases and petitions)."""
    from voters.models import ReceptionDay, VoterMeeting

    own = "?council=anh-dung"
    day = ReceptionDay.objects.filter(council__slug="anh-dung").order_by("date").first()
    meeting = VoterMeeting.objects.filter(council__slug="anh-dung").order_by("date").first()
    return {
        **{
            f"voters:{name}": reverse(f"voters:{name}") + own
            for name in ("reception-days", "reception-day-add", "meetings", "meeting-add")
        },
        "voters:reception-day": reverse("voters:reception-day", args=[day.pk]),
        "voters:meeting": reverse("voters:meeting", args=[meeting.pk]),
    }


def _recommendation_urls() -> dict[str, str]:
    """Anh Dũng's recommendations, and its first one (a demo one, done on a response)."""
    from oversight.models import Recommendation

    record = Recommendation.objects.filter(activity__council__slug="anh-dung").first()
    return {
        "oversight:recommendations": reverse("oversight:recommendations") + "?council=anh-dung",
        "oversight:recommendation": reverse("oversight:recommendation", args=[record.pk]),
    }


# Pages beyond the table's one address per row: the district's own summary (charts, the
# table of wards, the council tree), the review queue, a closed campaign's scorecard
# and an admin list with its filters. (key, roles, url, expected status)
EXTRA = [
    ("summary district", ("secretariat", "leader"), "/summary/2023/", 200),
    ("review queue", ("secretariat",), "/scores/?status=submitted", 200),
    ("admin sessions", ("secretariat", "leader"), "/admin/council_sessions/session/", 200),
]


def visits(urls: dict[str, str]) -> list[tuple[str, str, str, int]]:
    """(role, key, url, status) for every page a role gets, the error pages included."""
    found = []
    for key, (method, expected) in sorted(TABLE.items()):
        if method != "get" or key.split(" ")[0] in NOT_PAGES:
            continue
        for role in ROLES:
            status = expected[role]
            if status in (LOGIN, 302):
                continue  # a redirect: its target is a page of its own here
            if key == "login" and role != "anonymous":
                continue  # the same page as the anonymous one
            found.append((role, key, urls[key], status))
    for key, roles, url, status in EXTRA:
        found += [(role, key, url, status) for role in roles]
    return found


@pytest.fixture
def site(live_demo):  # noqa: F811
    """The demo with a login for ward B and staff leaders; the addresses to visit.

    Made before the browser starts: no ORM call runs inside Playwright's event loop.
    """
    user_upsert(
        username="p-ward-b",
        role=Role.WARD,
        council=Council.objects.get(slug="da-phuc"),
        password=DEMO_PASSWORD,
    )
    User.objects.filter(username__in=["vanphong", "lanhdao"]).update(is_staff=True)
    urls = page_urls()
    return urls, visits(urls)


def test_every_page_for_every_role_at_desktop_and_phone_width(site, browser, live_demo):  # noqa: F811
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: bin/test installs it (npm)")
    urls, plan = site
    assert len({key for _role, key, _url, _status in plan}) >= 11
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    for role in ROLES:
        context = browser.new_context()
        serve_axe(context)
        page = context.new_page()
        refusals = []
        page.on(
            "console",
            lambda message, refusals=refusals: (
                refusals.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        if role != "anonymous":
            log_in(page, live_demo.url, LOGINS[role])
        for visit_role, key, url, status in plan:
            if visit_role != role:
                continue
            for width_name, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                response = page.goto(live_demo.url + url)
                where = f"{role} {key} {width_name} {url}"
                if response.status != status:
                    problems.append(f"{where}: status {response.status}, expected {status}")
                    continue
                problems += [f"{where}: {p}" for p in layout_problems(page)]
                problems += [f"{where}: {p}" for p in axe_violations(page)]
                if width_name == "phone":
                    problems += [f"{where}: {p}" for p in phone_form_problems(page)]
                name = re.sub(r"[^a-z0-9]+", "-", f"{key}-{role}-{width_name}".lower())
                page.screenshot(path=str(ARTIFACTS / f"page-{name}.png"), full_page=True)
        if role == "ward_a":
            card_url = urls["scoring:scorecard GET"]
            problems += keyboard_problems(page, live_demo.url, card_url)
        problems += [f"{role}: CSP refused: {text}" for text in refusals]
        context.close()
    assert problems == [], "\n".join(problems)
