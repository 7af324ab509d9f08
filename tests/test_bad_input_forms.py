"""Generated bad input against the scoring pages' forms: the scorecard, the review,
evidence uploads and the award proposals (strategies in tests/bad_input_support.py)."""

from pathlib import PurePath

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from campaigns.models import Campaign, Scorecard, ScorecardStatus
from campaigns.models.workflow import safe_filename
from campaigns.ranking import award_proposals
from campaigns.scoring.forms import AwardDecisionForm, ReviewForm, ScoresForm
from campaigns.services import scorecard_save, scorecard_submit
from devdata.demo.data import EVIDENCE_PDF
from tests.bad_input_checks import (
    assert_refused,
    client_for,
    counts,
    fail_on_500,
    history,
    only_changed,
)
from tests.bad_input_support import (
    BOUNDED,
    Picker,
    day_text,
    either,
    file_contents,
    file_names,
    points_text,
    text_for,
    upload,
)

pytestmark = pytest.mark.django_db


def scores_of(card) -> list:
    from campaigns.scoring.views import _scores

    return _scores(card)


# --- the scoring forms ----------------------------------------------------------------


@pytest.fixture
def draft_card(ward_a):
    card = Scorecard.objects.get(campaign__year=2024, subject_council=ward_a)
    assert card.status == ScorecardStatus.DRAFT
    return card


@pytest.fixture
def submitted_card(draft_card, secretariat):
    criteria = draft_card.campaign.criteria.filter(applies_to=draft_card.subject_kind)
    entries = {c.pk: (c.max_points, "") for c in criteria}
    card = scorecard_save(
        scorecard=draft_card, user=secretariat, version=draft_card.version, entries=entries
    )
    return scorecard_submit(
        scorecard=card, user=secretariat, version=card.version, reason="Nhập thay phường"
    )


@BOUNDED
@given(data=st.data())
def test_scorecard_form(ward_a_staff, draft_card, data):
    client = client_for(ward_a_staff)
    url = reverse("scoring:scorecard", args=[draft_card.pk])
    with transaction.atomic():
        card = Scorecard.objects.select_related("campaign").get(pk=draft_card.pk)
        scores = scores_of(card)
        step = card.campaign.score_step
        pick, post, intended = Picker(data), {}, {}
        version, _ = pick(st.just(str(card.version)), "version")
        post["version"] = version
        for score in scores:
            cid = score.criterion_id
            points, points_ok = pick(
                st.one_of(st.just(("", None)), points_text(score.criterion.max_points, step)),
                f"points {cid}",
            )
            if points_ok:
                points, intended[f"points_{cid}"] = points
            note, note_ok = pick(st.one_of(st.just(""), text_for(None)), f"note {cid}")
            post[f"points_{cid}"], post[f"note_{cid}"] = points, note
            if note_ok:
                intended[f"note_{cid}"] = note.strip()
        button = data.draw(st.sampled_from(["save", "submit", "neither", "both"]), "button")
        if button in ("save", "both"):
            post["save"] = "1"
        if button in ("submit", "both"):
            post["submit"] = "1"

        with translation.override("vi"):
            oracle = ScoresForm(post, scorecard=card, scores=scores)
            valid = oracle.is_valid()
        before = counts()
        response = client.post(url, post)
        fail_on_500(response)
        if not valid or response.status_code == 200:
            assert_refused(response, before, f"scorecard {post!r:.300}")
        else:
            assert response.status_code == 302
            only_changed(
                before,
                history("campaigns.Score", "campaigns.ScorecardEvent", "campaigns.Scorecard"),
            )
            card.refresh_from_db()
            expected = {**oracle.cleaned_data, **intended}
            for score in card.scores.all():
                cid = score.criterion_id
                assert score.self_points == expected[f"points_{cid}"]
                assert score.note == expected[f"note_{cid}"]
            submitted = button in ("submit", "both")
            assert card.status == (ScorecardStatus.SUBMITTED if submitted else "draft")
            assert card.version == int(version) + (2 if submitted else 1)
        transaction.set_rollback(True)


