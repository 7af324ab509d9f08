"""The award dossiers in the year exchange: rules, register, dossiers with their meeting,
nominees with their ballots, and the decisions issued from them, amendments included,
round trip into a fresh state; an issued decision, a decided dossier and their rows are
refused any change, naming sheet, row and column, and nothing is written."""

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.decision_services import decision_issue
from awards.dossier_services import dossier_mark_ready, dossier_record_meeting
from awards.dossiers import AwardDossier, AwardNominee, AwardPolicy, EligibilityRule
from awards.legal import LegalDocument
from awards.models import Award, AwardDecision
from councilwork.models import Body, Council, CouncilLevel, Person, Term
from councilwork.models.numbering import IssuedNumber, NumberCounter
from exchange.jsonfile import read_json
from exchange.load import load
from exchange.spec import SHEETS
from tests.work_factories import council as make_council

pytestmark = pytest.mark.django_db

SLUG, YEAR = "hs-quan", 2025
AUTHORITY = "UBND quận Hồ Sơ"
BODY = "Ban Pháp chế quận Hồ Sơ"
PEOPLE = ["Trần Hồ Sơ Một", "Lê Hồ Sơ Hai", "Phạm Hồ Sơ Ba"]
MEMBERS = 9
PERCENT = Decimal("70")
MEETING_DAY, ISSUED_ON, AMENDED_ON = dt.date(2026, 2, 20), dt.date(2026, 3, 3), dt.date(2026, 4, 1)
ISSUED, AMENDMENT = "01/QĐ-UBND", "05/QĐ-UBND"
POLICIES = [("giay_khen", Decimal("70.00"), "all"), ("bang_khen", Decimal("66.67"), "present")]
# kind, rule, required kind, required title, percent, rounding, text
RULES = [
    ("danh_hieu", "requires_initiative", "", "", None, "floor", "Có sáng kiến được công nhận"),
    ("danh_hieu", "cap", "danh_hieu", "Lao động tiên tiến", Decimal("15.00"), "round", "≤ 15%"),
]
# number, citation, in force from, until, order
DOCUMENTS = [
    ("L1/2020", "Luật thử số L1/2020", dt.date(2020, 1, 1), None, 1),
    ("D2/2021", "Nghị định thử số D2/2021", dt.date(2021, 1, 1), dt.date(2025, 6, 30), 2),
    ("D3/2025", "Nghị định thử số D3/2025", dt.date(2025, 7, 1), None, 2),
    ("D4/2026", "Nghị định thử số D4/2026", dt.date(2026, 3, 4), dt.date(2026, 3, 31), 3),
]
# The decided dossier's nominees: (recipient, achievement, votes for, against, invalid).
NOMINEES = [
    (BODY, "Tập thể xuất sắc", 9, 0, 0),
    (PEOPLE[0], "Hoàn thành xuất sắc nhiệm vụ", 7, 2, 0),
    (PEOPLE[1], "Hoàn thành tốt nhiệm vụ", 6, 2, 1),
]
DRAFT_NOMINEE = (PEOPLE[2], "Đề nghị năm sau", None, None, None)


def _recipient(name: str) -> dict:
    if name == BODY:
        return {"recipient_body": Body.objects.get(name=BODY)}
    return {"recipient_person": Person.objects.get(full_name=name)}


POLICY_FIELDS = ("kind", "vote_percent", "vote_base")
RULE_FIELDS = ("kind", "rule", "required_kind", "required_title", "percent", "rounding", "text")
DOCUMENT_FIELDS = ("number", "citation", "in_force_from", "in_force_until", "order")
TALLY = ("votes_for", "votes_against", "votes_invalid")


