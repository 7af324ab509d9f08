"""Sessions read from the shared Redis cache, with the users' generation in the same trip.

Django's cached_db sessions (read from the cache, written through to the database),
whose load also reads councilwork.user_memo's generation: one Redis round trip gives
the session and tells whether this process may serve the user it remembers.

A Redis that refuses writes (out of memory, a read-only replica) fails no request: the
session read from the database is used without being put back in the cache, as
cached_db already does for its saves.
"""

from django.contrib.sessions.backends import cached_db

from . import user_memo


class SessionStore(cached_db.SessionStore):
    def load(self):
        key = self.cache_key
        try:
            found = self._cache.get_many([key, user_memo.GENERATION_KEY])
        except Exception:  # as cached_db: an unreadable key resets the session
            found = None
        else:
            user_memo.generation_read(found.get(user_memo.GENERATION_KEY))
        data = (found or {}).get(key)
        if data is None:
            # cached_db's own fallback: the database's row, put back in the cache.
            stored = self._get_session_from_db()
            if not stored:
                return {}
            data = self.decode(stored.session_data)
            try:
                self._cache.set(key, data, self.get_expiry_age(expiry=stored.expire_date))
            except Exception:
                cached_db.logger.warning("session not put back in the cache", exc_info=True)
        return data
