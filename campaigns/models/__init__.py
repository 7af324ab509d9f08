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

__all__ = [
    "BODY_SUBJECT_KINDS",
    "Campaign",
    "CampaignStatus",
    "Classification",
    "ClassificationThreshold",
    "Commitment",
    "CommitmentMetric",
    "Criterion",
    "Pledge",
    "Score",
    "Scorecard",
    "ScorecardStatus",
    "SubjectKind",
    "classify",
]
