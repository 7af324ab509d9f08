"""The council trees' shapes (tests/oracle_trees.py), each built once per test module."""

from django.db import transaction

from councilwork.models import Term
from tests.oracle_digital import add_documents
from tests.oracle_trees import D, Tree, saved


def province_districts_communes(prefix: str = "or1") -> tuple[Tree, tuple[int, ...]]:
    """Before 2025: a province over 02 districts over 03 communes each."""
    t = Tree(prefix)
    t.council("p", 'HĐND thành phố "Cảng & Biển" <Hải>', "province")
    for d in (1, 2):
        t.council(f"d{d}", f"HĐND quận Đồ Sơn {d}", "district", parent="p")
        for c in (1, 2, 3):
            t.council(f"d{d}c{c}", f"HĐND phường Ngọc Xuyên {d}.{c}", "commune", parent=f"d{d}")
    for v, key in enumerate(list(t.places)):
        t.pattern(key, 2023, v)
    for v, key in enumerate(("p", "d1", "d1c1", "d2c3")):
        t.pattern(key, 2024, v + 1)
    t.activity("d1", "interpellation_at_session", D(2023, 7, 10))  # at its mid-year session
    t.activity("d1c2", "interpellation_at_session", D(2023, 12, 20))
    t.person("a", "Nguyễn Thị “Hà” & <Bé>", "d1")
    t.person("b", "Trần Văn Ánh", "p")
    t.person("c", "Lê Đức O'Toàn", "d1c1", "d2")
    t.person("e", "Phạm Thị Ếch")  # not a deputy anywhere
    t.person("f", "Hoàng Văn Cũ")
    t.seat("f", saved(Term(council=t.places["d1"].obj, name="2016–2021",
                           start_date=D(2016, 1, 1), end_date=D(2020, 12, 31))))  # fmt: skip
    late = t.decision("p", 2023, D(2024, 1, 15))  # decided the following year
    for recipient in ({"council": "d1"}, {"body": ("d2", "committee")},
                      {"body": ("d1c1", "standing_committee")}, {"person": "a"},
                      {"person": "e"}, {"person": "f"}):  # fmt: skip
        t.award(late, **recipient)
    higher = t.decision("p", 2023, D(2023, 12, 31), kind="bang_khen")
    t.award(higher, person="a")
    t.award(higher, person="b")
    district = t.decision("d1", 2023, D(2024, 2, 1))
    t.award(district, body=("d1c1", "standing_committee"))
    t.award(district, person="c")
    t.award(district, person="a")
    t.award(t.decision("p", 2022, D(2023, 1, 10)), council="d2")  # a 2022 award decided in 2023
    for body, kind in (("p", "committee"), ("d1", "standing_committee"),
                       ("d1c1", "standing_committee"), ("d2c2", "deputy_group")):  # fmt: skip
        t.pledge("p", 2024, body, kind, D(2023, 12, 20))
    for body, kind in (("d1", "committee"), ("d1", "deputy_group"), ("d1c1", "standing_committee"),
                       ("d1c2", "standing_committee")):  # fmt: skip
        t.pledge("d1", 2024, body, kind, D(2024, 1, 1))
    t.pledge("p", 2023, "d2c1", "standing_committee", D(2022, 12, 30))
    t.pledge("p", 2025, "d2", "deputy_group", D(2025, 1, 2))
    return t, (2021, 2022, 2023, 2024)


