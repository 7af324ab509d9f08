"""Every URL of the app against every role: the expected status, in one table.

A meta-test fails when a URL pattern is missing from the table. The admin's own
per-model pages are covered by tests/test_admin.py; here the admin stands in with its
index and login pages.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from campaigns.models import Evidence, Scorecard
from campaigns.services import scorecard_save, scorecard_submit
from councilwork.models import User
from devdata.demo.data import EVIDENCE_PDF
from tests.conftest import _client_for

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "secretariat", "ward_a", "ward_b", "leader")
LOGIN = "302 to the login page"


def row(anonymous, secretariat, ward_a, ward_b, leader):
    return dict(zip(ROLES, (anonymous, secretariat, ward_a, ward_b, leader), strict=True))


# name -> (method, expected status per role). Ward A is Anh Dũng, whose records these are.
TABLE = {
    "healthz": ("get", row(200, 200, 200, 200, 200)),
    "home": ("get", row(LOGIN, 302, 302, 302, 302)),
    "login": ("get", row(200, 200, 200, 200, 200)),
    "ping": ("get", row(LOGIN, 200, 200, 200, 200)),
    # The council picker's next level (JSON): ward staff their own council's, empty.
    "council-picker-levels": ("get", row(LOGIN, 200, 200, 200, 403)),
    "logout": ("post", row(302, 302, 302, 302, 302)),
    "set_language": ("post", row(302, 302, 302, 302, 302)),
    "summary:latest": ("get", row(LOGIN, 302, 302, 302, 302)),
    "summary:page": ("get", row(LOGIN, 200, 200, 404, 200)),
    "summary:docx": ("get", row(LOGIN, 200, 200, 404, 200)),
    "summary:xlsx": ("get", row(LOGIN, 200, 200, 404, 200)),
    "summary:records": ("get", row(LOGIN, 200, 200, 404, 200)),
    "summary:petitions": ("get", row(LOGIN, 200, 200, 404, 200)),
    "summary:petitions-docx": ("get", row(LOGIN, 200, 200, 404, 200)),
    "scoring:list": ("get", row(LOGIN, 200, 200, 200, 403)),
    "scoring:scorecard": ("post", row(LOGIN, 302, 302, 404, 403)),
    "scoring:scorecard GET": ("get", row(LOGIN, 200, 200, 404, 200)),
    "scoring:review": ("post", row(LOGIN, 302, 403, 404, 403)),
    "scoring:evidence-upload": ("post", row(LOGIN, 302, 302, 404, 403)),
    "scoring:evidence-download": ("get", row(LOGIN, 200, 200, 404, 200)),
    "scoring:evidence-delete": ("post", row(LOGIN, 302, 302, 404, 403)),
    "scoring:ranking": ("get", row(LOGIN, 200, 403, 403, 200)),
    "scoring:ranking-latest": ("get", row(LOGIN, 302, 403, 403, 302)),
    "scoring:proposals-latest": ("get", row(LOGIN, 302, 403, 403, 403)),
    "scoring:proposals": ("get", row(LOGIN, 200, 403, 403, 403)),
    "scoring:proposals POST": ("post", row(LOGIN, 302, 403, 403, 403)),
    "council_sessions:documents": ("get", row(LOGIN, 200, 200, 404, 200)),
    "council_sessions:document-download": ("get", row(LOGIN, 200, 200, 404, 200)),
    "council_sessions:attendance-sessions": ("get", row(LOGIN, 200, 200, 404, 403)),
    "council_sessions:attendance-record": ("get", row(LOGIN, 200, 200, 404, 403)),
    "council_sessions:attendance-record POST": ("post", row(LOGIN, 302, 302, 404, 403)),
    "council_sessions:attendance-year": ("get", row(LOGIN, 200, 200, 404, 200)),
    # Votes on resolutions: ward staff record their own council's.
    "council_sessions:vote-sessions": ("get", row(LOGIN, 200, 200, 404, 403)),
    "council_sessions:vote-session": ("get", row(LOGIN, 200, 200, 404, 403)),
    "council_sessions:vote-add": ("get", row(LOGIN, 200, 200, 404, 403)),
    "council_sessions:vote-add POST": ("post", row(LOGIN, 302, 302, 404, 403)),
    "council_sessions:vote-edit": ("get", row(LOGIN, 200, 200, 404, 403)),
    "council_sessions:vote-edit POST": ("post", row(LOGIN, 302, 302, 404, 403)),
    "search:results": ("get", row(LOGIN, 200, 200, 200, 200)),
    # Citizen reception and meetings with voters: ward staff record their own council's.
    "voters:reception-days": ("get", row(LOGIN, 200, 200, 404, 403)),
    "voters:reception-day-add": ("get", row(LOGIN, 200, 200, 404, 403)),
    "voters:reception-day": ("get", row(LOGIN, 200, 200, 404, 403)),
    "voters:reception-day POST": ("post", row(LOGIN, 302, 302, 404, 403)),
    "voters:meetings": ("get", row(LOGIN, 200, 200, 404, 403)),
    "voters:meeting-add": ("get", row(LOGIN, 200, 200, 404, 403)),
    "voters:meeting": ("get", row(LOGIN, 200, 200, 404, 403)),
    "voters:meeting POST": ("post", row(LOGIN, 302, 302, 404, 403)),
    # Recommendations followed to done: ward staff record their own council's responses.
    "oversight:recommendations": ("get", row(LOGIN, 200, 200, 404, 403)),
    "oversight:recommendation": ("get", row(LOGIN, 200, 200, 404, 403)),
    "oversight:recommendation POST": ("post", row(LOGIN, 302, 302, 404, 403)),
    # Their admin: the secretariat's and leaders' (ward staff record on the pages above).
    "admin:voters_receptionday_changelist": ("get", row(LOGIN, 200, LOGIN, LOGIN, 200)),
    "admin:voters_receptioncase_changelist": ("get", row(LOGIN, 200, LOGIN, LOGIN, 200)),
    "admin:voters_votermeeting_changelist": ("get", row(LOGIN, 200, LOGIN, LOGIN, 200)),
    "admin:voters_voterpetition_changelist": ("get", row(LOGIN, 200, LOGIN, LOGIN, 200)),
    "admin:index": ("get", row(LOGIN, 200, LOGIN, LOGIN, 200)),
    "admin:login": ("get", row(200, 302, 200, 200, 302)),
    "admin:awards_awarddecision_certificates": ("get", row(LOGIN, 200, LOGIN, LOGIN, 200)),
    "admin:awards_certificateform_calibration": ("get", row(LOGIN, 200, LOGIN, LOGIN, 200)),
    # The numbering register: the secretariat's; leaders are refused (not a record).
    "admin:councilwork_issuednumber_changelist": ("get", row(LOGIN, 200, LOGIN, LOGIN, 403)),
}


def all_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return {n for n in names if not n.startswith("admin:") or n in TABLE}


def test_every_url_is_in_the_table():
    covered = {key.split(" ")[0] for key in TABLE}
    assert all_url_names() - covered == set()


@pytest.fixture
def place(ward_a, secretariat):
    """The records the URLs point at: Anh Dũng's 2024 scorecard, its evidence, and more."""
    card = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    criteria = card.campaign.criteria.filter(applies_to="council")
    entries = {c.pk: (c.max_points, "") for c in criteria}
    saved = scorecard_save(scorecard=card, user=secretariat, version=card.version, entries=entries)
    evidence = Evidence.objects.create(
        scorecard=card,
        original_name="a.pdf",
        content_type="application/pdf",
        size=len(EVIDENCE_PDF),
        uploaded_by=secretariat,
        file=SimpleUploadedFile("a.pdf", EVIDENCE_PDF),
    )
    submitted = Scorecard.objects.get(campaign__year=2023, subject_council=ward_a)
    return {"card": saved, "evidence": evidence, "old_card": submitted, "criteria": criteria}


