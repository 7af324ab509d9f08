"""What a pledge's commitment or a campaign's criterion can be measured against.

The values are measured from the year's records by campaigns.measures.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentMetric(models.TextChoices):
    """What a commitment or a criterion can be measured against in the year's records."""

    SESSIONS = "sessions", _("Sessions held")
    REGULAR_SESSIONS = "regular_sessions", _("Regular sessions held")
    THEMATIC_SESSIONS = "thematic_sessions", _("Thematic sessions held")
    PAPERLESS_SESSIONS = "paperless_sessions", _("Paperless sessions held")
    # The digital work as the summary counts it (sessions.selectors.digital_counts).
    PAPERLESS_BY_DOCUMENTS = "paperless_by_documents", _("Sessions paperless by their documents")
    DOCUMENTS_SENT = "documents_sent", _("Session documents sent electronically")
    SIGNED_RESOLUTIONS = "signed_resolutions", _("Resolutions with a verified digital signature")
    RESOLUTIONS = "resolutions", _("Resolutions adopted")
    OVERSIGHT = "oversight", _("Oversight and survey activities")
    THEMATIC_OVERSIGHT = "thematic_oversight", _("Thematic oversight activities")
    REGULAR_OVERSIGHT = "regular_oversight", _("Regular oversight activities")
    SURVEYS = "surveys", _("Surveys")
    INTERPELLATIONS = "interpellations", _("Interpellation sessions")
    # The deputies' work (reports.figures.WORK): the council's own year.
    ATTENDANCE_RATE = "attendance_rate", _("Attendance at sessions (%)")
    RECEPTION_DAYS = "reception_days", _("Citizen reception days")
    VOTER_MEETINGS = "voter_meetings", _("Meetings with voters")
    PETITIONS_ANSWERED = "petitions_answered", _("Voters' petitions answered")
    RECOMMENDATIONS_DONE = "recommendations_done", _("Recommendations done")
