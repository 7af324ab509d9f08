"""Writes with rules over votes: ward staff (and the secretariat) record a vote and its
roll call on their own pages.

``vote_record`` saves the vote and its whole roll call, or nothing: the vote's own
``clean()`` (the law's threshold, the numbers adding up, the day within the session),
``roll_call_overflow`` (the roll call fits the numbers) and the seats of the deputies
named, all in one transaction. A stored vote of a deputy the roll call leaves out (one
no longer seated on the vote's day, whom the page's grid does not show) is never
deleted silently: the save is refused, naming them. The session's row is locked first,
so two people saving votes of one session at the same moment are checked one after the
other; a unique rule the database still refuses (a race the lock cannot see) is a
message, never a 500.

Every other write of a vote or a roll call (the admin's change forms, its grid, its
deletions) takes the same lock (``sessions_locked``) before it reads what it checks,
and checks the roll call as it will stand with ``roll_call_errors``, the check
``vote_record`` makes: two saves at once, on any two of these pages, are checked one
after the other.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Session
from .services import sitting_days, sitting_deputies
from .votes import RollCallVote, Vote, roll_call_dropped, roll_call_overflow


def sessions_locked(*pks) -> None:
    """Lock the rows of the sessions ``pks`` (FOR UPDATE, in the order of their ids, so
    two writers never wait on each other), inside the caller's transaction."""
    ids = sorted({pk for pk in pks if pk is not None})
    if ids:
        list(Session.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def roll_call_errors(session: Session, vote: Vote, roll_call: dict[int, str]) -> dict:
    """Messages for deputies not seated on the vote's day, or a roll call that overflows
    the vote's numbers, by field (a deputy's by ``"<id>"``). Asked under the session's
    lock (``sessions_locked``), with ``roll_call`` the whole roll call as it will stand."""
    errors = {}
    if vote.voted_on not in sitting_days(session):
        return {"voted_on": [_("The session does not sit on that day.")]}
    seated = {deputy.pk for deputy in sitting_deputies(session, vote.voted_on)}
    for deputy_id, choice in roll_call.items():
        if choice and deputy_id not in seated:
            errors[str(deputy_id)] = [
                _("This deputy held no seat in the council on the day of the vote.")
            ]
    overflow = roll_call_overflow(vote, [choice for choice in roll_call.values() if choice])
    if overflow:
        errors[overflow[0]] = [overflow[1]]
    dropped = _dropped(vote, roll_call, seated)
    if dropped:
        errors[NON_FIELD_ERRORS] = dropped
    return errors


def _dropped(vote: Vote, roll_call: dict[int, str], seated: set[int]) -> list[str]:
    """Messages for the stored votes the save would delete unasked: the deputies' rows
    ``roll_call`` leaves out (on the ward's page, those not seated on the vote's day,
    whom its grid does not show). Only a deputy given "" has their row deleted."""
    if vote.pk is None:
        return []
    rows = vote.roll_call.select_related("deputy__person").order_by()
    left = [row for row in rows if row.deputy_id not in roll_call]
    unseated = [row.deputy.person.full_name for row in left if row.deputy_id not in seated]
    others = [row.deputy.person.full_name for row in left if row.deputy_id in seated]
    messages = [roll_call_dropped(unseated)] if unseated else []
    return messages + ([roll_call_dropped(others, seated=True)] if others else [])


def _write_roll_call(vote: Vote, roll_call: dict[int, str]) -> None:
    """Make the stored roll call ``roll_call``'s choices (blank: no row). A row of a
    deputy ``roll_call`` leaves out is kept (``_dropped`` refuses such a save)."""
    existing = {row.deputy_id: row for row in vote.roll_call.all()}
    for deputy_id, row in existing.items():
        if deputy_id in roll_call and not roll_call[deputy_id]:
            row.delete()
    for deputy_id, choice in roll_call.items():
        if not choice:
            continue
        row = existing.get(deputy_id)
        if row is None:
            RollCallVote(vote=vote, deputy_id=deputy_id, choice=choice).save()
        elif row.choice != choice:  # unchanged rows are not written (no empty audit entry)
            row.choice = choice
            row.save()


def vote_record(*, session: Session, vote: Vote, roll_call: dict[int, str]) -> Vote:
    """Save ``vote`` (new, or an existing one of ``session`` with its new values set) and
    its roll call ({deputy id: choice}, "" for not recorded), or refuse all of it.

    The messages are by field, and by deputy id (``"<id>"``) for the roll call. The
    roll call is checked against the new numbers before anything is written; an edited
    vote's ``clean()`` then reads the roll call as it will stand, so a refusal there
    undoes the roll call's rows with the rest.
    """
    new = vote.pk is None
    try:
        with transaction.atomic():
            sessions_locked(session.pk)
            return _record(session, vote, roll_call)
    except IntegrityError:
        if new:  # the insert was rolled back: the vote is still to be added
            vote.pk, vote._state.adding = None, True
        message = _("Another vote of this session was saved at the same moment. Reload the page.")
        raise ValidationError({NON_FIELD_ERRORS: [message]}) from None


def _record(session: Session, vote: Vote, roll_call: dict[int, str]) -> Vote:
    if vote.pk and vote.session_id != session.pk:
        raise ValidationError({"session": _("This vote was taken at another session.")})
    vote.session = session
    errors = roll_call_errors(session, vote, roll_call)
    if vote.pk is None:
        try:
            vote.full_clean()
        except ValidationError as error:
            errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    if vote.pk is None:
        vote.save()
        _write_roll_call(vote, roll_call)
    else:
        _write_roll_call(vote, roll_call)
        vote.full_clean()
        vote.save()
    return vote