def request_for(key, place, secretariat):
    """(url, data) for a table row."""
    card, old = place["card"], place["old_card"]
    own = {"council": "anh-dung"}
    name = key.split(" ")[0]
    if name == "summary:latest":  # each role's own council: no council in the query
        return reverse(name), {}
    if name == "summary:records":
        return reverse(name, args=[2023, "sessions"]) + "?council=anh-dung", {}
    if name.startswith("summary:"):
        return reverse(name, args=[2023]) + "?council=anh-dung", {}
    if name == "scoring:scorecard":
        data = {"version": card.version, "save": "1"}
        data.update({f"points_{c.pk}": "1" for c in place["criteria"]})
        return reverse(name, args=[card.pk]), data
    if name == "scoring:review":
        # The ward submits, the secretariat reviews: nobody approves their own submission.
        ward = User.objects.get(username="p-ward-a")
        submitted = scorecard_submit(scorecard=card, user=ward, version=card.version)
        data = {"version": submitted.version, "decision": "approve", "return_reason": ""}
        for criterion in place["criteria"]:
            data[f"approved_{criterion.pk}"] = str(criterion.max_points)
            data[f"reason_{criterion.pk}"] = ""
        return reverse(name, args=[card.pk]), data
    if name == "scoring:evidence-upload":
        return reverse(name, args=[card.pk]), {
            "file": SimpleUploadedFile("b.pdf", EVIDENCE_PDF),
            "criterion": "",
        }
    if name == "scoring:evidence-download":
        evidence = old.evidence.first()
        return reverse(name, args=[old.pk, evidence.pk]), {}
    if name == "scoring:evidence-delete":
        return reverse(name, args=[card.pk, place["evidence"].pk]), {}
    if name in ("scoring:ranking", "scoring:proposals"):
        data = {}
        if key.endswith("POST"):
            data = {
                "number": "777/QĐ-UBND",
                "decision_date": "10/03/2024",
                "issuing_authority": "UBND quận Dương Kinh",
                "kind": "giay_khen",
            }
        return reverse(name, args=[2023]), data
    if name.startswith("council_sessions:document"):
        return _session_document_url(name), {}
    if name == "search:results":  # each role finds only what it may open (test_search)
        return reverse(name), {"q": "duong kinh"}
    if name == "set_language":
        return reverse(name), {"language": "vi", "next": "/"}
    if name.startswith("council_sessions:attendance"):
        return _attendance_request(name)
    if name.startswith("council_sessions:vote"):
        return _votes_request(key)
    if name.startswith("admin:awards_"):
        return _certificates_url(name), {}
    if name.startswith("voters:"):
        return _voters_request(key)
    if name.startswith("oversight:"):
        return _recommendation_request(key)
    return reverse(name), own if name == "home" else {}


