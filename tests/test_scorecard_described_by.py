"""Every id that a scorecard page's aria-describedby names is an element of that page:
the ward's form with errors, the secretariat's form on the subject's behalf (with help
texts) and the review with errors; the points' error list is the one the input names."""

from html.parser import HTMLParser

import pytest

from campaigns.models import Scorecard, ScorecardStatus


class _Ids(HTMLParser):
    """The page's ids, and each described element's name and the ids it names."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described.append((attrs.get("name", tag), attrs["aria-describedby"].split()))


def _parsed(response) -> _Ids:
    assert response.status_code == 200
    parser = _Ids()
    parser.feed(response.content.decode())
    return parser


def _missing(parser: _Ids) -> list[tuple[str, str]]:
    return [(name, i) for name, ids in parser.described for i in ids if i not in parser.ids]


def _card():
    return Scorecard.objects.filter(subject_council__slug="anh-dung", campaign__year=2024).first()


def _criteria(card):
    return list(
        card.campaign.criteria.filter(applies_to=card.subject_kind).order_by("position", "code")
    )


@pytest.mark.django_db
def test_the_wards_errors_are_the_ones_its_inputs_name(ward_a_client):
    card = _card()
    criteria = _criteria(card)
    assert len(criteria) >= 4
    first, second, third, fourth = criteria[:4]
    data = {
        "version": card.version,
        "save": "1",
        f"points_{first.pk}": str(first.max_points + 5),
        f"points_{second.pk}": "mười",
        f"points_{third.pk}": "-1",
    }
    parser = _parsed(ward_a_client.post(f"/scores/{card.pk}/", data))
    card.refresh_from_db()
    assert card.version == data["version"]  # nothing saved
    described = dict(parser.described)
    for criterion in (first, second, third):
        error_id = f"id_points_{criterion.pk}_error"
        assert error_id in described[f"points_{criterion.pk}"]
        assert error_id in parser.ids
    assert f"points_{fourth.pk}" not in described  # no error, nothing to name
    assert _missing(parser) == []


@pytest.mark.django_db
def test_the_help_texts_on_the_subjects_behalf_are_on_the_page(secretariat_client):
    card = _card()
    parser = _parsed(secretariat_client.get(f"/scores/{card.pk}/"))
    named = dict(parser.described)
    assert named["behalf_reason"] == ["id_behalf_reason_helptext"]
    assert named["file"] == ["id_file_helptext"]
    assert _missing(parser) == []


@pytest.mark.django_db
def test_the_review_errors_are_the_ones_its_inputs_name(ward_a_client, secretariat_client):
    card = _card()
    criteria = _criteria(card)
    submit = {"version": card.version, "submit": "1"}
    submit |= {f"points_{c.pk}": "1" for c in criteria}
    assert ward_a_client.post(f"/scores/{card.pk}/", submit).status_code == 302
    card.refresh_from_db()
    assert card.status == ScorecardStatus.SUBMITTED
    first = criteria[0]
    review = {"version": card.version, "decision": "approve", f"approved_{first.pk}": "-1"}
    parser = _parsed(secretariat_client.post(f"/scores/{card.pk}/review/", review))
    card.refresh_from_db()
    assert card.status == ScorecardStatus.SUBMITTED  # not approved
    assert f"id_approved_{first.pk}_error" in dict(parser.described)[f"approved_{first.pk}"]
    assert _missing(parser) == []
