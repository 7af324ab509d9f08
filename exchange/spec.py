"""The sheets of the exchange format, declared once for export, import and the template.

A sheet is one model. Its rows carry no database ids: a row is found by its natural
key, and a foreign key is written as the target sheet's natural key spread over
columns of the row (a column may serve two keys: a membership's ``council`` is both
its deputy's and its body's council, which the models require to be the same).
Sheets are listed in dependency order: every reference points to an earlier sheet,
except a council's parent and successor and the decision an award decision amends,
which point to earlier rows of the same sheet.
"""

from dataclasses import replace

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
from sessions.attendance import Attendance
from sessions.models import Resolution, Session, SessionDocument
from sessions.votes import RollCallVote, Vote
from voters.models import CITIZEN_FIELDS, ReceptionCase, ReceptionDay, VoterMeeting, VoterPetition

from .sheet import YEAR_OF, Ref, Sheet, ref, sheet

__all__ = ["BY_NAME", "SHEETS", "YEAR_OF", "Ref", "Sheet"]


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
# A vote's key: its session, the resolution it adopted (empty for a failed draft), the draft.
VOTE = "council term_start session_number resolution_adopted_on resolution_number subject"
# The same as a reference: the session's and the resolution's council is one column, twice.
VOTE_REF = (
    "council term_start session_number council resolution_adopted_on resolution_number subject"
)
# A named organisation (not a council or a body of one) is its name: a plain column.
RECIPIENTS = (
    "recipient_body_council recipient_body recipient_council recipient_person "
    "recipient_organisation"
)
RECIPIENT_KEY = "recipient_body recipient_council recipient_person recipient_organisation"
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
        "person council term_start constituency started_on ended_on",
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
    # The deputies' work at sessions: a deputy of the session's term (the same term_start).
    sheet(
        "attendance",
        Attendance,
        "council term_start session_number deputy sitting_day status reason",
        "session deputy sitting_day",
        ref("session", "sessions", "council term_start session_number"),
        ref("deputy", "deputies", "deputy council term_start"),
    ),
    sheet(
        "votes",
        Vote,
        f"{VOTE} voted_on two_thirds deputies votes_for votes_against abstentions not_voting",
        "session resolution subject",
        ref("session", "sessions", "council term_start session_number"),
        ref("resolution", "resolutions", "council resolution_adopted_on resolution_number"),
    ),
    sheet(
        "roll_call_votes",
        RollCallVote,
        f"{VOTE} deputy choice",
        "vote deputy",
        ref("vote", "votes", VOTE_REF),
        ref("deputy", "deputies", "deputy council term_start"),
    ),
    # Citizen reception and voters' petitions; deputies present as a list (see lists.py).
    replace(
        sheet(
            "reception_days",
            ReceptionDay,
            "council body date place deputies citizens note",
            "council date place",
            COUNCIL,
            ref("body", "bodies", "council body"),
        ),
        lists=("deputies",),
    ),
    replace(
        sheet(
            "reception_cases",
            ReceptionCase,
            "council day_date day_place kind field summary citizen_name citizen_address "
            "citizen_contact forwarded_to deadline reply_number reply_date reply_summary status",
            "day kind field summary",
            ref("day", "reception_days", "council day_date day_place"),
        ),
        personal=CITIZEN_FIELDS,
    ),
    replace(
        sheet(
            "voter_meetings",
            VoterMeeting,
            "council timing session_term_start session_number date place deputies voters",
            "council date place",
            COUNCIL,
            ref("session", "sessions", "council session_term_start session_number"),
        ),
        lists=("deputies",),
    ),
    sheet(
        "voter_petitions",
        VoterPetition,
        "council meeting_date meeting_place field content agency forwarded_on deadline "
        "answer_number answer_date answer_content status re_supervise",
        "meeting field content",
        ref("meeting", "voter_meetings", "council meeting_date meeting_place"),
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
        f"dossier {RECIPIENT_KEY}",
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
        f"decision {RECIPIENT_KEY}",
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
