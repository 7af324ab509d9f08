"""The stored folded documents the search reads (`search_document`): always the record's.

Each expected document is written out here by hand (lower case, no accents, đ as d,
the fields joined by one space), not computed by the app's fold. The column is the
database's own (a generated column), so every write path keeps it: save, create,
bulk_create, a queryset update, the admin's change form.
"""

import datetime as dt

import pytest

from oversight.models import OversightActivity
from sessions.models import Resolution, Session
from tests.admin_post import change_form_data
from tests.factories import session

pytestmark = pytest.mark.django_db


def stored(obj) -> str:
    """The words of ``obj``'s stored document, one space apart (the fold in PostgreSQL
    keeps an empty field's space, SQLite's trims it: the words are what is matched)."""
    document = type(obj).objects.values_list("search_text", flat=True).get(pk=obj.pk)
    return " ".join(document.split())


def test_every_write_path_keeps_the_document(ward_a):
    s = session(ward_a, 71, title="Kỳ họp chuyên đề ĐẤT ĐAI", location="Hội trường Ủy ban")
    assert stored(s) == "ky hop chuyen de dat dai hoi truong uy ban"

    s.title = "Kỳ họp thứ Bảy"
    s.save()
    assert stored(s) == "ky hop thu bay hoi truong uy ban"

    Session.objects.filter(pk=s.pk).update(location="")
    assert stored(s) == "ky hop thu bay"

    day = dt.date(2023, 7, 3)
    made = Resolution.objects.bulk_create(
        [
            Resolution(council=ward_a, session=s, number=97, adopted_on=day, title="Về Dự toán"),
            Resolution(
                council=ward_a, session=s, number=98, symbol="NQ-TT", adopted_on=day, title="Đề án"
            ),
        ]
    )
    documents = sorted(stored(r) for r in made)
    assert documents == ["de an 98/nq-tt", "ve du toan 97/nq-hdnd"]


def test_the_admin_change_form_keeps_the_document_and_history_leaves_it_out(
    ward_a, superuser_client
):
    day = dt.date(2023, 8, 1)
    activity = OversightActivity.objects.create(
        council=ward_a,
        kind="thematic",
        title="Giám sát",
        subject="Trường học",
        start_date=day,
        end_date=day,
    )
    url = f"/admin/oversight/oversightactivity/{activity.pk}/change/"
    data = change_form_data(superuser_client.get(url))
    assert "search_text" not in data  # not a field of the form
    data["title"] = "Giám sát chuyên đề Y TẾ"
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored(activity) == "giam sat chuyen de y te truong hoc"

    history = activity.history.model
    assert "search_text" not in {f.name for f in history._meta.get_fields()}
    assert activity.history.first().title == "Giám sát chuyên đề Y TẾ"
