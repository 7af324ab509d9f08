"""Admin building blocks shared by the campaign admin modules."""

from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import number_filter

YEAR = number_filter("campaign__year", _("year"))
