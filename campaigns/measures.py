"""How far the year's records go for a metric (campaigns.models.CommitmentMetric).

One home for measuring: pledges' commitments (reports.pledges) and criteria on the
scorecard (campaigns.scoring) read the same counts.
"""

from django.db.models import Count

from councilwork.models import BodyKind
from oversight.models import Recommendation, RecommendationStatus
from oversight.selectors import activity_counts_by_body, activity_counts_by_council
from sessions.attendance_selectors import attendance_rate_by_council
from sessions.selectors import (
    digital_counts_by_council,
    resolution_counts_by_council,
    session_counts_by_council,
)
from voters.models import ANSWERED, ReceptionDay, VoterMeeting, VoterPetition

from .models import CommitmentMetric

# The kinds of activity each oversight metric adds up: interpellation sessions are
# those held between two sessions and those held at a session alike.
OVERSIGHT_KEYS = {
    CommitmentMetric.OVERSIGHT: ("total",),
    CommitmentMetric.THEMATIC_OVERSIGHT: ("thematic",),
    CommitmentMetric.REGULAR_OVERSIGHT: ("regular",),
    CommitmentMetric.SURVEYS: ("survey",),
    CommitmentMetric.INTERPELLATIONS: ("interpellation", "interpellation_at_session"),
}
SESSION_KEYS = {
    CommitmentMetric.SESSIONS: "total",
    CommitmentMetric.REGULAR_SESSIONS: "regular",
    CommitmentMetric.THEMATIC_SESSIONS: "thematic",
    CommitmentMetric.PAPERLESS_SESSIONS: "paperless",  # by the documents or by hand
}
DIGITAL_KEYS = {
    CommitmentMetric.PAPERLESS_BY_DOCUMENTS: "paperless_sessions",
    CommitmentMetric.DOCUMENTS_SENT: "documents_sent",
    CommitmentMetric.SIGNED_RESOLUTIONS: "resolutions_signed",
}


class RecordCounts:
    """The year's counts a commitment or a criterion can be measured by, for councils.

    Four queries, loaded once for all; three more the first time a metric of the
    digital work is measured, six the first time one of the deputies' work. A council
    is measured on its own records; a body on its council's (a commune's body pledging
    to the province's campaign is measured on the commune). A standing committee
    answers for its whole council's oversight; a committee or deputy group for the
    activities it conducted itself. Sessions and resolutions are always the council's.
    """

    def __init__(self, council_ids: set[int], year: int):
        ids = sorted(council_ids)
        self.sessions = session_counts_by_council(councils=ids, year=year)
        self.resolutions = resolution_counts_by_council(councils=ids, year=year)
        self.oversight = activity_counts_by_council(councils=ids, year=year)
        self.by_body = activity_counts_by_body(councils=ids, year=year)
        self.ids, self.year, self._digital, self._work = ids, year, None, None

    @property
    def digital(self) -> dict[int, dict[str, int]]:
        if self._digital is None:
            self._digital = digital_counts_by_council(councils=self.ids, year=self.year)
        return self._digital

    @property
    def work(self) -> dict[str, dict[int, float | int | None]]:
        if self._work is None:
            self._work = work_counts_by_council(councils=self.ids, year=self.year)
        return self._work

    def measure(self, metric: str, *, council_id: int, body=None) -> int | float | None:
        """``metric``'s count for a council, or for one of its bodies (``body``); the
        attendance rate is a percentage (None without places)."""
        if metric in WORK_METRICS:
            default = None if metric == CommitmentMetric.ATTENDANCE_RATE else 0
            return self.work[metric].get(council_id, default)
        if metric in DIGITAL_KEYS:
            return self.digital.get(council_id, {}).get(DIGITAL_KEYS[metric], 0)
        if metric in SESSION_KEYS:
            return self.sessions.get(council_id, {}).get(SESSION_KEYS[metric], 0)
        if metric == CommitmentMetric.RESOLUTIONS:
            return self.resolutions.get(council_id, 0)
        if body is None or body.kind == BodyKind.STANDING_COMMITTEE:
            counts = self.oversight.get(council_id, {})
        else:
            counts = self.by_body.get(body.pk, {})
        return sum(counts.get(key, 0) for key in OVERSIGHT_KEYS[metric])


WORK_METRICS = {
    CommitmentMetric.ATTENDANCE_RATE,
    CommitmentMetric.RECEPTION_DAYS,
    CommitmentMetric.VOTER_MEETINGS,
    CommitmentMetric.PETITIONS_ANSWERED,
    CommitmentMetric.RECOMMENDATIONS_DONE,
}


def _per(queryset, field: str) -> dict[int, int]:
    return dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())


def work_counts_by_council(*, councils, year: int) -> dict[str, dict]:
    """Per metric of the deputies' work, per council id, as reports.figures counts it."""
    return {
        CommitmentMetric.ATTENDANCE_RATE: attendance_rate_by_council(councils=councils, year=year),
        CommitmentMetric.RECEPTION_DAYS: _per(
            ReceptionDay.objects.in_year(year).filter(council__in=councils), "council"
        ),
        CommitmentMetric.VOTER_MEETINGS: _per(
            VoterMeeting.objects.in_year(year).filter(council__in=councils), "council"
        ),
        CommitmentMetric.PETITIONS_ANSWERED: _per(
            VoterPetition.objects.filter(
                meeting__date__year=year, meeting__council__in=councils, status__in=ANSWERED
            ),
            "meeting__council",
        ),
        CommitmentMetric.RECOMMENDATIONS_DONE: _per(
            Recommendation.objects.made_in(year).filter(
                activity__council__in=councils, status=RecommendationStatus.DONE
            ),
            "activity__council",
        ),
    }


def measured_criteria(card, scores) -> None:
    """Set ``score.measured`` (or None) on each of ``card``'s scores whose criterion
    has a metric, for the card's subject in the campaign's year: the subject council,
    or a body on its council's records. A deputy's card is not measured. No query when
    no criterion has a metric; four (seven with the digital work) otherwise.
    """
    for score in scores:
        score.measured = None
    metered = [s for s in scores if s.criterion.metric]
    council_id = card.subject_council_id or (card.subject_body and card.subject_body.council_id)
    if not metered or council_id is None:
        return
    counts = RecordCounts({council_id}, card.campaign.year)
    for score in metered:
        score.measured = counts.measure(
            score.criterion.metric, council_id=council_id, body=card.subject_body
        )
