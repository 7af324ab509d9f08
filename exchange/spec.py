"""The sheets of the exchange format, declared once for export, import and the template.

A sheet is one model. Its rows carry no database ids: a row is found by its natural
key, and a foreign key is written as the target sheet's natural key spread over
columns of the row (a column may serve two keys: a membership's ``council`` is both
its deputy's and its body's council, which the models require to be the same).
Sheets are listed in dependency order: every reference points to an earlier sheet,
except a council's parent and successor and the decision an award decision amends,
which point to earlier rows of the same sheet.
"""

from dataclasses import dataclass, replace
from functools import cached_property

from django.db import models

from awards.models import (
    Award,
    AwardDecision,
    AwardDossier,
    AwardNominee,
    AwardPolicy,
    EligibilityRule,
    LegalDocument,
)
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
from oversight.models import OversightActivity, Recommendation
from sessions.models import Resolution, Session, SessionDocument

from .values import kind_of

YEAR_OF = "__year"  # a key part "adopted_on__year" matches the year of the adopted_on column


@dataclass(frozen=True)
class Ref:
    """A foreign key ``field`` written as the natural key of a row of ``sheet``."""

    field: str
    sheet: str
    columns: tuple[str, ...]

    @property
    def target(self) -> "Sheet":
        return BY_NAME[self.sheet]


def ref(field: str, sheet: str, columns: str) -> Ref:
    """A reference whose columns are given as one space-separated string."""
    return Ref(field, sheet, tuple(columns.split()))


@dataclass(frozen=True)
class Sheet:
    """One model as a sheet: its columns in order, its natural key and its references.

    ``key`` names model fields (references included) whose values find the row;
    columns that no reference uses are the model's own fields, with the same names.
    """

    name: str
    model: type[models.Model]
    columns: tuple[str, ...]
    key: tuple[str, ...]
    refs: tuple[Ref, ...] = ()
    # Columns the sheet's own code reads and writes (a document's file: see files.py).
    handled: tuple[str, ...] = ()

    def ref_for(self, field: str) -> Ref | None:
        return next((ref for ref in self.refs if ref.field == field), None)

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """The columns that are the model's own fields."""
        used = {column for ref in self.refs for column in ref.columns}
        return tuple(column for column in self.columns if column not in used)

    @cached_property
    def key_columns(self) -> tuple[str, ...]:
        """The columns holding the natural key, as another sheet's reference lists them."""
        columns = []
        for part in self.key:
            ref = self.ref_for(part)
            columns.extend(ref.columns if ref else (part.removesuffix(YEAR_OF),))
        return tuple(columns)

    @property
    def key_label(self) -> str:
        """The key columns for messages, each once (a shared column counts once)."""
        return ", ".join(dict.fromkeys(self.key_columns))

    def own_columns(self, ref: Ref) -> tuple[str, ...]:
        """The reference's columns that nothing else in the row uses (empty: no target)."""
        shared = set(self.fields) | {c for r in self.refs if r is not ref for c in r.columns}
        return tuple(column for column in ref.columns if column not in shared) or ref.columns

    def field_of(self, column: str) -> models.Field:
        """The model field behind ``column``: its own, or the key part of the sheet it cites."""
        if column in self.fields:
            return self.model._meta.get_field(column)
        for ref in self.refs:
            if column in ref.columns:
                target = ref.target
                return target.field_of(target.key_columns[ref.columns.index(column)])
        raise KeyError(column)

    def kind(self, column: str) -> str:
        """The cell type of ``column`` (see values.kind_of)."""
        return kind_of(self.field_of(column))

    def column_for(self, field: str) -> str:
        """The column where an error of model field ``field`` is reported."""
        ref = self.ref_for(field)
        if ref:
            return ", ".join(self.own_columns(ref))
        return field if field in self.columns else self.key_label


def sheet(name: str, model, columns: str, key: str, *refs: Ref) -> Sheet:
    """A sheet whose columns and key are given as space-separated strings."""
    return Sheet(name, model, tuple(columns.split()), tuple(key.split()), refs)


COUNCIL = ref("council", "councils", "council")
CAMPAIGN = ref("campaign", "campaigns", "council year")
SUBJECTS = (
    "subject_council subject_body_council subject_body "
    "subject_deputy subject_deputy_council subject_deputy_term_start"
)
SUBJECT_REFS = (
    ref("subject_council", "councils", "subject_council"),
    ref("subject_body", "bodies", "subject_body_council subject_body"),
    ref(
        "subject_deputy",
        "deputies",
        "subject_deputy subject_deputy_council subject_deputy_term_start",
    ),
)
PLEDGE = "council year body_council body"
DOSSIER = "dossier_council dossier_year dossier_kind dossier_issuing_authority"
# A document's file and what describes it, read with the file (see files.py).
FILE_COLUMNS = "file original_name content_type size uploaded_at signature_status signature_report"
RECIPIENTS = "recipient_body_council recipient_body recipient_council recipient_person"
RECIPIENT_REFS = (
    ref("recipient_body", "bodies", "recipient_body_council recipient_body"),
    ref("recipient_council", "councils", "recipient_council"),
    ref("recipient_person", "people", "recipient_person"),
)