def _session_document_url(name: str) -> str:
    """A sent document of an Anh Dũng session: its session's list, or its download."""
    from django.utils import timezone

    from sessions.models import Session, SessionDocument

    session = Session.objects.filter(council__slug="anh-dung").first()
    if name == "council_sessions:documents":
        return reverse(name, args=[session.pk])
    document = SessionDocument(
        session=session,
        kind="report",
        title="Báo cáo",
        file=SimpleUploadedFile("bc.pdf", EVIDENCE_PDF),
        sent_at=timezone.now(),
    )
    document.full_clean()
    document.save()
    return reverse(name, args=[document.pk])


def _certificates_url(name: str) -> str:
    """The certificates of an issued demo decision, or a certificate form's grid page."""
    from django.utils import timezone

    from awards.models import AwardDecision, CertificateForm

    if name == "admin:awards_certificateform_calibration":
        return reverse(name, args=[CertificateForm.objects.create(name="A4").pk])
    decision = AwardDecision.objects.filter(awards__isnull=False).first()
    AwardDecision.objects.filter(pk=decision.pk).update(issued_at=timezone.now())
    return reverse(name, args=[decision.pk])


def _attendance_request(name):
    """Anh Dũng's first 2023 session: its attendance, one deputy recorded present."""
    from sessions.models import Session
    from sessions.services import sitting_deputies

    if name == "council_sessions:attendance-sessions":
        return reverse(name) + "?council=anh-dung", {}
    if name == "council_sessions:attendance-year":
        return reverse(name, args=[2023]) + "?council=anh-dung", {}
    session = Session.objects.filter(council__slug="anh-dung").order_by("start_date").first()
    deputy = sitting_deputies(session, session.start_date)[0]
    return reverse(name, args=[session.pk]), {f"status_{deputy.pk}": "in_person"}


