"""The lock of a session's votes, taken by the import as the vote pages and the admin take it.

A vote's numbers and its roll call are checked together (a roll call may not hold more
"for" than the vote counted, ...), each against the stored rows of the other. The ward
vote page and the admin check them under the lock of the vote's session
(sessions.vote_services.sessions_locked); so does the import, on the session of each
vote or roll call row, before the row's rules are checked. Taken once per session per
import, and held until the import's transaction ends: a page saving a vote of that
session waits for the import, and the import for it.
"""

from sessions.vote_services import sessions_locked


class SessionLocks:
    """The sessions one import has locked."""

    def __init__(self):
        self.locked: set[int] = set()

    def take(self, sheet_name: str, record) -> None:
        """Lock the session of ``record``, a row of the votes or roll call sheet."""
        if sheet_name == "votes":
            pk = record.session_id
        elif sheet_name == "roll_call_votes" and record.vote_id:
            pk = record.vote.session_id
        else:
            return
        if pk is not None and pk not in self.locked:
            sessions_locked(pk)
            self.locked.add(pk)
