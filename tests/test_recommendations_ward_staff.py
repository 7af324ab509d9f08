"""Ward staff follow their council's recommendations to done on pages of their own: the
list (overdue marked, filtered, sorted), the response and status of one, its status
history; who may open which; the queries; the year's figures after what was recorded.

Every expectation is counted here from the rows the test made (its own dates and list).
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from councilwork.roles import Role
from councilwork.services import user_upsert
from oversight.models import OversightActivity, Recommendation, RecommendationStatus
from reports.selectors import year_summary
from tests.conftest import _client_for
from tests.work_factories import council

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
NO_RESPONSE = (
    "Kiến nghị chỉ được ghi là đã thực hiện khi đã ghi nhận văn bản trả lời của cơ quan: "
    "số và ngày văn bản."
)
COMPLETION = (
    "Cần nhập ngày hoàn thành khi trạng thái là Đã giải quyết, và chỉ nhập trong trường hợp này."
)
MARKER = '<strong class="overdue">⚠ Quá hạn</strong>'
STATUSES = RecommendationStatus.values  # open, in progress, done: the order of ?sort=status


@pytest.fixture
def wards():
    return council("rw-a"), council("rw-b")


@pytest.fixture
def staff(wards):
    a, b = wards
    made = {}
    for key, place in (("a", a), ("b", b)):
        made[key], _created = user_upsert(
            username=f"rw-staff-{key}", role=Role.WARD, council=place, full_name=f"Cán bộ {key}"
        )
    return made


def _activity(place, ended: dt.date, title="Giám sát", kind="thematic"):
    return OversightActivity.objects.create(
        council=place, kind=kind, title=title, start_date=ended - 2 * DAY, end_date=ended
    )


def _rec(activity, deadline=None, status="open", **fields):
    if status == "done":
        fields = {"response_number": "12/UBND", "response_date": TODAY - 9 * DAY,
                  "completed_on": TODAY - 8 * DAY, **fields}  # fmt: skip
    made = Recommendation(
        activity=activity,
        content="Khắc phục tồn tại",
        responsible_agency=f"UBND {activity.pk}",
        deadline=deadline,
        status=status,
        **fields,
    )
    made.full_clean()
    made.save()
    return made


def _overdue(row) -> bool:
    """The rule written out: not done, and past its deadline or the activity ended more
    than six months ago (the test's dates stay weeks away from that edge)."""
    if row.status == "done":
        return False
    late = row.deadline is not None and row.deadline < TODAY
    return late or row.activity.end_date < TODAY - dt.timedelta(days=183)


def _mixed(place):
    """Recommendations of every case: overdue by the deadline, by six months, neither."""
    recent, old = _activity(place, TODAY - 30 * DAY), _activity(place, TODAY - 220 * DAY, "Cũ")
    return [
        _rec(recent, TODAY - DAY),  # past the deadline
        _rec(recent, TODAY - 5 * DAY, "done"),  # past it, but done: never overdue
        _rec(old, None, "in_progress"),  # no deadline, open seven months after
        _rec(recent, None),  # no deadline, the activity a month ago
        _rec(old, TODAY + 20 * DAY),  # deadline ahead, yet open seven months after
        _rec(recent, TODAY + 10 * DAY, "in_progress"),  # deadline ahead
        _rec(old, TODAY - 40 * DAY, "done"),
    ]


def _listed(client, **query):
    response = client.get(reverse("oversight:recommendations"), query)
    assert response.status_code == 200
    return response, [row.pk for row in response.context["page"].object_list]


def _form(record, **changes):
    values = {
        "response_number": record.response_number,
        "response_date": record.response_date.isoformat() if record.response_date else "",
        "response_content": record.response_content,
        "status": record.status,
        "completed_on": record.completed_on.isoformat() if record.completed_on else "",
    }
    return {**values, **changes}


def _post(client, record, **changes):
    return client.post(
        reverse("oversight:recommendation", args=[record.pk]), _form(record, **changes)
    )


def _labels():
    with translation.override("vi"):
        return {value: str(label) for value, label in RecommendationStatus.choices}


def test_ward_staff_record_the_response_and_close_it_and_the_history_lists_each_step(
    wards, staff, secretariat_client
):
    record = _rec(_activity(wards[0], TODAY - 30 * DAY), TODAY + 30 * DAY)
    client = _client_for(staff["a"])
    steps = [
        (staff["a"], {"status": "in_progress"}),
        (staff["a"], {"response_number": "88/UBND-VP", "response_date": (TODAY - DAY).isoformat(),
                      "response_content": "Đã khắc phục", "status": "done",
                      "completed_on": TODAY.isoformat()}),
    ]  # fmt: skip
    for user, changes in steps:
        response = _post(_client_for(user), Recommendation.objects.get(pk=record.pk), **changes)
        assert response.status_code == 302
    saved = Recommendation.objects.get(pk=record.pk)
    assert (saved.status, saved.completed_on) == ("done", TODAY)
    assert (saved.response_number, saved.response_date) == ("88/UBND-VP", TODAY - DAY)
    assert saved.response_content == "Đã khắc phục"

    labels = _labels()
    expected = [("", labels["open"], ""), ("Cán bộ a", labels["in_progress"], labels["open"]),
                ("Cán bộ a", labels["done"], labels["in_progress"])]  # fmt: skip
    history = client.get(reverse("oversight:recommendation", args=[record.pk])).context["history"]
    assert [(c.user, c.after, c.before) for c in history] == expected
    assert [c.response_number for c in history] == ["", "", "88/UBND-VP"]
    assert history == sorted(history, key=lambda change: change.when)
    # The admin's change form shows the same history, read-only.
    url = reverse("admin:oversight_recommendation_change", args=[record.pk])
    page = secretariat_client.get(url).content.decode()
    assert "Lịch sử trạng thái" in page
    assert page.count('class="status-change"') == len(expected)
    assert "88/UBND-VP, " in page and "Cán bộ a" in page


def test_done_without_the_response_is_refused_beside_the_field_and_nothing_changes(wards, staff):
    record = _rec(_activity(wards[0], TODAY - 30 * DAY), TODAY + 30 * DAY, "in_progress")
    client = _client_for(staff["a"])
    before = model_to_dict(Recommendation.objects.get(pk=record.pk))
    history_before = Recommendation.history.filter(id=record.pk).count()
    refused = [
        ({"status": "done", "completed_on": TODAY.isoformat()}, "status", NO_RESPONSE),
        ({"response_number": "5/UBND", "response_date": TODAY.isoformat(), "status": "done"},
         "completed_on", COMPLETION),
        ({"completed_on": TODAY.isoformat()}, "completed_on", COMPLETION),
    ]  # fmt: skip
    for changes, field, message in refused:
        response = _post(client, record, **changes)
        assert response.status_code == 200
        assert response.context["form"].errors == {field: [message]}
        page = response.content.decode()
        box = re.search(rf'data-field="{field}">(.*?)</div>\s*</div>', page, re.S).group(1)
        assert message in box
    assert model_to_dict(Recommendation.objects.get(pk=record.pk)) == before
    assert Recommendation.history.filter(id=record.pk).count() == history_before


def test_overdue_marked_and_filtered_exactly_as_the_dates_make_them(wards, staff):
    rows = _mixed(wards[0])
    _mixed(wards[1])  # another ward's: never listed
    overdue = {row.pk for row in rows if _overdue(row)}
    assert 0 < len(overdue) < len(rows)
    client = _client_for(staff["a"])
    response, listed = _listed(client)
    assert sorted(listed) == sorted(row.pk for row in rows)
    page = response.content.decode()
    marked = set(map(int, re.findall(r'is-overdue" data-record="(\d+)"', page)))
    assert marked == overdue
    assert page.count(MARKER) == len(overdue)
    assert set(_listed(client, overdue="yes")[1]) == overdue
    assert set(_listed(client, overdue="no")[1]) == {row.pk for row in rows} - overdue
    for status in STATUSES:
        assert set(_listed(client, status=status)[1]) == {r.pk for r in rows if r.status == status}
    assert set(_listed(client, status="closed", overdue="maybe")[1]) == {r.pk for r in rows}


def _deadline(row):
    return (row.deadline is None, row.deadline or TODAY)


SORTS = {
    "deadline": lambda r: (*_deadline(r), r.pk),
    "-deadline": lambda r: (r.deadline is None, -(r.deadline or TODAY).toordinal(), r.pk),
    "overdue": lambda r: (not _overdue(r), *_deadline(r), r.pk),
    "status": lambda r: (STATUSES.index(r.status), *_deadline(r), r.pk),
    "activity_end": lambda r: (r.activity.end_date, r.pk),
    "-activity_end": lambda r: (-r.activity.end_date.toordinal(), r.pk),
}


@pytest.mark.parametrize("sort", [*SORTS, "", "bogus", "deadline'--", "\x00"])
def test_each_order_and_an_unknown_one_is_the_default(wards, staff, sort):
    rows = _mixed(wards[0])
    _response, listed = _listed(_client_for(staff["a"]), sort=sort)
    assert listed == [row.pk for row in sorted(rows, key=SORTS.get(sort, SORTS["overdue"]))]


def test_who_may_open_which(wards, staff, leader_client, secretariat_client, anonymous_client):
    own, other = (_rec(_activity(place, TODAY - 30 * DAY)) for place in wards)
    client = _client_for(staff["a"])
    edit = reverse("oversight:recommendation", args=[other.pk])
    assert client.get(edit).status_code == 404
    assert _post(client, other, status="in_progress").status_code == 404
    assert Recommendation.objects.get(pk=other.pk).status == "open"
    assert client.get(reverse("oversight:recommendations"), {"council": "rw-b"}).status_code == 404
    lists = reverse("oversight:recommendations")
    for url in (lists, edit, reverse("oversight:recommendation", args=[own.pk])):
        assert leader_client.get(url).status_code == 403
        response = anonymous_client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert _listed(secretariat_client, council="rw-b")[1] == [other.pk]
    assert _post(secretariat_client, other, status="in_progress").status_code == 302
    assert Recommendation.objects.get(pk=other.pk).status == "in_progress"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_take_the_same_queries_for_one_record_and_for_three(wards, staff):
    counts = []
    for n in (1, 3):
        place = council(f"rw-q{n}")
        user, _created = user_upsert(username=f"rw-q{n}", role=Role.WARD, council=place)
        client = _client_for(user)
        made = [_rec(_activity(place, TODAY - 30 * DAY), TODAY - DAY) for _ in range(n)]
        for record in made:  # a history of several steps each
            _post(client, record, status="in_progress")
        edit = reverse("oversight:recommendation", args=[made[0].pk])
        counts.append(
            (_queries(client, reverse("oversight:recommendations")), _queries(client, edit))
        )
    assert counts[0] == counts[1]


def test_the_years_figures_change_by_what_was_recorded(wards, staff):
    activity = _activity(wards[0], TODAY - 400 * DAY)
    first, second = _rec(activity, TODAY - 300 * DAY), _rec(activity, None)
    year = activity.start_date.year

    def figures():
        summary = year_summary(council=wards[0], year=year).figures
        return {key: summary.value(f"recommendations.{key}") for key in ("made", "done", "overdue")}

    before = figures()
    assert before == {"made": 2, "done": 0, "overdue": 2}
    client = _client_for(staff["a"])
    _post(client, first, response_number="7/UBND", response_date=TODAY.isoformat(),
          status="done", completed_on=TODAY.isoformat())  # fmt: skip
    _post(client, second, status="in_progress")
    assert figures() == {"made": 2, "done": 1, "overdue": 1}