def _votes_request(key):
    """Anh Dũng's sessions for votes, its first session, or a draft voted down there
    (the add form posts another such draft; the edit form posts the vote unchanged)."""
    from sessions.models import Session
    from tests.test_votes_ward_staff import ward_vote

    name = key.split(" ")[0]
    if name == "council_sessions:vote-sessions":
        return reverse(name) + "?council=anh-dung", {}
    session = Session.objects.filter(council__slug="anh-dung").order_by("start_date").first()
    vote = ward_vote(session)
    fields = ("subject", "deputies", "votes_for", "votes_against", "abstentions", "not_voting")
    data = {field: str(getattr(vote, field)) for field in fields}
    data["voted_on"] = vote.voted_on.isoformat()
    if name == "council_sessions:vote-edit":
        return reverse(name, args=[vote.pk]), data if key.endswith("POST") else {}
    data["subject"] = "Dự thảo khác"
    return reverse(name, args=[session.pk]), data if key.endswith("POST") else {}


def _voters_request(key):
    """Anh Dũng's lists and new-record forms, or one of its reception days or meetings
    (a fresh one, posted back unchanged with no cases or petitions)."""
    import datetime as dt

    from councilwork.models import Council
    from voters.models import ReceptionDay, VoterMeeting

    name = key.split(" ")[0]
    if not name.endswith(("reception-day", "meeting")):
        return reverse(name) + "?council=anh-dung", {}
    council, day = Council.objects.get(slug="anh-dung"), dt.date(2024, 5, 6)
    if name == "voters:reception-day":
        record = ReceptionDay.objects.create(council=council, date=day, place="Trụ sở", citizens=2)
        data, prefix = {"citizens": "2"}, "cases"
    else:
        record = VoterMeeting.objects.create(
            council=council, timing="thematic", date=day, place="Nhà văn hóa", voters=40
        )
        data, prefix = {"timing": "thematic", "voters": "40"}, "petitions"
    if not key.endswith("POST"):
        return reverse(name, args=[record.pk]), {}
    data.update({"council": str(council.pk), "date": day.isoformat(), "place": "Nơi khác",
                 f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})  # fmt: skip
    return reverse(name, args=[record.pk]), data


def _recommendation_request(key):
    """Anh Dũng's list, or its first recommendation (posted back as it is: done, answered)."""
    from oversight.models import Recommendation

    name = key.split(" ")[0]
    if name == "oversight:recommendations":
        return reverse(name) + "?council=anh-dung", {}
    record = Recommendation.objects.filter(activity__council__slug="anh-dung").first()
    if not key.endswith("POST"):
        return reverse(name, args=[record.pk]), {}
    data = {"response_number": record.response_number, "response_content": record.response_content,
            "response_date": record.response_date.isoformat(), "status": record.status,
            "completed_on": record.completed_on.isoformat()}  # fmt: skip
    return reverse(name, args=[record.pk]), data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(TABLE))
def test_status_for_each_role(
    request, key, role, place, secretariat, leader, ward_a_staff, ward_b_staff
):
    users = {
        "secretariat": secretariat,
        "leader": leader,
        "ward_a": ward_a_staff,
        "ward_b": ward_b_staff,
    }
    client = _client_for(users[role]) if role in users else Client()
    method, expected = TABLE[key]
    url, data = request_for(key, place, secretariat)
    response = getattr(client, method)(url, data) if data or method == "post" else client.get(url)
    if expected[role] == LOGIN:
        assert response.status_code == 302, (key, role, url)
        assert response.url.startswith((reverse("login"), reverse("admin:login")))
    else:
        assert response.status_code == expected[role], (key, role, url)