def build(secretariat) -> dict:
    """The test's own year: registers, two dossiers, an issued decision and its amendment."""
    for model, fields, rows in (
        (AwardPolicy, POLICY_FIELDS, POLICIES),
        (EligibilityRule, RULE_FIELDS, RULES),
        (LegalDocument, DOCUMENT_FIELDS, DOCUMENTS),
    ):
        model.objects.all().delete()  # the demo's: the test owns every row it compares
        model.objects.bulk_create(model(**dict(zip(fields, row, strict=True))) for row in rows)
    place = make_council(SLUG, level=CouncilLevel.DISTRICT)
    Body.objects.create(council=place, name=BODY, kind="committee")
    Person.objects.bulk_create(Person(full_name=name) for name in PEOPLE)

    dossier = AwardDossier.objects.create(
        council=place, year=YEAR, kind="giay_khen", issuing_authority=AUTHORITY,
        submission_text="Tờ trình đề nghị khen thưởng",
    )  # fmt: skip
    for name, achievement, *_tally in NOMINEES:
        AwardNominee.objects.create(
            dossier=dossier, achievement=achievement, report_text=f"Báo cáo {name}",
            **_recipient(name),
        )  # fmt: skip
    dossier_mark_ready(dossier=dossier, user=secretariat)
    # The meeting, as the secretariat records it in the admin, then closed by the service.
    AwardDossier.objects.filter(pk=dossier.pk).update(
        meeting_date=MEETING_DAY, members_total=MEMBERS, members_present=MEMBERS
    )
    for name, _achievement, *tally in NOMINEES:
        AwardNominee.objects.filter(dossier=dossier, **_recipient(name)).update(
            **dict(zip(TALLY, tally, strict=True))
        )
    dossier_record_meeting(dossier=dossier, user=secretariat)
    issued = decision_issue(
        dossier=dossier, user=secretariat, decision_date=ISSUED_ON, title="Tặng Giấy khen"
    )
    assert issued.number == ISSUED  # the first of the council's register for 2026

    draft = AwardDossier.objects.create(
        council=place, year=YEAR, kind="bang_khen", issuing_authority=AUTHORITY
    )
    AwardNominee.objects.create(
        dossier=draft, achievement=DRAFT_NOMINEE[1], **_recipient(DRAFT_NOMINEE[0])
    )
    amendment = AwardDecision(
        council=place, year=YEAR, kind="giay_khen", number=AMENDMENT, decision_date=AMENDED_ON,
        issuing_authority=AUTHORITY, title="Đính chính", amends=issued,
    )  # fmt: skip
    amendment.full_clean()
    amendment.save()
    person = Person.objects.get(full_name=PEOPLE[2])
    Award.objects.create(decision=amendment, achievement="Bổ sung", recipient_person=person)
    return {"issued_at": issued.issued_at}


DOSSIER_FIELDS = ("year", "kind", "status", "submission_text", "meeting_date")
DOSSIER_FIELDS += ("members_total", "members_present")


def expected(built: dict) -> dict[str, set]:
    """Every record of the year as plain tuples, from the lists above alone."""
    carried = [n for n in NOMINEES if n[2] * 100 >= PERCENT * MEMBERS]
    days = (ISSUED_ON, AMENDED_ON)
    cited = {d for d in DOCUMENTS if any(d[2] <= t and (d[3] is None or t <= d[3]) for t in days)}
    decided = ("giay_khen", "decided", "Tờ trình đề nghị khen thưởng", MEETING_DAY)
    issued = (ISSUED, ISSUED_ON, "Tặng Giấy khen", "giay_khen", None, built["issued_at"])
    return {
        "policies": set(POLICIES),
        "rules": set(RULES),
        "documents": cited,
        "dossiers": {
            (YEAR, *decided, MEMBERS, MEMBERS),
            (YEAR, "bang_khen", "draft", "", None, None, None),
        },
        "nominees": {("giay_khen", n[0], n[1], f"Báo cáo {n[0]}", *n[2:]) for n in NOMINEES}
        | {("bang_khen", *DRAFT_NOMINEE[:2], "", None, None, None)},
        "decisions": {issued, (AMENDMENT, AMENDED_ON, "Đính chính", None, ISSUED, None)},
        "awards": {(ISSUED, n[0], n[1]) for n in carried} | {(AMENDMENT, PEOPLE[2], "Bổ sung")},
    }


def _name(record) -> str:
    return str(record.recipient_body or record.recipient_person or record.recipient_council)


def stored() -> dict[str, set]:
    """The same records as read back from the database."""
    decisions = AwardDecision.objects.filter(council__slug=SLUG)
    nominees = AwardNominee.objects.filter(dossier__council__slug=SLUG).select_related("dossier")
    return {
        "policies": set(AwardPolicy.objects.values_list(*POLICY_FIELDS)),
        "rules": set(EligibilityRule.objects.values_list(*RULE_FIELDS)),
        "documents": set(LegalDocument.objects.values_list(*DOCUMENT_FIELDS)),
        "dossiers": set(
            AwardDossier.objects.filter(council__slug=SLUG).values_list(*DOSSIER_FIELDS)
        ),
        "nominees": {
            (
                n.dossier.kind,
                _name(n),
                n.achievement,
                n.report_text,
                *(getattr(n, f) for f in TALLY),
            )
            for n in nominees
        },
        "decisions": set(
            decisions.values_list(
                "number", "decision_date", "title", "dossier__kind", "amends__number", "issued_at"
            )
        ),
        "awards": {
            (a.decision.number, _name(a), a.achievement)
            for a in Award.objects.filter(decision__in=decisions)
        },
    }


