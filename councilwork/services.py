"""Writes with rules over the organisation: logins and their roles."""

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Council, User
from .registry import record_models
from .roles import GROUP_NAMES, Role

ROLE_ATTRIBUTE = "_councilwork_role"
_UNKNOWN = object()


def _record_permissions():
    """The permissions on every registered record model (logins are not records)."""
    content_types = ContentType.objects.get_for_models(*record_models()).values()
    return list(
        Permission.objects.filter(content_type__in=content_types).select_related("content_type")
    )


@transaction.atomic
def role_groups_sync() -> dict[str, Group]:
    """Create or refresh the role groups and their permissions; returns them by role.

    The secretariat may add, change, delete and view every record; leaders may only
    view; ward staff work outside the admin and hold no admin permission.
    """
    records = _record_permissions()
    wanted = {
        Role.SECRETARIAT: records,
        Role.LEADER: [p for p in records if p.codename.startswith("view_")],
        Role.WARD: [],
    }
    groups = {}
    for role, permissions in wanted.items():
        group, _created = Group.objects.get_or_create(name=GROUP_NAMES[role])
        group.permissions.set(permissions)
        groups[role] = group
    return groups


def user_role(user: User) -> Role | None:
    """The user's role from their groups: one query, then remembered on this user object.

    request.user lives for one request, so the middleware, the views and the templates
    of a request share the answer; a role changed meanwhile shows from the next request.
    The request's user usually arrives with it (backends.RoleAwareBackend), so no query.
    Attribute access goes through request.user's lazy wrapper to the user itself.
    """
    role = getattr(user, ROLE_ATTRIBUTE, _UNKNOWN)
    if role is _UNKNOWN:
        names = {g.name for g in user.groups.all()}
        found = [Role(role) for role, name in GROUP_NAMES.items() if name in names]
        role = found[0] if found else None
        setattr(user, ROLE_ATTRIBUTE, role)
    return role


@transaction.atomic
def user_upsert(
    *,
    username: str,
    role: Role,
    council: Council | None = None,
    password: str | None = None,
    full_name: str | None = None,
) -> tuple[User, bool]:
    """Create or update a login with exactly one role; returns (user, created).

    ``full_name`` ("Nguyễn Thị Hoa", family name first) is how the person is shown
    wherever the login appears; its last word is the given name (first_name).

    Ward staff must be bound to a council; the other roles see every council, so a
    council given for them is refused rather than silently ignored. A password must
    pass AUTH_PASSWORD_VALIDATORS, like one set in the admin; a refused one leaves the
    login as it was (or not created).
    """
    role = Role(role)
    if role == Role.WARD and council is None:
        raise ValidationError({"council": _("Ward staff must be bound to a council.")})
    if role != Role.WARD and council is not None:
        raise ValidationError({"council": _("Only ward staff are bound to a council.")})
    groups = role_groups_sync()
    user, created = User.objects.get_or_create(username=username)
    user.council = council
    # Leaders open the admin read-only; ward staff work in the app's own pages.
    user.is_staff = role in (Role.SECRETARIAT, Role.LEADER)
    user.is_active = True
    if full_name is not None:
        *family, given = full_name.split() or [""]
        user.last_name, user.first_name = " ".join(family), given
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.full_clean(exclude={"password"})
    user.save()
    user.groups.set([groups[role]])
    user.__dict__.pop(ROLE_ATTRIBUTE, None)
    return user, created
