"""Authentication: the request's user and their role in one query.

Django's ModelBackend loads request.user with one query and the role (a group) costs
another on nearly every page. Here the user row comes with the name of its role group,
and services.user_role() finds it already remembered. Every request runs this query,
so its SQL is written once, not rebuilt by the ORM's compiler each time (a third of a
trivial page's time went into compiling it). With sessions in Redis, a process serves a
user it read again without the query while no login changed (councilwork.user_memo).
"""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connections, router

from . import user_memo
from .models import User
from .roles import GROUP_NAMES, Role
from .services import ROLE_ATTRIBUTE

ROLE_ANNOTATION = "_role_group_name"
ROLES = {name: Role(role) for role, name in GROUP_NAMES.items()}


@cache
def _user_with_role_sql(alias: str) -> str:
    """SELECT the user by id with the name of their role group (the first in GROUP_NAMES
    order) as ROLE_ANNOTATION; parameters: the group names twice, then the user's id."""
    quote = connections[alias].ops.quote_name
    through = User.groups.through._meta
    user_column = quote(User.groups.field.m2m_column_name())
    group_column = quote(User.groups.field.m2m_reverse_name())
    names = ", ".join(["%s"] * len(GROUP_NAMES))
    preference = " ".join(f"WHEN %s THEN {rank}" for rank in range(len(GROUP_NAMES)))
    return (
        f"SELECT u.*, (SELECT g.{quote('name')} FROM {quote(Group._meta.db_table)} g"
        f" INNER JOIN {quote(through.db_table)} ug ON ug.{group_column} = g.{quote('id')}"
        f" WHERE ug.{user_column} = u.{quote('id')} AND g.{quote('name')} IN ({names})"
        f" ORDER BY CASE g.{quote('name')} {preference} END LIMIT 1) AS {ROLE_ANNOTATION}"
        f" FROM {quote(User._meta.db_table)} u WHERE u.{quote('id')} = %s"
    )


class RoleAwareBackend(ModelBackend):
    """ModelBackend whose get_user() also remembers the user's role (no second query),
    and, with sessions in Redis, serves the user this process read while no login
    changed (councilwork.user_memo: no query at all)."""

    def get_user(self, user_id):
        try:
            user_id = User._meta.pk.to_python(user_id)
        except Exception:  # a session holding something that is not an id
            return None
        generation = user_memo.current_generation()
        if generation is not None:
            remembered = user_memo.MEMO.get(user_id, generation)
            if remembered is not None:
                return remembered
        user = self._read(user_id)
        if user is not None and generation is not None:
            user_memo.MEMO.put(user_id, generation, user)
        return user

    def _read(self, user_id):
        alias = router.db_for_read(User)
        names = list(GROUP_NAMES.values())
        # figures: a read of the user and their role; nothing is written.
        rows = User.objects.db_manager(alias).raw(
            _user_with_role_sql(alias), [*names, *names, user_id]
        )
        user = next(iter(rows), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        setattr(user, ROLE_ATTRIBUTE, ROLES.get(getattr(user, ROLE_ANNOTATION)))
        return user
