"""The admin's History pages of the records: read-only, in the reader's language.

django-simple-history offers a "revert" view beside each history row, which saves an
old version through the change form. It checks only the view (or change) permission,
so it rewrites records around their rules: a scorecard's status and version rolled
back, a workflow event's points and reason edited. Here it refuses, for every model,
and the History page links to no such view.
"""

import dataclasses
import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import ManyToManyField
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


def person_name(user) -> str:
    """How a login is shown to readers: the person's full name, else the login name."""
    return user.get_full_name() or user.get_username()


def display_value(field, value) -> str:
    """A value of ``field`` as the record's pages show it (dates dd/mm/yyyy, labels)."""
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, get_user_model()):
        return person_name(value)
    choices = dict(field.flatchoices) if getattr(field, "flatchoices", None) else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | int | float):
        return formats.number_format(value, use_l10n=True)
    return str(value)


class HistoryDisplayHelper(HistoricalRecordContextHelper):
    """The old → new values of a history row, shown like the rest of the admin.

    A model's ``internal_fields`` (e.g. a scorecard's optimistic-lock version) are
    machinery and left out: readers see only the facts that changed.
    """

    def context_for_delta_changes(self, delta):
        internal = set(getattr(self.model, "internal_fields", ()))
        changes = [change for change in delta.changes if change.field not in internal]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, ManyToManyField):
            return super().prepare_delta_change_value(change, value)
        return display_value(field, value)


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """An admin whose History page lists every change and can revert none of them."""

    object_history_template = "simple_history/object_history.html"
    object_history_list_template = "simple_history/object_history_list.html"

    def revert_disabled(self, request, obj=None):
        return True

    def history_view(self, request, object_id, extra_context=None):
        # simple_history looks the id up unchecked: text where a number belongs is a 500.
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Refuses to show, or save, an old version as a form (GET and POST alike)."""
        messages.error(request, _("The history is read-only: an old version cannot be restored."))
        opts = self.model._meta
        url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
            args=[quote(unquote(object_id))],
        )
        return HttpResponseRedirect(url)

    def history_view_title(self, request, obj):
        return _("History of %(record)s") % {"record": obj}

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryDisplayHelper(self.model, historical_record)
