"""The review as admin actions: approve or return scorecards through the workflow's services.

They call the same services as the review page, so the admin obeys the same rules:
only a submitted scorecard, four eyes, a reason to return it, one history entry per
step and a new version. Each scorecard is its own write: one refused (with its
reason shown) leaves the others done.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import services

MAX_VERSION = 2**31 - 1  # the column's range: anything else is no version of ours


class ReturnForm(forms.Form):
    return_reason = forms.CharField(
        label=gettext_lazy("Reason for returning"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={"required": gettext_lazy("Give the reason for returning it.")},
    )

    def clean_return_reason(self):
        reason = self.cleaned_data["return_reason"].strip()
        if not reason:
            raise ValidationError(_("Give the reason for returning it."))
        return reason


def _refused(modeladmin, request, card, error: ValidationError) -> None:
    text = " ".join(error.messages)
    modeladmin.message_user(request, f"{card.subject}: {text}", messages.ERROR)


def _related(queryset):
    return queryset.select_related(
        "campaign__council", "subject_council", "subject_body", "subject_deputy__person"
    ).order_by("pk")


@admin.action(
    description=gettext_lazy("Approve the selected scorecards (with the points as submitted)"),
    permissions=["change"],
)
def approve_selected(modeladmin, request, queryset):
    done = 0
    for card in _related(queryset):
        try:
            services.scorecard_approve(
                scorecard=card, user=request.user, version=card.version, decisions={}
            )
        except ValidationError as error:
            _refused(modeladmin, request, card, error)
        else:
            done += 1
    if done:
        message = ngettext(
            "%(count)d scorecard approved.", "%(count)d scorecards approved.", done
        ) % {"count": done}
        modeladmin.message_user(request, message, messages.SUCCESS)


def _posted_version(request, card) -> int:
    """The version the confirmation page showed; a missing or damaged one is stale."""
    raw = request.POST.get(f"version_{card.pk}", "")
    version = int(raw) if raw.isascii() and raw.isdigit() else 0
    return version if 1 <= version <= MAX_VERSION else 0


@admin.action(
    description=gettext_lazy("Return the selected scorecards to the ward (with a reason)"),
    permissions=["change"],
)
def return_selected(modeladmin, request, queryset):
    """First a page that asks for the reason; on confirmation, the returns."""
    cards = list(_related(queryset))
    form = ReturnForm(request.POST if "confirm" in request.POST else None)
    if form.is_valid():
        done = 0
        for card in cards:
            try:
                services.scorecard_return(
                    scorecard=card,
                    user=request.user,
                    version=_posted_version(request, card),
                    reason=form.cleaned_data["return_reason"],
                )
            except ValidationError as error:
                _refused(modeladmin, request, card, error)
            else:
                done += 1
        if done:
            message = ngettext(
                "%(count)d scorecard returned to the ward.",
                "%(count)d scorecards returned to the ward.",
                done,
            ) % {"count": done}
            modeladmin.message_user(request, message, messages.SUCCESS)
        return None  # back to the list, with the messages
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Return scorecards to the ward"),
        "opts": modeladmin.model._meta,
        "cards": cards,
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/campaigns/scorecard/return_selected.html", context)
