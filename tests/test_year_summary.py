"""year_summary: the year's figures counted from the records, as JSON and as a table."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from councilwork.models import Council, CouncilLevel, Term
from oversight.models import OversightActivity
from reports.figures import year_figures
from sessions.models import Resolution, Session

pytestmark = pytest.mark.django_db

# "The figures of 2023" of the seed article; regular/survey/interpellation for the
# wards are the demo's own split of the article's 31 (12 thematic).
# The district's own share of the 2023 certificates: its 2 committees and 3 of its
# deputy groups (the other 5 collectives are ward standing committees), and its 12
# deputies who received them.
RECEIVED_2023 = {"collective": 5, "individual": 12}
# devdata/demo/documents.py: each of the district's 4 sessions sends its invitation,
# report, submission and explanation (4), a draft per resolution (38 in all), the minutes
# (1) and its first 2 resolutions signed (2): 4×4 + 38 + 4×1 + 4×2 = 66, all "sent"; the
# drafts of session 12 go out on its opening day, so 3 of 4 are paperless; the 8
# signatures are made by the demo CA the demo trusts, so all are valid.
DIGITAL_2023 = {
    "paperless_sessions": 3,
    "documents_sent": 4 * 4 + 38 + 4 * 1 + 4 * 2,
    "resolutions_signed": 4 * 2,
    "resolutions": 38,
    "signatures_failed": 0,
}
# The wards' 13 sessions: each sends its invitation and minutes (2) and a draft per
# resolution (48 in all); each of the 6 wards signs its year-end session's first
# resolution (6, valid). The thematic ward's thematic session sent its invitation on the
# opening day: 12 of 13 are paperless.
WARDS_DIGITAL_2023 = {
    "paperless_sessions": 13 - 1,
    "documents_sent": 13 * 2 + 48 + 6,
    "resolutions_signed": 6,
    "resolutions": 48,
    "signatures_failed": 0,
}
SEED_FIGURES_2023 = {
    "year": 2023,
    "council": "duong-kinh",
    "council_sessions": {"total": 4, "regular": 2, "thematic": 2},
    "council_resolutions": 38,
    "council_oversight": {
        "total": 22,
        "thematic": 5,
        "regular": 16,
        "survey": 0,
        # Between two sessions (the article's "01 phiên chất vấn giữa hai kỳ họp"); the
        # demo records no interpellation at a session.
        "interpellation": 1,
        "interpellation_at_session": 0,
    },
    "below": {
        "commune": {
            "councils": 6,
            "sessions": {"total": 13, "regular": 12, "thematic": 1},
            "resolutions": 48,
            "oversight": {
                "total": 31,
                "thematic": 12,
                "regular": 19,
                "survey": 0,
                "interpellation": 0,
                "interpellation_at_session": 0,
            },
            "digital": WARDS_DIGITAL_2023,
        }
    },
    "awards": {"collective": 10, "individual": 12, "individual_people": 12},
    "received": RECEIVED_2023,
    "pledges_next_year": {
        "total": 14,
        "committee": 2,
        "deputy_group": 6,
        "standing_committee": 6,
    },
    "digital": DIGITAL_2023,
}


# The deputies' work (reports.figures.WORK): checked apart, against plain counts of the
# demo's rows (test_the_demos_deputies_work_matches_plain_counts), not in the seed's.
WORK = ("attendance", "votes", "citizen_reception", "voter_petitions", "recommendations")


def without_work(figures: dict) -> dict:
    """``figures`` without the deputies' work, at the top and under each level below."""
    kept = {key: value for key, value in figures.items() if key not in WORK}
    kept["below"] = {
        level: {key: value for key, value in counts.items() if key not in WORK}
        for level, counts in figures["below"].items()
    }
    return kept