def wipe() -> None:
    """A fresh state for the test's council: its records and the registers, gone."""
    place = Council.objects.get(slug=SLUG)
    Award.objects.filter(decision__council=place).delete()
    AwardDecision.objects.filter(council=place, amends__isnull=False).delete()
    AwardDecision.objects.filter(council=place).delete()
    AwardNominee.objects.filter(dossier__council=place).delete()
    AwardDossier.objects.filter(council=place).delete()
    for model in (AwardPolicy, EligibilityRule, LegalDocument):
        model.objects.all().delete()
    IssuedNumber.objects.filter(council=place).delete()
    NumberCounter.objects.filter(council=place).delete()
    Body.objects.filter(council=place).delete()
    Term.objects.filter(council=place).delete()
    place.delete()
    Person.objects.filter(full_name__in=PEOPLE).delete()


def export(path: Path) -> Path:
    call_command("export_year", str(YEAR), council=SLUG, output=str(path), stdout=io.StringIO())
    return path


def counts_of(path: Path) -> dict[str, tuple[int, int, int]]:
    meta, sheets = read_json(path.read_bytes())
    report = load(meta, sheets)
    return {name: (c.created, c.updated, c.unchanged) for name, c in report.counts.items()}


def rows_of(path: Path) -> dict[str, list[dict]]:
    return json.loads(path.read_text(encoding="utf-8"))["sheets"]


@pytest.fixture
def built(secretariat):
    return build(secretariat)


def edited(tmp_path, *changes) -> Path:
    """The year's export with ``changes``: (sheet, row match, new values, or "add" a copy)."""
    path = export(tmp_path / "year.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    for sheet, match, values in changes:
        row, _number = find(data["sheets"], sheet, **match)
        if values.pop("add", False):
            data["sheets"][sheet].append({**row, **values})
        else:
            row.update(values)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def find(rows: dict, sheet: str, **match) -> tuple[dict, int]:
    """The first row of ``sheet`` with ``match``, and its number (from 1, as messages say)."""
    for number, row in enumerate(rows[sheet], start=1):
        if all(row[key] == value for key, value in match.items()):
            return row, number
    raise AssertionError((sheet, match))


def everything() -> dict:
    """All the records an import here could touch, field by field."""
    models = (Council, Person, AwardPolicy, EligibilityRule, LegalDocument, AwardDossier)
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (*models, AwardNominee, AwardDecision, Award)
    }


