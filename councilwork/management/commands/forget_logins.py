"""manage.py forget_logins: every process reads its logged-in users again.

Saving a user, a group or their permissions through the ORM renews the users'
generation (councilwork.user_memo). A change made around the ORM's signals (raw SQL,
``QuerySet.update()`` or ``bulk_update()`` on users, groups or permissions, a restored
backup) does not: run this command after it, so that the change shows from the next
request on every node, and in pages cached per reader.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from councilwork import user_memo


class Command(BaseCommand):
    help = "Make every process read its logged-in users again (after changes outside the ORM)."

    def handle(self, *args, **options):
        before = user_memo.cache.get(user_memo.GENERATION_KEY)
        user_memo.bump()
        after = user_memo.cache.get(user_memo.GENERATION_KEY)
        if after is None or after == before:
            raise CommandError(_("The users' generation could not be renewed: is the cache up?"))
        self.stdout.write(_("Every process reads its logged-in users again from now on."))
