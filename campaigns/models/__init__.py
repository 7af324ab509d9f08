"""Campaign models, one module per aggregate."""

from .campaign import (
    BODY_SUBJECT_KINDS,
    Campaign,
    CampaignStatus,
    Classification,
    ClassificationThreshold,
    Criterion,
    SubjectKind,
    classify,
)
from .pledges import Commitment, CommitmentMetric, Pledge
from .scoring import Score, Scorecard, ScorecardStatus
from .workflow import EventKind, Evidence, ScorecardEvent, ScoreField

__all__ = [
    "BODY_SUBJECT_KINDS",
    "Campaign",
    "CampaignStatus",
    "Classification",
    "ClassificationThreshold",
    "Commitment",
    "CommitmentMetric",
    "Criterion",
    "EventKind",
    "Evidence",
    "Pledge",
    "Score",
    "ScoreField",
    "Scorecard",
    "ScorecardEvent",
    "ScorecardStatus",
    "SubjectKind",
    "classify",
]