def summary_json(*args) -> dict:
    out = StringIO()
    call_command("year_summary", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_demo_gives_the_seed_figures():
    assert without_work(summary_json("2023")) == SEED_FIGURES_2023


def test_council_option_picks_a_ward(ward_a):
    figures = summary_json("2023", "--council", "anh-dung")
    assert figures["council"] == "anh-dung"
    assert figures["council_sessions"] == {"total": 2, "regular": 2, "thematic": 0}
    assert figures["council_resolutions"] == 8
    assert figures["below"] == {}  # a ward has no councils below


def test_a_new_session_moves_the_counts(district, ward_b):
    term = district.terms.get()
    Session.objects.create(
        council=district,
        term=term,
        number=14,
        kind="thematic",
        start_date=dt.date(2023, 12, 28),
        end_date=dt.date(2023, 12, 28),
    )
    ward_session = Session.objects.create(
        council=ward_b,
        term=ward_b.terms.get(),
        number=20,
        kind="thematic",
        start_date=dt.date(2023, 11, 2),
        end_date=dt.date(2023, 11, 2),
    )
    Resolution.objects.create(
        council=ward_b, session=ward_session, number=99, adopted_on=dt.date(2023, 11, 2), title="x"
    )
    figures = summary_json("2023")
    assert figures["council_sessions"] == {"total": 5, "regular": 2, "thematic": 3}
    assert figures["below"]["commune"]["sessions"] == {"total": 14, "regular": 12, "thematic": 2}
    assert figures["below"]["commune"]["resolutions"] == 49
    assert figures["council_resolutions"] == 38


def test_records_of_other_years_and_councils_do_not_count(district):
    other = Council.objects.create(
        name="HĐND huyện Khác", short_name="Khác", slug="khac", level=CouncilLevel.DISTRICT
    )
    other_term = Term.objects.create(
        council=other,
        name="2021–2026",
        start_date=dt.date(2021, 6, 1),
        end_date=dt.date(2026, 6, 1),
    )
    Session.objects.create(
        council=other,
        term=other_term,
        number=1,
        kind="regular",
        start_date=dt.date(2023, 5, 5),
        end_date=dt.date(2023, 5, 5),
    )
    OversightActivity.objects.create(
        council=district,
        kind="survey",
        title="Khảo sát năm 2024",
        start_date=dt.date(2024, 1, 5),
        end_date=dt.date(2024, 1, 5),
    )
    figures = year_figures(council=district, year=2023).as_dict()
    assert without_work(figures) == SEED_FIGURES_2023


def test_deleting_records_lowers_the_counts(district):
    OversightActivity.objects.filter(council=district, kind="interpellation").delete()
    figures = summary_json("2023")
    assert figures["council_oversight"]["interpellation"] == 0
    assert figures["council_oversight"]["total"] == 21


def test_an_interpellation_at_a_session_is_counted_apart(district, ward_a):
    """ "interpellation" keeps meaning between two sessions; one at a session has its key."""
    for council, day in ((district, dt.date(2023, 7, 12)), (ward_a, dt.date(2023, 7, 20))):
        OversightActivity.objects.create(
            council=council,
            kind="interpellation_at_session",
            title="Chất vấn và trả lời chất vấn tại kỳ họp giữa năm",
            start_date=day,
            end_date=day,
        )
    figures = summary_json("2023")
    own, wards = figures["council_oversight"], figures["below"]["commune"]["oversight"]
    assert (own["interpellation"], own["interpellation_at_session"], own["total"]) == (1, 1, 23)
    assert (wards["interpellation"], wards["interpellation_at_session"]) == (0, 1)
    assert wards["total"] == 32


def test_figures_take_a_constant_number_of_queries(district, django_assert_max_num_queries):
    for i in range(30):
        Council.objects.create(
            name=f"HĐND phường Mới {i}",
            short_name=f"Mới {i}",
            slug=f"moi-{i}",
            level=CouncilLevel.COMMUNE,
            parent=district,
        )
    with django_assert_max_num_queries(20):  # 8, 3 for the digital figures, 9 for the work
        figures = year_figures(council=district, year=2023)
    assert figures.below["commune"]["councils"] == 36


def test_text_table_is_readable_vietnamese():
    out = StringIO()
    call_command("year_summary", "2023", stdout=out)
    text = out.getvalue()
    assert "Số liệu năm 2023 – HĐND quận Dương Kinh" in text
    lines = text.splitlines()
    own = lines.index("Kỳ họp và nghị quyết của HĐND")
    below = lines.index("Kỳ họp và nghị quyết của HĐND cấp xã")
    assert lines[own + 1].split() == ["Kỳ", "họp", "04"]
    assert lines[own + 4].split() == ["Nghị", "quyết", "38"]
    assert lines[below + 1].split() == ["Kỳ", "họp", "13"]
    assert lines[below + 4].split() == ["Nghị", "quyết", "48"]


def test_unknown_council_is_a_clear_error():
    with pytest.raises(CommandError, match="nope"):
        call_command("year_summary", "2023", "--council", "nope", stdout=StringIO())


def test_several_top_level_councils_need_a_choice():
    Council.objects.create(
        name="HĐND tỉnh Khác", short_name="Khác", slug="tinh-khac", level=CouncilLevel.PROVINCE
    )
    with pytest.raises(CommandError):
        call_command("year_summary", "2023", stdout=StringIO())
