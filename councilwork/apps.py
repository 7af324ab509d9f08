from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilworkConfig(AppConfig):
    """The council's organisation: councils, terms, bodies, people, deputies, users."""

    name = "councilwork"
    verbose_name = _("Council organisation")

    def ready(self):
        from .cache import invalidate_on_change
        from .models import Body, Council, Deputy, Membership, Person, Term

        # A council's name or place in the tree shows on many pages: clear everything.
        invalidate_on_change(Council, lambda council: None)
        invalidate_on_change(Person, lambda person: None)
        invalidate_on_change(Term, lambda term: term.council_id)
        invalidate_on_change(Body, lambda body: body.council_id)
        invalidate_on_change(Deputy, lambda deputy: deputy.term.council_id)
        invalidate_on_change(Membership, lambda membership: membership.body.council_id)