@BOUNDED
@given(data=st.data())
def test_review_form(secretariat, submitted_card, data):
    client = client_for(secretariat)
    url = reverse("scoring:review", args=[submitted_card.pk])
    with transaction.atomic():
        card = Scorecard.objects.select_related("campaign").get(pk=submitted_card.pk)
        scores = scores_of(card)
        step = card.campaign.score_step
        pick, post = Picker(data), {}
        post["version"], _ = pick(st.just(str(card.version)), "version")
        decisions = st.sampled_from([ReviewForm.APPROVE, ReviewForm.RETURN])
        post["decision"], _ = pick(decisions, "decision")
        post["return_reason"], _ = pick(st.one_of(st.just(""), text_for(None)), "return reason")
        for score in scores:
            cid = score.criterion_id
            points = points_text(score.criterion.max_points, step).map(lambda p: p[0])
            post[f"approved_{cid}"], _ = pick(st.one_of(st.just(""), points), f"approved {cid}")
            post[f"reason_{cid}"], _ = pick(st.one_of(st.just(""), text_for(None)), f"reason {cid}")

        with translation.override("vi"):
            oracle = ReviewForm(post, scorecard=card, scores=scores)
            valid = oracle.is_valid()
        before = counts()
        response = client.post(url, post)
        fail_on_500(response)
        if not valid or response.status_code == 200:
            assert_refused(response, before, f"review {post!r:.300}")
        else:
            assert response.status_code == 302
            only_changed(
                before,
                history("campaigns.Score", "campaigns.ScorecardEvent", "campaigns.Scorecard"),
            )
            card.refresh_from_db()
            if oracle.cleaned_data["decision"] == ReviewForm.RETURN:
                assert card.status == ScorecardStatus.RETURNED
                assert card.return_reason == oracle.cleaned_data["return_reason"]
            else:
                assert card.status == ScorecardStatus.APPROVED
                decided = oracle.decisions()
                for score in card.scores.all():
                    points = decided[score.criterion_id][0]
                    expected = score.self_points if points is None else points
                    assert score.approved_points == expected
        transaction.set_rollback(True)


@BOUNDED
@given(
    name=file_names(),
    content=file_contents(),
    criterion=either(st.one_of(st.just(""), st.integers(0, 9))),
)
# Vietnamese letters take 3 bytes each in UTF-8, and file systems count bytes.
@example(name="Biên bản " + "ệ" * 300 + ".pdf", content=EVIDENCE_PDF, criterion=("", True))
@example(name="ệ" * 300 + ".pdf", content=EVIDENCE_PDF, criterion=(0, True))
@example(name=" .pdf", content=EVIDENCE_PDF, criterion=("", True))  # no name before the dot
def test_evidence_upload(ward_a_staff, draft_card, name, content, criterion, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    client = client_for(ward_a_staff)
    url = reverse("scoring:evidence-upload", args=[draft_card.pk])
    with transaction.atomic():
        card = Scorecard.objects.select_related("campaign").get(pk=draft_card.pk)
        scores = scores_of(card)
        criterion, valid = criterion
        if valid and criterion != "":  # the n-th criterion of the scorecard
            criterion = str(scores[criterion % len(scores)].criterion_id)
        before = counts()
        response = client.post(url, {"file": upload(name, content), "criterion": criterion})
        fail_on_500(response)
        note = f"evidence {name!r:.200} {content[:20]!r} {criterion!r:.50}"
        if response.status_code == 200:
            assert_refused(response, before, note)
        else:
            assert response.status_code == 302, note
            assert only_changed(before, history("campaigns.Evidence")) == {
                "campaigns.Evidence": 1,
                "campaigns.HistoricalEvidence": 1,
            }
            evidence = card.evidence.order_by("-pk").first()
            # Sanitised (the server also drops what a multipart name cannot carry), short
            # enough for any file system, and of the kind that was checked.
            stored_name = evidence.original_name
            assert stored_name == safe_filename(stored_name)
            assert len(stored_name.encode()) <= 120 and "/" not in stored_name
            assert PurePath(stored_name).suffix.lower() == PurePath(name).suffix.lower()
            assert evidence.criterion_id == (int(criterion) if criterion else None)
            with evidence.file.open("rb") as stored:
                assert stored.read() == content
        transaction.set_rollback(True)


@BOUNDED
@given(data=st.data())
def test_award_proposals_form(secretariat, data):
    client = client_for(secretariat)
    url = reverse("scoring:proposals", args=[2023])
    with transaction.atomic():
        campaign = Campaign.objects.select_related("council").get(
            council__slug="duong-kinh", year=2023
        )
        proposals = award_proposals(campaign)
        assert proposals, "the demo's 2023 campaign proposes awards"
        pick = Picker(data)
        numbers = st.one_of(st.sampled_from(["486/QĐ-UBND", "777/QĐ-UBND"]), text_for(50))
        authorities = st.one_of(st.just("UBND quận Dương Kinh"), text_for(200))
        post = {
            "number": pick(numbers, "number")[0],
            "decision_date": pick(day_text(), "decision date")[0],
            "issuing_authority": pick(authorities, "authority")[0],
            "kind": pick(st.sampled_from(["giay_khen", "bang_khen"]), "kind")[0],
        }
        with translation.override("vi"):
            oracle = AwardDecisionForm(post, campaign=campaign)
            valid = oracle.is_valid()
        before = counts()
        response = client.post(url, post)
        fail_on_500(response)
        if not valid or response.status_code == 200:
            assert_refused(response, before, f"proposals {post!r:.300}")
        else:
            assert response.status_code == 302
            diff = only_changed(before, history("awards.AwardDecision", "awards.Award"))
            assert diff["awards.AwardDecision"] == 1
            assert diff["awards.Award"] == len(proposals)
            decision = campaign.council.award_decisions.order_by("-pk").first()
            for field in ("number", "decision_date", "issuing_authority", "kind"):
                assert getattr(decision, field) == oracle.cleaned_data[field], field
        transaction.set_rollback(True)
