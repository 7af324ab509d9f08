"""Votes on draft resolutions (biểu quyết) and, optionally, each deputy's vote.

The rule of Luật Tổ chức chính quyền địa phương 72/2025/QH15: a resolution passes with
more than half of ALL the council's deputies, not of those present; dismissing a deputy
and the like needs at least two thirds of them. ``votes_needed`` is that arithmetic,
once, for Python and (as ``needed_expression``) for the database.

A vote that adopted a resolution points to it; a draft that failed is recorded with
its title and no resolution, so the year can count the votes that failed.

Code that records a vote (an import, the demo) may leave the session, the day and the
number of deputies empty: ``clean()`` takes the first two from the resolution and
counts the deputies from their seats. The admin asks for all three, as the minutes
give them.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from councilwork.collation import vi_key
from councilwork.models import Deputy, RecordModel

from .models import Resolution, Session

# needed = (A * deputies + B) // C: more than half is n // 2 + 1 = (n + 2) // 2;
# at least two thirds is ceil(2n / 3) = (2n + 2) // 3.
THRESHOLD = {False: (1, 2, 2), True: (2, 2, 3)}


def votes_needed(deputies: int, two_thirds: bool = False) -> int:
    """The votes for that pass a resolution among ``deputies`` (all of the council's)."""
    a, b, c = THRESHOLD[bool(two_thirds)]
    return (a * deputies + b) // c


def vote_passes(deputies: int, votes_for: int, two_thirds: bool = False) -> bool:
    return votes_for >= votes_needed(deputies, two_thirds)


def needed_expression():
    """``votes_needed`` over a vote's columns, for the database (integer division)."""
    cases = {flag: (F("deputies") * a + b) / c for flag, (a, b, c) in THRESHOLD.items()}
    return Case(
        When(two_thirds=True, then=cases[True]),
        default=cases[False],
        output_field=models.IntegerField(),
    )


class VoteOutcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class VoteQuerySet(models.QuerySet):
    def in_year(self, year: int):
        """Votes taken in ``year``."""
        return self.filter(voted_on__year=year)

    def with_outcome(self):
        """Each vote with the ``votes_needed`` to pass and its ``outcome`` (passed or failed)."""
        return self.annotate(votes_needed=needed_expression()).annotate(
            outcome=Case(
                When(votes_for__gte=F("votes_needed"), then=Value(VoteOutcome.PASSED)),
                default=Value(VoteOutcome.FAILED),
                output_field=models.CharField(),
            )
        )


class Vote(RecordModel):
    """The council's vote on a draft resolution: the numbers, and the resolution if adopted."""

    constraint_fields = {
        "vote_counts_add_up": "not_voting",
        "vote_deputies_positive": "deputies",
    }

    # PROTECT: the vote is the legal basis of the resolution.
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        blank=True,
        related_name="votes",
        verbose_name=_("session"),
        help_text=_("The session at which the vote was taken"),
    )
    resolution = models.OneToOneField(
        Resolution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vote",
        verbose_name=_("resolution adopted"),
        help_text=_("Empty for a draft that was not adopted"),
    )
    subject = models.CharField(
        _("draft voted on"),
        max_length=500,
        blank=True,
        help_text=_("The draft's title, for a draft that was not adopted"),
    )
    voted_on = models.DateField(
        _("voted on"), blank=True, help_text=_("The day of the vote, within the session")
    )
    two_thirds = models.BooleanField(
        _("needs two thirds"),
        default=False,
        help_text=_("Dismissal of a deputy and the like: at least two thirds of all deputies"),
    )
    deputies = models.PositiveSmallIntegerField(
        _("deputies of the council"),
        blank=True,
        help_text=_("All the council's deputies on that day, not only those present"),
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    not_voting = models.PositiveSmallIntegerField(_("not voting"), default=0)

    objects = VoteQuerySet.as_manager()

    # True while a form that submits the roll call together with the numbers (the admin's
    # grid) validates this vote: the fit is then checked there, on the new numbers
    # against the roll call as it will stand, not on the roll call stored so far.
    roll_call_submitted = False

    class Meta:
        verbose_name = _("vote on a resolution")
        verbose_name_plural = _("votes on resolutions")
        ordering = ["-voted_on", "pk"]
        indexes = [models.Index(fields=["session", "voted_on"], name="vote_session_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    deputies=F("votes_for")
                    + F("votes_against")
                    + F("abstentions")
                    + F("not_voting")
                ),
                name="vote_counts_add_up",
                violation_error_message=_(
                    "Votes for, against, abstentions and not voting must add up to the deputies."
                ),
            ),
            models.CheckConstraint(
                condition=Q(deputies__gte=1),
                name="vote_deputies_positive",
                violation_error_message=_("A council has at least one deputy."),
            ),
        ]

    def __str__(self) -> str:
        subject = str(self.resolution) if self.resolution_id else self.subject
        return _("Vote: %(subject)s") % {"subject": subject}

    @property
    def needed(self) -> int:
        return votes_needed(self.deputies, self.two_thirds)

    @property
    def passed(self) -> bool:
        return vote_passes(self.deputies, self.votes_for, self.two_thirds)

    def clean(self) -> None:
        errors = {}
        session, resolution = self.related("session"), self.related("resolution")
        if resolution is not None:
            if session is None:
                self.session = session = resolution.session
            elif resolution.session_id != session.pk:
                errors["resolution"] = _("This resolution was adopted at another session.")
            if self.voted_on is None:
                self.voted_on = resolution.adopted_on
            elif resolution.adopted_on and self.voted_on != resolution.adopted_on:
                errors["voted_on"] = _(
                    "A resolution is voted on the day it is adopted (%(day)s)."
                ) % {"day": resolution.adopted_on.strftime("%d/%m/%Y")}
        elif not self.subject.strip():
            errors["subject"] = _("Name the draft voted on, or choose the resolution it adopted.")
        if session is None:
            errors.setdefault("session", _("Choose the session, or the resolution adopted."))
        elif session.start_date and session.end_date and "voted_on" not in errors:
            self._check_day(session, errors)
        if not errors and self.deputies is None:
            self.deputies = Deputy.objects.seated_on(session.council_id, self.voted_on).count()
            if not self.deputies:
                errors["deputies"] = _(
                    "No deputy's seat is recorded for that day: enter the number."
                )
        if not errors:
            self._check_numbers(errors, adopted=resolution is not None)
        if not errors and self.pk and not self.roll_call_submitted:
            overflow = roll_call_overflow(self, self.roll_call.values_list("choice", flat=True))
            if overflow:
                errors[overflow[0]] = overflow[1]
        if errors:
            raise ValidationError(errors)

    def _check_day(self, session, errors) -> None:
        if self.voted_on is None and session.start_date == session.end_date:
            self.voted_on = session.start_date
        if self.voted_on is None:
            errors["voted_on"] = _("The session sits several days: say which day the vote was.")
        elif not session.start_date <= self.voted_on <= session.end_date:
            errors["voted_on"] = _("A vote is taken during its session's dates.")

    def _check_numbers(self, errors, *, adopted: bool) -> None:
        counts = (self.votes_for, self.votes_against, self.abstentions, self.not_voting)
        if None in counts or not self.deputies:
            return
        if sum(counts) != self.deputies:
            errors["not_voting"] = _(
                "The votes add up to %(sum)s, not to the %(deputies)s deputies."
            ) % {"sum": sum(counts), "deputies": self.deputies}
        elif adopted and not self.passed:
            message = (
                _(
                    "%(deputies)s deputies: at least %(needed)s votes for (two thirds) are "
                    "needed; %(votes)s is not enough."
                )
                if self.two_thirds
                else _(
                    "%(deputies)s deputies: at least %(needed)s votes for are needed; "
                    "%(votes)s is not enough."
                )
            )
            errors["votes_for"] = message % {
                "deputies": self.deputies,
                "needed": self.needed,
                "votes": self.votes_for,
            }


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")
    NOT_VOTING = "not_voting", _("Did not vote")


