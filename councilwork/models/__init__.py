"""Models of the council's organisation, one module per aggregate."""

from .base import RecordModel
from .numbering import IssuedNumber, NumberCounter, RegisterKind
from .organisation import LEVEL_RANK, Body, BodyKind, Council, CouncilLevel, Term, below_q
from .people import Deputy, Gender, Membership, MembershipRole, Person, seated_q
from .users import User
from .versions import FiguresVersion

__all__ = [
    "LEVEL_RANK",
    "Body",
    "BodyKind",
    "Council",
    "CouncilLevel",
    "Deputy",
    "FiguresVersion",
    "Gender",
    "IssuedNumber",
    "Membership",
    "MembershipRole",
    "NumberCounter",
    "Person",
    "RecordModel",
    "RegisterKind",
    "Term",
    "User",
    "below_q",
    "seated_q",
]