def province_after_reorganisation(prefix: str = "or2") -> tuple[Tree, tuple[int, ...]]:
    """A province whose 02 districts and their wards end on 30/06/2025, with 03 new communes."""
    t = Tree(prefix)
    end, start = D(2025, 6, 30), D(2025, 7, 1)
    t.council("p", "HĐND tỉnh Đắk & Lắk", "province")
    for d in (1, 2):
        t.council(f"d{d}", f'HĐND huyện "Krông {d}"', "district", parent="p", dissolved_on=end)
        for w in (1, 2):
            t.council(f"d{d}w{w}", f"HĐND xã Ea Tu {d}.{w}", "commune", parent=f"d{d}",
                      dissolved_on=end)  # fmt: skip
    for n in (1, 2, 3):
        t.council(f"n{n}", f"HĐND phường Buôn Ma Thuột <{n}>", "commune", parent="p",
                  established_on=start, term=(start, D(2031, 6, 30)))  # fmt: skip
    for old, new in (("d1", "n1"), ("d1w1", "n1"), ("d1w2", "n1"), ("d2", "n2"), ("d2w1", "n2"),
                     ("d2w2", "n3")):  # fmt: skip
        t.succeed(old, new)
    for v, key in enumerate(list(t.places)):
        t.pattern(key, 2024, v)
        t.pattern(key, 2025, v + 1)
    for v, key in enumerate(("p", "n1", "n2", "n3")):
        t.pattern(key, 2026, v + 2)
    t.session("d1w1", "regular", end, resolutions=(end,))  # the last day of the old wards
    t.activity("d2", "interpellation", end)
    t.session("n1", "thematic", start, resolutions=(start, start))  # the first day of the new
    t.activity("n2", "survey", start)
    t.activity("n1", "interpellation_at_session", start)  # at its first session
    t.person("q", "Y Đăk “Ông” & Niê", "d1", "n1")
    t.person("r", "H'Hen Niê", "n1")
    t.person("s", "Đinh Thị Sáu", "d2w1")
    reorganised = t.decision("p", 2025, D(2026, 1, 20))
    for recipient in ({"council": "n1"}, {"council": "d1"},
                      {"body": ("d1w1", "standing_committee")},
                      {"person": "q"}, {"person": "r"}, {"person": "s"}):  # fmt: skip
        t.award(reorganised, **recipient)
    t.award(t.decision("n1", 2025, D(2025, 12, 31)), person="r")
    before = t.decision("p", 2024, D(2025, 1, 15), kind="bang_khen")
    t.award(before, council="d1")
    t.award(before, body=("d2", "committee"))
    t.award(before, person="q")
    for body, kind in (("d1", "standing_committee"), ("d1w1", "standing_committee"),
                       ("d2", "deputy_group")):  # fmt: skip
        t.pledge("p", 2025, body, kind, D(2024, 12, 31))
    for body, kind in (("p", "committee"), ("n1", "standing_committee"),
                       ("n2", "standing_committee"), ("n3", "committee")):  # fmt: skip
        t.pledge("p", 2026, body, kind, D(2025, 12, 30))
    t.pledge("n1", 2026, "n1", "deputy_group", D(2026, 1, 1))
    return t, (2023, 2024, 2025, 2026, 2027, 2030)


def districts_alone_and_with_wards(prefix: str = "or3") -> tuple[Tree, tuple[int, ...]]:
    """A district with no councils below, and a district whose wards change in 2023."""
    t = Tree(prefix)
    t.council("solo", "HĐND huyện Bạch Long Vĩ", "district")
    t.council("d", 'HĐND quận "Hồng Bàng" & <Lê Chân>', "district")
    t.council("w1", "HĐND phường Hoàng Văn Thụ", "commune", parent="d")
    t.council("w2", "HĐND phường Minh Khai", "commune", parent="d", dissolved_on=D(2023, 9, 30))
    t.council(
        "w3", "HĐND phường Phan Bội Châu", "commune", parent="d", established_on=D(2023, 3, 1)
    )
    t.succeed("w2", "w1")
    for v, key in enumerate(list(t.places)):
        for year in (2022, 2023, 2024):
            t.pattern(key, year, v + year)
    t.session("w2", "thematic", D(2023, 9, 30), resolutions=(D(2023, 9, 30),))
    t.activity("w3", "interpellation", D(2023, 3, 1))
    t.activity("solo", "interpellation_at_session", D(2023, 7, 12))
    t.activity("w1", "interpellation_at_session", D(2023, 7, 14))
    t.person("x", "Vũ Thị Xuân “Em”", "d", "w1")
    t.person("y", "Đỗ Yên & Bình", "w3")
    t.person("z", "Ngô Văn Z <solo>", "solo")
    ward_year = t.decision("d", 2023, D(2024, 1, 10))
    for recipient in ({"council": "w1"}, {"body": ("w2", "standing_committee")}, {"person": "x"},
                      {"person": "y"}, {"body": ("d", "deputy_group")}):  # fmt: skip
        t.award(ward_year, **recipient)
    t.award(t.decision("d", 2023, D(2023, 12, 31), kind="danh_hieu"), person="x")
    solo = t.decision("solo", 2023, D(2023, 12, 29))
    t.award(solo, body=("solo", "committee"))
    t.award(solo, person="z")
    t.award(t.decision("solo", 2024, D(2025, 2, 1)), person="z")
    for body, kind in (("w1", "standing_committee"), ("w3", "standing_committee"),
                       ("d", "committee"), ("d", "deputy_group")):  # fmt: skip
        t.pledge("d", 2024, body, kind, D(2023, 12, 15))
    t.pledge("solo", 2024, "solo", "committee", D(2024, 1, 5))
    t.pledge("d", 2023, "w2", "standing_committee", D(2022, 12, 30))
    return t, (2022, 2023, 2024, 2030)


SHAPES = {
    "province-district-commune": province_districts_communes,
    "province-after-2025": province_after_reorganisation,
    "districts": districts_alone_and_with_wards,
}


def built_once(django_db_blocker):
    """Every shape built once for a test module, inside a transaction rolled back after it.

    Each test's own changes roll back to this state (its savepoint nests inside), as with
    ``TestCase.setUpTestData``; the trees must only be read.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield {name: add_documents(build()) for name, build in SHAPES.items()}
        transaction.set_rollback(True)