# Each choice of a roll call and the vote's number it is counted in.
CHOICE_FIELDS = {
    Choice.FOR: "votes_for",
    Choice.AGAINST: "votes_against",
    Choice.ABSTAIN: "abstentions",
    Choice.NOT_VOTING: "not_voting",
}


def roll_call_overflow(vote, choices) -> tuple[str, str] | None:
    """(the vote's field, the message) when the roll call's ``choices`` hold more of a
    kind than the vote's numbers record; None when they fit. The one home of the rule:
    the deputy's row, the vote and the admin's roll call grid all ask it."""
    counted = Counter(choices)
    for choice, field in CHOICE_FIELDS.items():
        recorded = getattr(vote, field)
        if recorded is not None and counted[choice] > recorded:
            return field, _(
                "The vote records %(recorded)s “%(choice)s”, but the roll call holds "
                "%(count)s: correct the numbers or the roll call."
            ) % {"recorded": recorded, "choice": choice.label, "count": counted[choice]}
    return None


def roll_call_dropped(names: list[str], *, seated: bool = False) -> str:
    """The message refusing a save while the roll call holds the votes of the deputies
    ``names``, who held no seat on the day of the vote (or, ``seated``, a save that would
    delete the votes of deputies merely left out of the roll call given). A vote's
    stored roll call is never shortened unasked."""
    names = sorted(names, key=vi_key)
    values = {"count": len(names), "names": ", ".join(names)}
    if seated:
        return (
            ngettext(
                "The roll call holds the vote of %(count)s deputy left out of the roll call "
                "given: %(names)s. A vote is not deleted unasked, so nothing was saved.",
                "The roll call holds the votes of %(count)s deputies left out of the roll call "
                "given: %(names)s. A vote is not deleted unasked, so nothing was saved.",
                len(names),
            )
            % values
        )
    return (
        ngettext(
            "The roll call holds the vote of %(count)s deputy who held no seat in the council "
            "on the day of the vote: %(names)s. A vote is not deleted unasked, so nothing was "
            "saved: correct the deputy's seat, or have that vote deleted from the roll call "
            "(in the administration) first.",
            "The roll call holds the votes of %(count)s deputies who held no seat in the "
            "council on the day of the vote: %(names)s. A vote is not deleted unasked, so "
            "nothing was saved: correct their seats, or have those votes deleted from the "
            "roll call (in the administration) first.",
            len(names),
        )
        % values
    )


