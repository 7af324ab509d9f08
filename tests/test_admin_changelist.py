"""The changelist's row checkboxes are written directly (fast) and still work."""

import re

import pytest

from sessions.models import Resolution


@pytest.mark.django_db
def test_rows_have_a_labelled_checkbox_each_and_pages_hold_fifty(secretariat_client):
    total = Resolution.objects.count()
    assert total > 50, "the demo has more than one page of resolutions"
    text = secretariat_client.get("/admin/council_sessions/resolution/").content.decode()
    boxes = re.findall(r'<input type="checkbox" name="_selected_action" value="(\d+)"[^>]*>', text)
    assert len(boxes) == 50
    assert set(map(int, boxes)) <= set(Resolution.objects.values_list("pk", flat=True))
    first = re.search(r'<input type="checkbox" name="_selected_action"[^>]*>', text).group(0)
    assert 'class="action-select"' in first
    label = re.search(r'aria-label="([^"]+)"', first).group(1)
    assert str(Resolution.objects.get(pk=boxes[0])).split(" ")[0] in label
    assert 'id="action-toggle"' in text  # the select-all box in the header


@pytest.mark.django_db
def test_an_action_on_checked_rows_reaches_those_rows(secretariat_client):
    chosen = list(Resolution.objects.order_by("pk").values_list("pk", flat=True)[:2])
    response = secretariat_client.post(
        "/admin/council_sessions/resolution/",
        {"action": "delete_selected", "_selected_action": chosen},
    )
    assert response.status_code == 200
    text = response.content.decode()
    others = Resolution.objects.exclude(pk__in=chosen).order_by("pk")[:3]
    for resolution in Resolution.objects.filter(pk__in=chosen):  # the checked rows, named
        assert str(resolution) in text
    assert not any(str(other) in text for other in others if other.number != 0)


@pytest.mark.django_db
def test_admin_search_by_number_is_exact_and_by_council_name_forgives_accents(
    secretariat_client, district
):
    from sessions.models import Session

    session = Session.objects.filter(council=district).order_by("start_date").first()
    made = {
        n: Resolution.objects.create(
            session=session,
            council=district,
            number=n,
            symbol="NQ-HĐND",
            adopted_on=session.start_date,
            title=f"Nghị quyết kiểm thử {letter}",
        )
        for n, letter in ((7001, "A"), (17001, "B"))
    }
    page = secretariat_client.get("/admin/council_sessions/resolution/", {"q": "7001"})
    text = page.content.decode()
    assert f'value="{made[7001].pk}"' in text and f'value="{made[17001].pk}"' not in text
    page = secretariat_client.get(
        "/admin/council_sessions/resolution/", {"q": "duong kinh kiem thu", "o": "1"}
    )
    text = page.content.decode()
    assert all(f'value="{r.pk}"' in text for r in made.values())
