"""Create or update a login with one role, without shell tricks."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from councilwork.models import Council
from councilwork.roles import Role
from councilwork.services import user_upsert

PASSWORD_ENV = "DJANGO_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create or update USERNAME with a role. The password comes from the environment "
        f"variable {PASSWORD_ENV} when set, else from a prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--council", help="council code (slug); required for ward staff")
        parser.add_argument(
            "--name", help="the person's full name, family name first, e.g. 'Nguyễn Thị Hoa'"
        )

    def handle(self, *args, username, role, council, name=None, **options):
        bound = None
        if council:
            bound = Council.objects.filter(slug=council).first()
            if bound is None:
                raise CommandError(_("No council has the code “%(slug)s”.") % {"slug": council})
        password = os.environ.get(PASSWORD_ENV) or self._prompt()
        try:
            user, created = user_upsert(
                username=username,
                role=Role(role),
                council=bound,
                password=password,
                full_name=name,
            )
        except ValidationError as error:
            reasons = error.message_dict.get("password")
            if reasons:
                message = _("The password is refused: %(reasons)s") % {"reasons": " ".join(reasons)}
                raise CommandError(message) from None
            raise CommandError("; ".join(error.messages)) from None
        message = (
            _("Created %(user)s (%(role)s).") if created else _("Updated %(user)s (%(role)s).")
        )
        label = Role(role).label
        self.stdout.write(
            self.style.SUCCESS(message % {"user": user.get_username(), "role": label})
        )

    def _prompt(self) -> str:
        try:
            first = getpass.getpass(_("Password: "))
            second = getpass.getpass(_("Password (again): "))
        except EOFError:
            message = _("No password: set %(env)s or run interactively.") % {"env": PASSWORD_ENV}
            raise CommandError(message) from None
        if not first or first != second:
            raise CommandError(_("The passwords are empty or do not match."))
        return first