# fmt: off  (one sheet per block; the formatter would give every column a line)
SHEETS: tuple[Sheet, ...] = (
    sheet(
        "councils",
        Council,
        "slug name short_name level parent established_on dissolved_on successor",
        "slug",
        ref("parent", "councils", "parent"),
        ref("successor", "councils", "successor"),
    ),
    sheet("terms", Term, "council start_date name end_date", "council start_date", COUNCIL),
    sheet("bodies", Body, "council name kind established_on dissolved_on", "council name", COUNCIL),
    sheet("people", Person, "full_name gender position", "full_name"),
    sheet(
        "deputies",
        Deputy,
        "person council term_start constituency ended_on",
        "person term",
        ref("person", "people", "person"),
        ref("term", "terms", "council term_start"),
    ),
    sheet(
        "memberships",
        Membership,
        "person council term_start body role start_date end_date",
        "deputy body start_date",
        ref("deputy", "deputies", "person council term_start"),
        ref("body", "bodies", "council body"),
    ),
    sheet(
        "sessions",
        Session,
        "council term_start number kind title start_date end_date paperless location",
        "term number",
        COUNCIL,
        ref("term", "terms", "council term_start"),
    ),
    sheet(
        "resolutions",
        Resolution,
        "council session_term_start session_number number symbol adopted_on title",
        "council adopted_on__year number",
        COUNCIL,
        ref("session", "sessions", "council session_term_start session_number"),
    ),
    replace(
        sheet(
            "session_documents",
            SessionDocument,
            f"council session_term_start session_number order kind title number issued_on "
            f"resolution_adopted_on resolution_number sent_at {FILE_COLUMNS}",
            "session order kind title",
            # One council: a signed resolution is one adopted at the document's session.
            ref("session", "sessions", "council session_term_start session_number"),
            ref("resolution", "resolutions", "council resolution_adopted_on resolution_number"),
        ),
        handled=tuple(FILE_COLUMNS.split()),
    ),
    sheet(
        "oversight_activities",
        OversightActivity,
        "council title start_date end_date kind conducted_by subject findings",
        "council title start_date",
        COUNCIL,
        ref("conducted_by", "bodies", "council conducted_by"),
    ),
    sheet(
        "recommendations",
        Recommendation,
        "council activity_title activity_start_date responsible_agency content deadline status "
        "completed_on response_number response_date response_content",
        "activity responsible_agency content",
        ref("activity", "oversight_activities", "council activity_title activity_start_date"),
    ),
    # The award kinds' rules and the register of legal documents are not per council.
    sheet("award_policies", AwardPolicy, "kind vote_percent vote_base", "kind"),
    sheet(
        "eligibility_rules",
        EligibilityRule,
        "kind rule required_kind required_title percent rounding text",
        "kind rule required_kind required_title",
    ),
    sheet(
        "legal_documents",
        LegalDocument,
        "number citation in_force_from in_force_until order",
        "number",
    ),
    sheet(
        "award_dossiers",
        AwardDossier,
        "council year kind issuing_authority status submission_text meeting_date members_total "
        "members_present",
        "council year kind issuing_authority",
        COUNCIL,
    ),
    sheet(
        "award_nominees",
        AwardNominee,
        f"{DOSSIER} {RECIPIENTS} achievement report_text initiative votes_for votes_against "
        "votes_invalid",
        "dossier recipient_body recipient_council recipient_person",
        ref("dossier", "award_dossiers", DOSSIER),
        *RECIPIENT_REFS,
    ),
    sheet(
        "award_decisions",
        AwardDecision,
        f"issuing_authority number decision_date year council kind title {DOSSIER} "
        "amends_issuing_authority amends_number amends_decision_date issued_at",
        # The database keeps decision numbers unique per authority and year of decision.
        "issuing_authority number decision_date__year",
        COUNCIL,
        ref("dossier", "award_dossiers", DOSSIER),
        # An amended decision stands above the decisions that amend it (exports do this).
        ref(
            "amends",
            "award_decisions",
            "amends_issuing_authority amends_number amends_decision_date",
        ),
    ),
    sheet(
        "awards",
        Award,
        f"decision_issuing_authority decision_number decision_date {RECIPIENTS} achievement",
        "decision recipient_body recipient_council recipient_person",
        ref(
            "decision",
            "award_decisions",
            "decision_issuing_authority decision_number decision_date",
        ),
        *RECIPIENT_REFS,
    ),
    sheet(
        "campaigns",
        Campaign,
        "council year theme launched_on status award_classification award_top score_step "
        "allow_same_reviewer",
        "council year",
        COUNCIL,
    ),
    sheet(
        "criteria",
        Criterion,
        "council year applies_to code section title max_points position",
        "campaign applies_to code",
        CAMPAIGN,
    ),
    sheet(
        "classification_thresholds",
        ClassificationThreshold,
        "council year applies_to classification min_points",
        "campaign applies_to classification",
        CAMPAIGN,
    ),
    sheet(
        "scorecards",
        Scorecard,
        f"council year subject_kind {SUBJECTS} status submitted_at reviewed_at reviewed_by "
        "return_reason",
        "campaign subject_council subject_body subject_deputy",
        CAMPAIGN,
        *SUBJECT_REFS,
    ),
    sheet(
        "scores",
        Score,
        f"council year subject_kind {SUBJECTS} criterion_code self_points approved_points note",
        "scorecard criterion",
        ref("scorecard", "scorecards", f"council year {SUBJECTS}"),
        # A criterion applies to one kind of subject: the scorecard's, named in subject_kind.
        ref("criterion", "criteria", "council year subject_kind criterion_code"),
    ),
    sheet(
        "pledges",
        Pledge,
        f"{PLEDGE} signed_on signatory",
        "campaign body",
        CAMPAIGN,
        ref("body", "bodies", "body_council body"),
    ),
    sheet(
        "commitments",
        Commitment,
        f"{PLEDGE} position text metric target",
        "pledge position",
        ref("pledge", "pledges", PLEDGE),
    ),
)
# fmt: on
BY_NAME = {s.name: s for s in SHEETS}
