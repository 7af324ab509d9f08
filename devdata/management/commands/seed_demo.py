"""Build the Dương Kinh demo (idempotent) and print the demo logins."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from councilwork.roles import Role
from devdata.demo import data
from devdata.demo.build import DemoBuilder


class Command(BaseCommand):
    help = "Build the Dương Kinh district demo data and demo logins (safe to run again)."

    def handle(self, *args, **options):
        logins = DemoBuilder().build()
        self.stdout.write(self.style.SUCCESS(_("Demo data is ready (Dương Kinh, 2023–2024).")))
        self.stdout.write(
            _("Demo logins (password: %(password)s):") % {"password": data.DEMO_PASSWORD}
        )
        for username, role in logins.items():
            self.stdout.write(f"  {username:<10} {Role(role).label}")