def refused(path: Path) -> str:
    """The import's refusal; the database is left exactly as it was."""
    before = everything()
    with pytest.raises(CommandError) as error:
        call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert everything() == before
    return str(error.value)


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_a_year_of_dossiers_and_decisions_round_trips_into_a_fresh_state(tmp_path, built, suffix):
    want = expected(built)
    # As built through the services; every document is registered, two are cited.
    assert stored() == {**want, "documents": set(DOCUMENTS)}
    rows = rows_of(export(tmp_path / "year.json"))
    path = export(tmp_path / f"year.{suffix}")
    wipe()
    assert not AwardDossier.objects.filter(council__slug=SLUG).exists()

    call_command("import_year", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert stored() == want
    assert rows_of(export(tmp_path / "again.json")) == rows
    sizes = {"award_policies": 2, "eligibility_rules": 2, "legal_documents": len(want["documents"])}
    sizes |= {"award_dossiers": 2, "award_nominees": 4, "award_decisions": 2, "awards": 3}
    assert {name: len(rows[name]) for name in sizes} == sizes
    issued, amendment = rows["award_decisions"]  # the amended decision first
    assert (issued["number"], issued["dossier_kind"]) == (ISSUED, "giay_khen")
    assert (amendment["amends_number"], amendment["dossier_kind"]) == (ISSUED, None)


def test_an_unchanged_year_imports_as_unchanged_in_every_sheet(tmp_path, built):
    path = export(tmp_path / "year.json")
    rows = rows_of(path)
    unchanged = {sheet.name: (0, 0, len(rows[sheet.name])) for sheet in SHEETS}
    assert counts_of(path) == unchanged
    wipe()
    assert counts_of(path) == {sheet.name: (len(rows[sheet.name]), 0, 0) for sheet in SHEETS}
    assert counts_of(path) == unchanged


ISSUED_ROW = ("award_decisions", {"number": ISSUED})
AWARD_ROW = ("awards", {"decision_number": ISSUED, "recipient_person": PEOPLE[0]})
BALLOT_ROW = ("award_nominees", {"dossier_kind": "giay_khen", "recipient_person": PEOPLE[1]})
DOSSIER_COLUMNS = "dossier_council, dossier_year, dossier_kind, dossier_issuing_authority"
DECISION_COLUMNS = "decision_issuing_authority, decision_number, decision_date"
ISSUED_SAID = f"Quyết định {ISSUED} đã ban hành lúc"
AWARDS_SAID = f"Quyết định {ISSUED} đã ban hành: không được sửa khen thưởng"


@pytest.mark.parametrize(
    ("row", "values", "column", "said"),
    [
        (ISSUED_ROW, {"title": "Sửa trích yếu"}, "title", ISSUED_SAID),
        (ISSUED_ROW, {"issued_at": None}, "issued_at", ISSUED_SAID),
        (ISSUED_ROW, dict.fromkeys(DOSSIER_COLUMNS.split(", ")), DOSSIER_COLUMNS, ISSUED_SAID),
        (AWARD_ROW, {"achievement": "Sửa thành tích"}, "achievement", AWARDS_SAID),
        (AWARD_ROW, {"add": True, "recipient_person": PEOPLE[2]}, DECISION_COLUMNS, AWARDS_SAID),
        (BALLOT_ROW, {"votes_for": 7}, "votes_for", "đã có quyết định khen thưởng"),
        (("award_dossiers", {"kind": "giay_khen"}), {"members_present": 8}, "members_present",
         "đã có quyết định khen thưởng"),
    ],
    ids=["title", "issued_at", "dossier", "award", "new award", "ballot", "meeting"],
)  # fmt: skip
def test_an_import_that_changes_an_issued_decision_is_refused_and_writes_nothing(
    tmp_path, built, row, values, column, said
):
    sheet, match = row
    path = edited(
        tmp_path,
        # Rows before the refused one that would be written: a new council, an edited draft.
        ("councils", {"slug": SLUG}, {"add": True, "slug": "hs-moi", "name": "HĐND Mới"}),
        ("award_decisions", {"number": AMENDMENT}, {"title": "Đính chính lại"}),
        (sheet, match, dict(values)),
    )
    rows = rows_of(path)
    number = len(rows[sheet]) if "add" in values else find(rows, sheet, **match)[1]
    message = refused(path)
    assert f"Trang “{sheet}”, dòng {number}, cột “" in message
    assert f"” ({column}): " in message
    assert said in message


def test_the_refusal_names_the_correction_in_english_too(tmp_path, built):
    path = edited(tmp_path, (*ISSUED_ROW, {"title": "Sửa trích yếu"}))
    number = find(rows_of(path), *ISSUED_ROW[:1], **ISSUED_ROW[1])[1]
    with translation.override("en"):
        message = refused(path)
    assert f"Sheet “award_decisions”, row {number}, column “" in message
    assert "” (title): " in message
    assert "cannot be changed: a correction is a new decision that amends it" in message


DRAFT_DOSSIER = ("award_dossiers", {"kind": "bang_khen"}, {"members_present": 5})
DRAFT_ROW = ("award_nominees", {"dossier_kind": "bang_khen"})


def test_a_draft_decision_and_a_draft_dossier_can_still_be_changed(tmp_path, built):
    path = edited(
        tmp_path,
        ("award_decisions", {"number": AMENDMENT}, {"title": "Đính chính lại"}),
        ("awards", {"decision_number": AMENDMENT}, {"add": True, "recipient_person": PEOPLE[1]}),
        DRAFT_DOSSIER,
        (*DRAFT_ROW, {"votes_for": 4, "votes_against": 1, "votes_invalid": 0}),
    )
    counts = counts_of(path)
    assert counts["award_decisions"] == (0, 1, 1) and counts["awards"] == (1, 0, 3)
    assert counts["award_dossiers"] == (0, 1, 1) and counts["award_nominees"] == (0, 1, 3)
    assert AwardDecision.objects.get(number=AMENDMENT).title == "Đính chính lại"
    amended = Award.objects.filter(decision__number=AMENDMENT)
    assert sorted(amended.values_list("recipient_person__full_name", flat=True)) == sorted(
        PEOPLE[1:]
    )
    tally = AwardNominee.objects.filter(dossier__kind="bang_khen").values_list(*TALLY)
    assert list(tally) == [(4, 1, 0)]


def test_ballots_outnumbering_the_members_present_are_refused(tmp_path, built):
    tally = {"votes_for": 5, "votes_against": 1, "votes_invalid": 0}  # 6 ballots, 5 present
    path = edited(tmp_path, DRAFT_DOSSIER, (*DRAFT_ROW, tally))
    number = find(rows_of(path), DRAFT_ROW[0], **DRAFT_ROW[1])[1]
    message = refused(path)
    assert f"Trang “award_nominees”, dòng {number}, cột “" in message
    assert "” (votes_for): " in message
    assert "(6)" in message and "(5)" in message


def test_a_nominee_of_a_missing_dossier_is_refused_naming_its_columns(tmp_path, built):
    missing = {"dossier_issuing_authority": "UBND không có", "votes_for": 1}
    path = edited(tmp_path, (*DRAFT_ROW, missing))
    number = find(rows_of(path), "award_nominees", recipient_person=DRAFT_NOMINEE[0])[1]
    message = refused(path)
    assert f"Trang “award_nominees”, dòng {number}, cột “" in message
    assert f"” ({DOSSIER_COLUMNS}): " in message
    assert "“award_dossiers”" in message and "UBND không có" in message
