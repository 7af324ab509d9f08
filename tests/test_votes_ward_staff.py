"""Ward staff record the votes on their council's resolutions, with an optional roll call:
the saved rows against the test's own numbers, the law's threshold refused beside the
field, a roll call that overflows refused whole, another council's records out of reach,
constant queries, and the year's figures moving by exactly what was recorded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.models import Vote
from sessions.selectors import vote_counts
from sessions.services import sitting_deputies
from tests.votes_fixtures import (
    NUMBERS,
    adopted,
    record_counts,
    staff_fixture,
    ward_council,
    ward_fixture,
    ward_vote,
)
from tests.work_factories import D, deputies, sitting

pytestmark = pytest.mark.django_db
_adopted, _counts = adopted, record_counts
ward = ward_fixture("vws-ward")
staff = staff_fixture("vws-staff")


@pytest.fixture
def other():
    return ward_council("vws-other", 5)


def _post(session, *, numbers, resolution=None, subject="", two_thirds=False, choices=None):
    data = dict(zip(NUMBERS, (str(n) for n in numbers), strict=True))
    data.update(voted_on=session.start_date.isoformat(), subject=subject)
    if resolution is not None:
        data["resolution"] = str(resolution.pk)
    if two_thirds:
        data["two_thirds"] = "on"
    data.update({f"choice_{pk}": choice for pk, choice in (choices or {}).items()})
    return data


def _add(session):
    return reverse("council_sessions:vote-add", args=[session.pk])


def _errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_ward_staff_record_a_passing_vote_with_a_roll_call(ward, staff):
    session = sitting(ward, 1, D(2023, 5, 10))
    resolution = _adopted(session)
    seated = sitting_deputies(session, session.start_date)
    choices = ["for"] * 20 + ["against"] * 4 + ["abstain"] * 2 + ["not_voting"] * 1
    roll_call = {deputy.pk: choice for deputy, choice in zip(seated, choices, strict=False)}
    numbers = (30, 22, 4, 2, 2)  # 3 deputies not in the roll call: 2 for, 1 not voting
    data = _post(session, numbers=numbers, resolution=resolution, choices=roll_call)
    response = staff.post(_add(session), data)
    assert response.status_code == 302
    vote = Vote.objects.get(session=session)
    assert (vote.resolution_id, vote.voted_on, vote.two_thirds, vote.subject) == (
        resolution.pk,
        session.start_date,
        False,
        "",
    )
    assert tuple(getattr(vote, name) for name in NUMBERS) == numbers
    assert dict(vote.roll_call.values_list("deputy_id", "choice")) == roll_call
    # The session page shows the numbers, the threshold (16 of 30) and the result.
    page = staff.get(reverse("council_sessions:vote-session", args=[session.pk])).content.decode()
    row = page.split(f'data-resolution="{resolution.pk}"')[1].split("</tr>")[0]
    cells = [f'<td class="num">{n}</td>' for n in (*numbers, 16)]
    assert all(cell in row for cell in cells) and "Thông qua" in row
    # Editing: two deputies' choices change, one is cleared; the rest stay as they were.
    first, second, third = seated[:3]
    roll_call.update({first.pk: "against", second.pk: "abstain", third.pk: ""})
    edited = (30, 19, 5, 3, 3)
    data = _post(session, numbers=edited, resolution=resolution, choices=roll_call)
    edit = reverse("council_sessions:vote-edit", args=[vote.pk])
    assert staff.post(edit, data).status_code == 302
    vote.refresh_from_db()
    assert tuple(getattr(vote, name) for name in NUMBERS) == edited
    expected = {pk: choice for pk, choice in roll_call.items() if choice}
    assert dict(vote.roll_call.values_list("deputy_id", "choice")) == expected


def test_the_threshold_of_30_deputies_is_16_refused_at_15_beside_the_field(ward, staff):
    session = sitting(ward, 1, D(2023, 5, 10))
    resolution = _adopted(session)
    before = _counts()
    response = staff.post(
        _add(session), _post(session, numbers=(30, 15, 10, 5, 0), resolution=resolution)
    )
    assert response.status_code == 200
    assert _errors(response, "votes_for") == [
        "30 đại biểu: cần ít nhất 16 phiếu tán thành; 15 là không đủ."
    ]
    assert _counts() == before
    response = staff.post(
        _add(session), _post(session, numbers=(30, 16, 9, 5, 0), resolution=resolution)
    )
    assert response.status_code == 302
    assert Vote.objects.get(resolution=resolution).votes_for == 16


def test_two_thirds_of_30_is_20_refused_at_19(ward, staff):
    session = sitting(ward, 1, D(2023, 5, 10))
    resolution = _adopted(session)
    refused = _post(session, numbers=(30, 19, 11, 0, 0), resolution=resolution, two_thirds=True)
    response = staff.post(_add(session), refused)
    assert _errors(response, "votes_for") == [
        "30 đại biểu: cần ít nhất 20 phiếu tán thành (hai phần ba); 19 là không đủ."
    ]
    assert not Vote.objects.filter(session=session).exists()
    accepted = _post(session, numbers=(30, 20, 10, 0, 0), resolution=resolution, two_thirds=True)
    assert staff.post(_add(session), accepted).status_code == 302
    vote = Vote.objects.get(resolution=resolution)
    assert (vote.two_thirds, vote.votes_for, vote.needed) == (True, 20, 20)


def test_a_roll_call_that_overflows_the_numbers_saves_nothing(ward, staff):
    session = sitting(ward, 1, D(2023, 5, 10))
    seated = sitting_deputies(session, session.start_date)
    roll_call = {deputy.pk: "for" for deputy in seated[:3]}  # 3 "for", the vote says 2
    before = _counts()
    data = _post(session, numbers=(30, 2, 20, 0, 8), subject="Dự thảo A", choices=roll_call)
    response = staff.post(_add(session), data)
    assert response.status_code == 200
    assert _errors(response, "votes_for") == [
        "Biểu quyết ghi 2 phiếu “Tán thành” nhưng danh sách biểu quyết từng đại biểu có 3: "
        "hãy sửa số phiếu hoặc danh sách."
    ]
    assert _counts() == before
    # On an edit too: the vote's numbers and its roll call stay as they were.
    data["votes_for"], data["not_voting"] = "3", "7"
    assert staff.post(_add(session), data).status_code == 302
    vote = Vote.objects.get(session=session)
    before = _counts()
    data["votes_for"], data["not_voting"] = "2", "8"
    data[f"choice_{seated[3].pk}"] = "against"
    response = staff.post(reverse("council_sessions:vote-edit", args=[vote.pk]), data)
    assert response.status_code == 200 and _errors(response, "votes_for")
    vote.refresh_from_db()
    assert (vote.votes_for, vote.not_voting) == (3, 7)
    assert _counts() == before
    assert dict(vote.roll_call.values_list("deputy_id", "choice")) == roll_call


def test_another_councils_session_vote_resolution_and_deputy(ward, other, staff):
    session = sitting(ward, 1, D(2023, 5, 10))
    theirs = sitting(other, 1, D(2023, 5, 10))
    their_resolution = _adopted(theirs)
    their_vote = ward_vote(theirs)
    for url in (
        reverse("council_sessions:vote-session", args=[theirs.pk]),
        reverse("council_sessions:vote-add", args=[theirs.pk]),
        reverse("council_sessions:vote-edit", args=[their_vote.pk]),
        reverse("council_sessions:vote-sessions") + f"?council={other.slug}",
    ):
        assert staff.get(url).status_code == 404, url
    assert staff.post(_add(theirs), _post(theirs, numbers=(5, 0, 0, 0, 5))).status_code == 404
    before = _counts()
    data = _post(session, numbers=(30, 16, 14, 0, 0), resolution=their_resolution)
    response = staff.post(_add(session), data)
    assert response.status_code == 200
    assert _errors(response, "resolution") == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]
    their_deputy = sitting_deputies(theirs, theirs.start_date)[0]
    data = _post(session, numbers=(30, 1, 0, 0, 29), subject="Dự thảo B")
    data[f"choice_{their_deputy.pk}"] = "for"
    response = staff.post(_add(session), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Vào ngày biểu quyết, người này không phải là đại biểu của HĐND."
    ]
    assert _counts() == before


def test_a_deputy_not_seated_on_the_day_is_not_in_the_grid_nor_recordable(ward, staff):
    session = sitting(ward, 1, D(2023, 5, 10))
    (late,) = deputies(ward, 1, started_on=D(2023, 7, 1))
    response = staff.get(_add(session))
    assert f"choice_{late.pk}" not in response.context["form"].fields
    assert response.context["form"]["deputies"].value() == 30  # seated that day, not 31
    data = _post(session, numbers=(30, 1, 0, 0, 29), subject="Dự thảo C", choices={late.pk: "for"})
    assert staff.post(_add(session), data).status_code == 200
    assert not Vote.objects.filter(session=session).exists()


def test_leaders_are_refused_anonymous_sent_to_log_in(ward, leader_client, anonymous_client):
    session = sitting(ward, 1, D(2023, 5, 10))
    vote = ward_vote(session)
    urls = [
        reverse("council_sessions:vote-sessions"),
        reverse("council_sessions:vote-session", args=[session.pk]),
        _add(session),
        reverse("council_sessions:vote-edit", args=[vote.pk]),
    ]
    for url in urls:
        assert leader_client.get(url).status_code == 403, url
        response = anonymous_client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert (
        leader_client.post(_add(session), _post(session, numbers=(30, 0, 0, 0, 30))).status_code
        == 403
    )


def test_the_secretariat_records_for_any_council(ward, other, secretariat_client):
    theirs = sitting(other, 1, D(2023, 5, 10))
    resolution = _adopted(theirs)
    listing = secretariat_client.get(
        reverse("council_sessions:vote-sessions") + f"?council={other.slug}"
    )
    assert [s.pk for s in listing.context["page"].object_list] == [theirs.pk]
    data = _post(theirs, numbers=(5, 3, 1, 1, 0), resolution=resolution)
    assert secretariat_client.post(_add(theirs), data).status_code == 302
    assert Vote.objects.get(resolution=resolution).votes_for == 3


def _grow(place, sessions: list, size: int) -> None:
    """``size`` sessions, the first with ``size`` resolutions voted and drafts voted down."""
    while len(sessions) < size:
        sessions.append(sitting(place, len(sessions) + 1, D(2023, 1 + len(sessions), 10)))
    first = sessions[0]
    for n in range(first.resolutions.count(), size):
        resolution = _adopted(first, n + 1)
        Vote.objects.create(
            session=first, resolution=resolution, voted_on=first.start_date,
            deputies=30, votes_for=30,
        )  # fmt: skip
        Vote.objects.create(
            session=first, subject=f"Dự thảo {n}", voted_on=first.start_date,
            deputies=30, not_voting=30,
        )  # fmt: skip


# At most: the session (none when the sessions live in Redis), the user, the council or
# the session asked for, and the page's own one or two.
LIST_QUERIES, SESSION_QUERIES = 5, 5


@pytest.mark.parametrize("page", ["list", "session"])
def test_the_pages_queries_do_not_grow_with_the_records(ward, staff, page):
    sessions = []
    _grow(ward, sessions, 1)
    if page == "list":
        url, queries = reverse("council_sessions:vote-sessions"), LIST_QUERIES
    else:
        url = reverse("council_sessions:vote-session", args=[sessions[0].pk])
        queries = SESSION_QUERIES
    staff.get(url)  # the first request's once-per-process lookups are not the page's
    counted = []
    for size in (1, 3):
        _grow(ward, sessions, size)
        with CaptureQueriesContext(connection) as captured:
            response = staff.get(url)
        counted.append(len(captured))
        if page == "list":
            rows = {
                s.pk: (s.adopted, s.votes_recorded) for s in response.context["page"].object_list
            }
            expected = {s.pk: (0, 0) for s in sessions} | {sessions[0].pk: (size, 2 * size)}
            assert rows == expected
        else:
            assert len(response.context["resolutions"]) == size
            assert len(response.context["failed"]) == size
            assert all(r.vote.votes_for == 30 for r in response.context["resolutions"])
    assert counted[0] == counted[1] <= queries, counted


def test_the_years_vote_figures_move_by_what_was_recorded(ward, staff):
    before = vote_counts(council=ward, year=2023).own
    session = sitting(ward, 1, D(2023, 5, 10))
    resolution = _adopted(session)
    staff.post(_add(session), _post(session, numbers=(30, 18, 12, 0, 0), resolution=resolution))
    staff.post(_add(session), _post(session, numbers=(30, 10, 20, 0, 0), subject="Dự thảo D"))
    staff.post(_add(session), _post(session, numbers=(30, 15, 15, 0, 0), resolution=resolution))
    after = vote_counts(council=ward, year=2023).own
    moved = {key: after[key] - before[key] for key in after}
    assert moved == {"total": 2, "resolutions": 1, "passed": 1, "failed": 1}


def test_hostile_query_strings_and_posts_give_no_500(ward, staff):
    session = sitting(ward, 1, D(2023, 5, 10), D(2023, 5, 11))
    listing = reverse("council_sessions:vote-sessions")
    expected = {
        listing + "?page=abc": 200,
        listing + "?page=99999999999999999999": 200,
        listing + "?council=%00": 404,
        _add(session) + "?day=bad": 404,
        _add(session) + "?day=2023-05-12": 404,  # not a sitting day
        _add(session) + "?day=2023-05-11&resolution=x%00": 200,
        reverse("council_sessions:vote-edit", args=[2**62]): 404,
    }
    assert {url: staff.get(url).status_code for url in expected} == expected
    before = _counts()
    data = _post(session, numbers=(30, 0, 0, 0, 30), subject="Dự thảo E")
    data.update(voted_on="2023-05-31", deputies="x", resolution="9" * 30)
    data["choice_" + "9" * 40] = "for"
    response = staff.post(_add(session), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"voted_on", "deputies", "resolution"}
    assert _counts() == before
    # The second sitting day, asked for: the grid and the number seated are that day's.
    response = staff.get(_add(session) + "?day=2023-05-11")
    assert response.context["form"]["voted_on"].value() == "2023-05-11"


def test_the_menu_leads_ward_staff_to_the_votes(ward, staff):
    html = staff.get(reverse("council_sessions:vote-sessions")).content.decode()
    assert f'href="{reverse("council_sessions:vote-sessions")}" aria-current="page"' in html
    assert "Biểu quyết nghị quyết" in html
