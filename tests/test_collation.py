"""Vietnamese order wherever the database sorts names: Đ after D, Hải before Hưng.

The expected order is written out by hand from the alphabet (a ă â b c d đ e ê … o ô ơ
… u ư …, tone marks after the bare letter), not computed by the app's own key.
"""

import re

import pytest

from councilwork.collation import vi_key
from councilwork.models import Body, BodyKind, Council, Person

# In Vietnamese order, as a reader of a printed list expects it.
NAMES = [
    "Ân Thi",
    "Dương Kinh",
    "Đa Phúc",
    "Đồ Sơn",
    "Hà Nam",
    "Hải Thành",
    "Hưng Đạo",
    "Ô Môn",
    "Ơn Thành",
    "Uông Bí",
    "Ưng Hòa",
]


def shuffled():
    return NAMES[1::2] + NAMES[::2]


def test_vi_key_matches_the_written_order():
    assert sorted(shuffled(), key=vi_key) == NAMES


@pytest.fixture
def parent(db):
    return Council.objects.create(
        name="HĐND tỉnh Thử Nghiệm", short_name="Thử Nghiệm", slug="thu-nghiem", level="province"
    )


@pytest.mark.django_db
def test_database_orders_council_names_in_vietnamese(parent):
    for index, name in enumerate(shuffled()):
        Council.objects.create(
            name=f"HĐND xã {name}",
            short_name=name,
            slug=f"x-{index}",
            level="commune",
            parent=parent,
        )
    ordered = list(
        Council.objects.filter(parent=parent)
        .order_by("short_name")
        .values_list("short_name", flat=True)
    )
    assert ordered == NAMES
    assert list(
        Council.objects.filter(parent=parent).order_by("-name").values_list("short_name", flat=True)
    ) == list(reversed(NAMES))


@pytest.mark.django_db
def test_people_and_bodies_order_in_vietnamese(parent):
    for name in shuffled():
        Person.objects.create(full_name=f"Khảo Sát {name}")
        Body.objects.create(council=parent, kind=BodyKind.COMMITTEE, name=f"Ban {name}")
    people = Person.objects.filter(full_name__startswith="Khảo Sát ").values_list(
        "full_name", flat=True
    )
    assert list(people.order_by("full_name")) == [f"Khảo Sát {n}" for n in NAMES]
    bodies = Body.objects.filter(council=parent).order_by("name").values_list("name", flat=True)
    assert list(bodies) == [f"Ban {n}" for n in NAMES]


@pytest.mark.django_db
def test_names_differing_only_in_case_or_accent_stay_distinct(parent):
    """The collation orders; it does not make "Hà" and "Ha" the same name."""
    Person.objects.create(full_name="Lê Hà")
    Person.objects.create(full_name="Lê Ha")
    Person.objects.create(full_name="lê hà")
    assert Person.objects.filter(full_name="Lê Hà").count() == 1
    assert Person.objects.filter(full_name="Lê Ha").count() == 1
    assert Person.objects.filter(full_name="lê hà").count() == 1
    assert Person.objects.filter(full_name__in=["Lê Hà", "Lê Ha", "lê hà"]).count() == 3


@pytest.mark.django_db
def test_admin_changelist_sorts_councils_in_vietnamese(parent, secretariat_client):
    for index, name in enumerate(shuffled()):
        Council.objects.create(
            name=f"HĐND xã {name}",
            short_name=name,
            slug=f"x-{index}",
            level="commune",
            parent=parent,
        )
    page = secretariat_client.get(
        "/admin/councilwork/council/", {"level__exact": "commune", "o": "1"}
    )
    assert page.status_code == 200
    shown = re.findall(r"HĐND xã ([^<]+)</a>", page.content.decode())
    ours = [name for name in shown if name in NAMES]
    assert ours == NAMES