class RollCallVote(RecordModel):
    """One deputy's vote in a roll call (biểu quyết từng đại biểu), where it is recorded."""

    constraint_fields = {"roll_call_one_per_deputy": "deputy"}

    vote = models.ForeignKey(
        Vote, on_delete=models.PROTECT, related_name="roll_call", verbose_name=_("vote")
    )
    deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="roll_call_votes", verbose_name=_("deputy")
    )
    choice = models.CharField(_("deputy's vote"), max_length=20, choices=Choice.choices)

    class Meta:
        verbose_name = _("deputy's vote")
        verbose_name_plural = _("deputies' votes")
        ordering = ["vote", "deputy__person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "deputy"],
                name="roll_call_one_per_deputy",
                violation_error_message=_("This deputy's vote is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy.person.full_name}: {self.get_choice_display()}"

    def clean(self) -> None:
        vote, deputy = self.related("vote"), self.related("deputy")
        if vote is None or deputy is None or not deputy.term_id:
            return
        session = vote.related("session")
        if session is None or vote.voted_on is None:
            return
        if deputy.term_id != session.term_id or not deputy.holds_seat_on(vote.voted_on):
            raise ValidationError(
                {"deputy": _("This deputy held no seat in the council on the day of the vote.")}
            )
        if vote.roll_call_submitted:  # the grid checks the whole roll call as submitted
            return
        others = vote.roll_call.exclude(pk=self.pk) if vote.pk else RollCallVote.objects.none()
        overflow = roll_call_overflow(vote, [*others.values_list("choice", flat=True), self.choice])
        if overflow:
            raise ValidationError({"choice": overflow[1]})
