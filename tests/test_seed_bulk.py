"""seed_bulk: a deterministic, valid, audited tree of councils with realistic yearly volumes."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import translation

from awards.models import Award, AwardDecision
from campaigns.models import (
    Campaign,
    ClassificationThreshold,
    Commitment,
    Criterion,
    Pledge,
    Score,
    Scorecard,
)
from councilwork.models import Body, Council, Deputy, Membership, Person, Term
from devdata.bulk import plan
from devdata.bulk.writer import history_model
from oversight.models import OversightActivity, Recommendation
from reports.figures import year_figures
from sessions.models import Attendance, Resolution, Session, Vote
from voters.models import ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

pytestmark = pytest.mark.django_db

SMALL = {"councils": 12, "years": 2, "seed": 7}  # 2024–2025, one term
OLD_TERM = {"councils": 3, "years": 5, "seed": 7}  # 2021–2025: the 2016–2021 term too
B = plan.PREFIX

# Every bulk model: the rows of the bulk councils, and the natural keys and values
# that identify a row without its id (the canonical dump).
DUMP = {
    Council: (Q(slug__startswith=B), "slug name short_name level parent__slug"),
    Term: (Q(council__slug__startswith=B), "council__slug name start_date end_date"),
    Body: (Q(council__slug__startswith=B), "council__slug kind name"),
    Person: (Q(mandates__term__council__slug__startswith=B), "full_name gender position"),
    Deputy: (
        Q(term__council__slug__startswith=B),
        "term__council__slug term__start_date person__full_name constituency",
    ),
    Membership: (
        Q(body__council__slug__startswith=B),
        "body__council__slug body__name deputy__person__full_name role start_date end_date",
    ),
    Session: (
        Q(council__slug__startswith=B),
        "council__slug term__start_date number kind title start_date end_date paperless location",
    ),
    Resolution: (
        Q(council__slug__startswith=B),
        "council__slug adopted_on number session__number symbol title",
    ),
    OversightActivity: (
        Q(council__slug__startswith=B),
        "council__slug start_date kind title subject end_date findings conducted_by__name",
    ),
    Recommendation: (
        Q(activity__council__slug__startswith=B),
        "activity__council__slug activity__title content deadline status completed_on "
        "responsible_agency",
    ),
    Attendance: (
        Q(session__council__slug__startswith=B),
        "session__council__slug session__start_date deputy__person__full_name sitting_day status "
        "reason",
    ),
    Vote: (
        Q(session__council__slug__startswith=B),
        "session__council__slug voted_on resolution__number subject two_thirds deputies "
        "votes_for votes_against abstentions not_voting",
    ),
    ReceptionDay: (Q(council__slug__startswith=B), "council__slug date body__name place citizens"),
    ReceptionCase: (
        Q(day__council__slug__startswith=B),
        "day__council__slug day__date kind field summary citizen_name forwarded_to deadline "
        "status reply_date reply_number",
    ),
    VoterMeeting: (
        Q(council__slug__startswith=B),
        "council__slug date timing session__number place voters",
    ),
    VoterPetition: (
        Q(meeting__council__slug__startswith=B),
        "meeting__council__slug meeting__date field content agency forwarded_on deadline status "
        "answer_date re_supervise",
    ),
    Campaign: (
        Q(council__slug__startswith=B),
        "council__slug year theme launched_on status score_step",
    ),
    Criterion: (
        Q(campaign__council__slug__startswith=B),
        "campaign__council__slug campaign__year applies_to code section title max_points position",
    ),
    ClassificationThreshold: (
        Q(campaign__council__slug__startswith=B),
        "campaign__council__slug campaign__year applies_to classification min_points",
    ),
    Scorecard: (
        Q(campaign__council__slug__startswith=B),
        "campaign__council__slug campaign__year subject_kind subject_council__slug status "
        "submitted_at reviewed_at",
    ),
    Score: (
        Q(scorecard__campaign__council__slug__startswith=B),
        "scorecard__campaign__year scorecard__subject_council__slug criterion__code "
        "criterion__applies_to self_points approved_points",
    ),
    AwardDecision: (
        Q(council__slug__startswith=B),
        "council__slug year kind number decision_date issuing_authority title",
    ),
    Award: (
        Q(decision__council__slug__startswith=B),
        "decision__number decision__year recipient_council__slug achievement",
    ),
    Pledge: (
        Q(campaign__council__slug__startswith=B),
        "campaign__council__slug campaign__year body__council__slug body__name signed_on signatory",
    ),
    Commitment: (
        Q(pledge__campaign__council__slug__startswith=B),
        "pledge__campaign__year pledge__body__council__slug pledge__body__name position text "
        "metric target",
    ),
}


def seed(replace=False, **options) -> str:
    out = StringIO()
    call_command("seed_bulk", **(options or SMALL), replace=replace, stdout=out)
    return out.getvalue()


def rows(model):
    scope, _fields = DUMP[model]
    ids = model._default_manager.filter(scope).values("pk")
    return model._default_manager.filter(pk__in=ids)


def canonical_dump() -> dict[str, list]:
    dump = {}
    for model, (_scope, fields) in DUMP.items():
        dump[model.__name__] = sorted(rows(model).values_list(*fields.split()), key=repr)
    return dump


def per_council_year(model, date_field: str) -> Counter:
    counts = (
        rows(model)
        .annotate(year=ExtractYear(date_field))
        .values("council__slug", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter({(row["council__slug"], row["year"]): row["n"] for row in counts})


def test_the_tree_puts_about_a_hundred_wards_in_bulk_p01_at_full_scale():
    counts = plan.ward_counts(3321, seed=1)
    assert len(counts) == plan.PROVINCES and sum(counts) == 3321
    assert 100 <= counts[0] <= 130 and min(counts) >= 1 and len(set(counts)) > 10
    assert plan.ward_counts(3321, seed=1) == counts
    assert [t.name for t in plan.terms_for(plan.years_for(5))] == ["2016–2021", "2021–2026"]


@pytest.mark.parametrize("options", [SMALL, OLD_TERM], ids=["12x2", "3x5"])
def test_volumes_per_council_and_year_are_within_the_stated_ranges(options):
    out = seed(**options)
    # Not a terminal: no progress line, only the summary per model.
    assert "\r" not in out and "left" not in out
    assert "council_sessions.Resolution" in out and "rows/s" in out
    years = plan.years_for(options["years"])
    councils = list(Council.objects.filter(slug__startswith=B))
    provinces = [c for c in councils if c.parent_id is None]
    wards = [c for c in councils if c.parent_id is not None]
    assert len(wards) == options["councils"]
    assert len(provinces) == plan.province_count(options["councils"])
    assert all(w.level == "commune" and w.parent.level == "province" for w in wards)
    for model in DUMP:
        assert rows(model).exists(), model
    ranges = [
        (per_council_year(Session, "start_date"), plan.SESSIONS),
        (per_council_year(Resolution, "adopted_on"), plan.RESOLUTIONS),
        (per_council_year(OversightActivity, "start_date"), plan.ACTIVITIES),
    ]
    for counts, (low, high) in ranges:
        assert set(counts) == {(c.slug, year) for c in councils for year in years}
        assert all(low <= n <= high for n in counts.values()), counts
    for council in councils:
        kinds = Counter(council.bodies.values_list("kind", flat=True))
        assert kinds["standing_committee"] == 1 and kinds["committee"] == 2
        assert 1 <= kinds["deputy_group"] <= 3
        for term in council.terms.all():
            assert plan.DEPUTIES[0] <= term.deputies.count() <= plan.DEPUTIES[1]
        for year in years:
            activities = OversightActivity.objects.filter(council=council, start_date__year=year)
            assert {"thematic", "survey", "interpellation"} <= set(
                activities.values_list("kind", flat=True)
            )
            recommendations = Recommendation.objects.filter(activity__in=activities).count()
            assert plan.RECOMMENDATIONS[0] <= recommendations <= plan.RECOMMENDATIONS[1]
    for province in provinces:
        ward_count = province.children.count()
        signers = province.bodies.count() + ward_count
        for year in years:
            campaign = Campaign.objects.get(council=province, year=year)
            assert plan.CRITERIA[0] <= campaign.criteria.count() <= plan.CRITERIA[1]
            assert campaign.thresholds.count() == 4 * 5
            cards = campaign.scorecards.all()
            assert sorted(c.subject_council_id for c in cards) == sorted(
                province.children.values_list("pk", flat=True)
            )
            assert {c.status for c in cards} == {"approved"}
            council_criteria = campaign.criteria.filter(applies_to="council").count()
            assert {c.scores.count() for c in cards} == {council_criteria}
            awards = Award.objects.filter(decision__council=province, decision__year=year)
            assert awards.count() == max(1, round(ward_count / 10))
            pledges = Pledge.objects.filter(campaign__council=province, campaign__year=year + 1)
            assert pledges.count() == signers
        assert Campaign.objects.filter(council=province, year=years[-1] + 1, status="open").exists()
    per_pledge = rows(Commitment).values("pledge").annotate(n=Count("pk")).order_by()
    assert {row["n"] for row in per_pledge} <= {2, 3}


def test_same_seed_same_data_other_seed_other_data():
    seed()
    first = canonical_dump()
    seed(replace=True)
    assert canonical_dump() == first
    seed(replace=True, **{**SMALL, "seed": 8})
    assert canonical_dump() != first


@pytest.mark.parametrize("options", [SMALL, OLD_TERM], ids=["12x2", "3x5"])
def test_a_sample_of_every_model_passes_full_clean(options):
    seed(**options)
    for model in DUMP:
        found = list(rows(model).order_by("pk"))
        step = max(1, len(found) // 8)
        for row in [*found[::step], found[-1]]:
            row.full_clean()


def test_year_figures_equal_direct_counts_and_the_plan():
    seed()
    for province in Council.objects.filter(slug__startswith=B, parent__isnull=True):
        wards = list(province.children.all())
        for year in plan.years_for(SMALL["years"]):
            figures = year_figures(council=province, year=year)
            own = Session.objects.filter(council=province, start_date__year=year)
            ward = Session.objects.filter(council__parent=province, start_date__year=year)
            assert figures.council_sessions["total"] == own.count()
            assert figures.council_sessions["thematic"] == own.filter(kind="thematic").count()
            below = figures.below["commune"]
            assert below["councils"] == len(wards)
            assert below["sessions"]["total"] == ward.count()
            planned = [plan.sessions(SMALL["seed"], w.slug, year) for w in wards]
            assert below["sessions"]["total"] == sum(len(s) for s in planned)
            assert below["resolutions"] == sum(x.resolutions for s in planned for x in s)
            assert figures.council_resolutions == (
                Resolution.objects.filter(council=province, adopted_on__year=year).count()
            )
            ward_activities = OversightActivity.objects.filter(
                council__parent=province, start_date__year=year
            )
            assert below["oversight"]["total"] == ward_activities.count()
            assert below["oversight"]["survey"] == ward_activities.filter(kind="survey").count()
            assert figures.council_oversight["total"] == (
                OversightActivity.objects.filter(council=province, start_date__year=year).count()
            )
            decisions = AwardDecision.objects.filter(council=province, year=year)
            assert figures.awards == {
                "collective": Award.objects.filter(decision__in=decisions).count(),
                "individual": 0,
                "individual_people": 0,
            }
            assert figures.pledges_next_year["total"] == (
                Pledge.objects.filter(campaign__council=province, campaign__year=year + 1).count()
            )
            assert figures.pledges_next_year["standing_committee"] == 1 + len(wards)


def test_a_second_run_without_replace_is_refused():
    seed()
    before = canonical_dump()
    with translation.override("vi"), pytest.raises(CommandError) as refused:
        seed(councils=3, years=1, seed=2)
    message = str(refused.value)
    assert "--replace" in message and "bulk-" in message
    assert "Cơ sở dữ liệu đã có dữ liệu" in message  # Vietnamese for the secretariat
    with translation.override("en"), pytest.raises(CommandError, match="already holds"):
        seed(councils=3, years=1, seed=2)
    assert canonical_dump() == before


def test_bulk_records_have_history_and_replaced_ones_a_deletion_entry():
    audited = [model for model in DUMP if history_model(model) is not None]
    if not audited:
        pytest.skip("no model keeps history")
    seed()
    old = {model: set(rows(model).values_list("pk", flat=True)) for model in audited}
    for model in audited:
        created = history_model(model).objects.filter(
            id__in=old[model], history_type="+", history_change_reason="seed_bulk"
        )
        assert set(created.values_list("id", flat=True)) == old[model], model
    seed(replace=True)
    for model in audited:
        deleted = history_model(model).objects.filter(id__in=old[model], history_type="-")
        assert set(deleted.values_list("id", flat=True)) == old[model], model
        assert not model._default_manager.filter(pk__in=old[model]).exists()
    # The demo is untouched by --replace.
    assert Council.objects.filter(slug="duong-kinh").exists()
    assert Deputy.objects.filter(term__council__slug="duong-kinh").count() > 0


def test_a_province_has_no_namesakes_and_its_year_exports(tmp_path):
    """Names are the people's key in a year's export: the bulk provinces export whole."""
    seed(councils=150, years=1, seed=1)
    planned = [
        name
        for ward in plan.tree(150, 1)[0].wards
        for name, _gender in plan.people(1, ward.slug).names
    ]
    assert len(planned) > len(set(planned)), "the plan alone has namesakes in bulk-p01"
    for province in Council.objects.filter(slug__startswith=B, parent__isnull=True):
        names = list(
            Person.objects.filter(mandates__term__council__in=[province, *province.children.all()])
            .distinct()
            .values_list("full_name", flat=True)
        )
        assert names and len(names) == len(set(names)), province.slug
    largest = max(
        Council.objects.filter(slug__startswith=B, parent__isnull=True),
        key=lambda c: c.children.count(),
    )
    target = tmp_path / "year.json"
    call_command("export_year", "2025", council=largest.slug, output=str(target), stdout=StringIO())
    assert target.stat().st_size > 0


def test_distinct_name_varies_a_taken_name_and_keeps_a_free_one():
    taken = {"Nguyễn Thị Thu Hằng"}
    assert plan.distinct_name("Trần Thị Thu Hằng", "female", taken) == "Trần Thị Thu Hằng"
    varied = plan.distinct_name("Nguyễn Thị Thu Hằng", "female", taken)
    assert varied != "Nguyễn Thị Thu Hằng" and varied.endswith("Thị Thu Hằng")
    assert {"Nguyễn Thị Thu Hằng", "Trần Thị Thu Hằng", varied} == taken
