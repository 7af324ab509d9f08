"""A drill-down cached per reader shows a change of their permissions from the next view.

The rows' links to the admin follow the reader's permissions (reports.records.
record_link): a permission granted to the user, to a group they are in, or a group
given to them, and one taken away, show at once on the cached list
(reports.page_cache.reader_frame). The lists come from tests.factories.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilwork import user_memo
from tests.factories import session
from tests.page_cache_stored import REDIS, stored_page_count

pytestmark = pytest.mark.django_db
LIST = reverse("summary:records", args=[2023, "sessions"]) + "?council=anh-dung"
ADMIN_LINK = re.compile(r'href="/admin/council_sessions/session/\d+/change/"')


def links_shown(client) -> int:
    response = client.get(LIST)
    assert response.status_code == 200
    return len(ADMIN_LINK.findall(response.content.decode()))


def view_session() -> Permission:
    return Permission.objects.get(
        content_type__app_label="council_sessions", codename="view_session"
    )


@pytest.fixture
def rows(ward_a, ward_a_staff, ward_a_client):
    """Ward staff hold no admin permission: their list of their own sessions, no link."""
    for number in range(901, 904):
        session(ward_a, number, dt.date(2023, 4, 1))
    assert not ward_a_staff.has_perm("council_sessions.view_session")
    assert links_shown(ward_a_client) == links_shown(ward_a_client) == 0  # stored, read again
    shown = ward_a_client.get(LIST).content.decode().count('class="record-row"')
    assert shown >= 3
    return shown


def test_a_permission_granted_to_the_user_shows_the_links_at_once(
    ward_a_staff, ward_a_client, rows
):
    ward_a_staff.user_permissions.add(view_session())
    assert links_shown(ward_a_client) == rows
    assert links_shown(ward_a_client) == rows  # the new page, from the cache
    ward_a_staff.user_permissions.remove(view_session())
    assert links_shown(ward_a_client) == 0


def test_a_permission_granted_to_the_users_group_shows_at_once(ward_a_staff, ward_a_client, rows):
    group = Group.objects.create(name="Xem kỳ họp")
    ward_a_staff.groups.add(group)
    assert links_shown(ward_a_client) == 0
    group.permissions.add(view_session())  # the group's permissions, not the user's
    assert links_shown(ward_a_client) == rows
    ward_a_staff.groups.remove(group)
    assert links_shown(ward_a_client) == 0


def test_a_superuser_sees_the_links_from_the_next_view(ward_a_staff, ward_a_client, rows):
    ward_a_staff.is_superuser = True
    ward_a_staff.save(update_fields=["is_superuser"])
    assert links_shown(ward_a_client) == rows


def test_a_cached_list_reads_the_permissions_only_without_redis(ward_a_client, rows):
    ward_a_client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        assert links_shown(ward_a_client) == 0
    permission_reads = [q for q in queries.captured_queries if "auth_permission" in q["sql"]]
    # Without Redis the users' generation is unknown: one query of the permissions.
    assert len(permission_reads) == (0 if REDIS else 1)
    assert user_memo.enabled() == REDIS
    assert stored_page_count() == 1
