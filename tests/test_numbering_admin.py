"""The numbering register's admin: listed per issuer, register and year, read-only; the
secretariat cancels a number with a reason (never reused, a second cancel refused, in
Vietnamese); leaders and ward staff do not see it."""

import pytest
from django.urls import reverse

from councilwork.models import Council, IssuedNumber, RegisterKind
from councilwork.numbering import cancel_number, issue_number

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:councilwork_issuednumber_changelist"
# (issuer slug, register, year, subject) in the order they are issued.
ISSUES = [
    ("reg-a", RegisterKind.RESOLUTION, 2024, "NQ về dự toán ngân sách"),
    ("reg-a", RegisterKind.RESOLUTION, 2024, "NQ về kế hoạch đầu tư công"),
    ("reg-a", RegisterKind.RESOLUTION, 2025, "NQ về chương trình giám sát"),
    ("reg-a", RegisterKind.STANDING_COMMITTEE, 2024, "Thông báo kết luận"),
    ("reg-b", RegisterKind.RESOLUTION, 2024, "NQ về biên chế"),
]


@pytest.fixture
def register():
    councils = {
        slug: Council.objects.create(
            name=f"HĐND phường {slug}", short_name=slug, slug=slug, level="ward"
        )
        for slug in ("reg-a", "reg-b")
    }
    issued = [
        issue_number(councils[slug], year, kind, subject=subject)
        for slug, kind, year, subject in ISSUES
    ]
    return councils, issued


def _expected_numbers(rows):
    """Each issue's number: its position among the earlier issues of its register."""
    seen, numbers = {}, []
    for slug, kind, year, _subject in rows:
        key = (slug, kind, year)
        seen[key] = seen.get(key, 0) + 1
        numbers.append(seen[key])
    return numbers


def _listed(client, **params):
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return {row.subject for row in response.context["cl"].result_list}


def test_the_register_lists_every_number_with_filters_and_search(register, secretariat_client):
    councils, issued = register
    assert [i.number for i in issued] == _expected_numbers(ISSUES)
    ours = {i.subject for i in issued}
    assert ours <= _listed(secretariat_client)
    a = councils["reg-a"]
    in_a_2024 = {
        s for slug, k, y, s in ISSUES if slug == "reg-a" and y == 2024 and k == "resolution"
    }
    assert (
        _listed(secretariat_client, council__id__exact=a.pk, kind__exact="resolution", year=2024)
        == in_a_2024
    )
    assert _listed(secretariat_client, q="biên chế") == {"NQ về biên chế"}
    page = secretariat_client.get(reverse(CHANGELIST), {"q": "biên chế"}).content.decode()
    assert "Số văn bản đã cấp" in page or "số văn bản đã cấp" in page
    assert "01/NQ-HĐND" in page


def test_nothing_is_added_or_deleted_by_hand(register, secretariat_client):
    _councils, issued = register
    assert secretariat_client.get(reverse("admin:councilwork_issuednumber_add")).status_code == 403
    delete = reverse("admin:councilwork_issuednumber_delete", args=[issued[0].pk])
    assert secretariat_client.post(delete, {"post": "yes"}).status_code == 403
    assert IssuedNumber.objects.filter(pk=issued[0].pk).exists()


def test_the_secretariat_cancels_with_a_reason_and_the_number_is_never_reused(
    register, secretariat_client, secretariat
):
    councils, issued = register
    target = issued[1]
    url = reverse("admin:councilwork_issuednumber_change", args=[target.pk])
    page = secretariat_client.get(url).content.decode()
    assert "lý do hủy" in page.lower()

    response = secretariat_client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    target.refresh_from_db()
    assert target.cancelled_at is None

    response = secretariat_client.post(url, {"reason": "Ban hành nhầm trích yếu"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.cancel_reason, target.cancelled_by) == ("Ban hành nhầm trích yếu", secretariat)
    page = secretariat_client.get(url).content.decode()
    assert "Ban hành nhầm trích yếu" in page and secretariat.username in page

    # The register goes on after the cancelled number: it is not issued again.
    slug, kind, year, _subject = ISSUES[1]
    later = issue_number(councils[slug], year, kind)
    in_register = sum(1 for s, k, y, _ in ISSUES if (s, k, y) == (slug, kind, year))
    assert later.number == in_register + 1


def test_a_second_cancel_is_refused_in_vietnamese(register, secretariat_client, secretariat):
    _councils, issued = register
    target = issued[0]
    url = reverse("admin:councilwork_issuednumber_change", args=[target.pk])
    # Cancelled by someone else after this page was opened.
    cancel_number(issued=target, reason="Lý do đầu tiên", user=secretariat)
    response = secretariat_client.post(url, {"reason": "Lý do thứ hai"})
    assert response.status_code == 200
    assert "Số này đã bị hủy." in response.content.decode()
    target.refresh_from_db()
    assert target.cancel_reason == "Lý do đầu tiên"


def test_a_superuser_may_cancel(register, superuser_client):
    _councils, issued = register
    url = reverse("admin:councilwork_issuednumber_change", args=[issued[4].pk])
    assert superuser_client.post(url, {"reason": "Trùng số"}).status_code == 302
    issued[4].refresh_from_db()
    assert issued[4].cancel_reason == "Trùng số"


def test_leaders_and_ward_staff_do_not_see_the_register(
    register, leader_client, ward_a_client, secretariat_client
):
    _councils, issued = register
    change = reverse("admin:councilwork_issuednumber_change", args=[issued[0].pk])
    assert leader_client.get(reverse(CHANGELIST)).status_code == 403
    assert leader_client.get(change).status_code == 403
    assert leader_client.post(change, {"reason": "x"}).status_code == 403
    index = leader_client.get(reverse("admin:index")).content.decode()
    assert reverse(CHANGELIST) not in index
    assert reverse(CHANGELIST) in secretariat_client.get(reverse("admin:index")).content.decode()
    response = ward_a_client.get(reverse(CHANGELIST))
    assert response.status_code == 302 and reverse("admin:login") in response.url
    issued[0].refresh_from_db()
    assert issued[0].cancelled_at is None
