"""Authentication: the request's user and their role in one query.

Django's ModelBackend loads request.user with one query and the role (a group) costs
another on nearly every page. Here the user row comes with the name of its role group
as an annotation, and services.user_role() finds it already remembered.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When

from .models import User
from .roles import GROUP_NAMES, Role
from .services import ROLE_ATTRIBUTE

ROLE_ANNOTATION = "_role_group_name"


def with_role_name(queryset):
    """Users annotated with the name of their role group (the first in GROUP_NAMES order)."""
    preference = Case(
        *(When(name=name, then=Value(rank)) for rank, name in enumerate(GROUP_NAMES.values())),
        output_field=IntegerField(),
    )
    group = (
        Group.objects.filter(user=OuterRef("pk"), name__in=GROUP_NAMES.values())
        .annotate(preference=preference)
        .order_by("preference")
        .values("name")[:1]
    )
    return queryset.annotate(**{ROLE_ANNOTATION: Subquery(group)})


class RoleAwareBackend(ModelBackend):
    """ModelBackend whose get_user() also remembers the user's role (no second query)."""

    def get_user(self, user_id):
        users = User._default_manager.filter(pk=user_id).select_related("council")
        user = with_role_name(users).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        roles = {name: role for role, name in GROUP_NAMES.items()}
        name = getattr(user, ROLE_ANNOTATION)
        setattr(user, ROLE_ATTRIBUTE, Role(roles[name]) if name else None)
        return user
