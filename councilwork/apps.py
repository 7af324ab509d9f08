from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilworkConfig(AppConfig):
    """The council's organisation: councils, terms, bodies, people, deputies, users."""

    name = "councilwork"
    verbose_name = _("Council organisation")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import cache, user_memo
        from .collation import register_sqlite_collation
        from .models import Body, Council, Deputy, Membership, Person, Term
        from .registry import register
        from .search import register_sqlite_fold

        # The record models of every app, parents first; each app registers its own
        # from its ready(), in the order of INSTALLED_APPS. A council's name shows on
        # its own figures and those of the councils above (its parent's "below").
        register(Council, councils=("pk", "parent"))
        register(Person, councils=("mandates__term__council", "awards__decision__council"))
        register(Term, councils=("council",))
        register(Body, councils=("council",))
        register(Deputy, councils=("term__council",))
        register(Membership, councils=("body__council",))
        cache.connect()
        user_memo.connect()
        connection_created.connect(register_sqlite_collation, dispatch_uid="vi-collation")
        connection_created.connect(register_sqlite_fold, dispatch_uid="cw-fold")
