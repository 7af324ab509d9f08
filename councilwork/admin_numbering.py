"""The numbering register in the admin: every number issued, per issuer, register and year.

Numbers are issued only by the system (councilwork.numbering), so nothing here adds,
changes or deletes one. A number's page holds one form: a reason, and saving cancels
the number (cancel_number); it stays in the register with its reason and who
cancelled it, and is never issued again. The register is the secretariat's: leaders
and ward staff do not see it (it is not a record model, so no role group is granted
its permissions; the secretariat is let in here, by role).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .admin_tools import CouncilTreeFilter, QueryGuardMixin
from .models import IssuedNumber
from .numbering import cancel_number
from .roles import Role
from .services import user_role

SHOWN = [
    "code",
    "council",
    "kind",
    "year",
    "subject",
    "issued_at",
    "issued_by",
    "cancelled_at",
    "cancelled_by",
    "cancel_reason",
]


def keeps_the_register(user) -> bool:
    """Superusers and the secretariat; leaders and ward staff do not."""
    return user.is_active and (user.is_superuser or user_role(user) == Role.SECRETARIAT)


class CancelNumberForm(forms.ModelForm):
    """The reason for cancelling; checked against the number as it is now (row locked)."""

    reason = forms.CharField(
        label=_("reason for cancelling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Saving with a reason cancels this number; it is never issued again."),
    )

    class Meta:
        model = IssuedNumber
        fields = []

    def clean(self):
        cleaned = super().clean()
        # Locked until the admin's transaction ends, so of two cancels one is refused.
        current = IssuedNumber.objects.select_for_update().get(pk=self.instance.pk)
        if current.cancelled_at is not None:
            raise ValidationError(gettext("This number is already cancelled."))
        return cleaned


@admin.register(IssuedNumber)
class IssuedNumberAdmin(QueryGuardMixin, admin.ModelAdmin):
    form = CancelNumberForm
    list_display = ["code", "subject", "council", "kind", "year", "issued_at", "cancelled"]
    list_filter = ["kind", "year", ("cancelled_at", admin.EmptyFieldListFilter), CouncilTreeFilter]
    list_select_related = ["council"]
    search_fields = ["subject", "=number", "symbol", "council__name", "council__short_name"]
    ordering = ["council__name", "kind", "-year", "-number"]
    readonly_fields = SHOWN
    actions = None
    list_per_page = 50

    @admin.display(description=_("number"), ordering="number")
    def code(self, issued):
        return issued.code

    @admin.display(description=_("cancelled"), boolean=True, ordering="cancelled_at")
    def cancelled(self, issued):
        return issued.cancelled_at is not None

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issued_by", "cancelled_by")

    def get_fields(self, request, obj=None):
        # A cancelled number shows its reason; only a number still valid takes one.
        if obj is None or obj.cancelled_at is not None:
            return SHOWN
        return [*SHOWN[:-3], "reason"]

    def has_module_permission(self, request):
        return keeps_the_register(request.user)

    def has_view_permission(self, request, obj=None):
        return keeps_the_register(request.user)

    def has_change_permission(self, request, obj=None):
        return keeps_the_register(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        cancelled = obj is not None and obj.cancelled_at is not None
        context.update(
            show_save=not cancelled,
            show_save_and_continue=False,
            show_save_and_add_another=False,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        cancel_number(issued=obj, reason=form.cleaned_data["reason"], user=request.user)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS:
            message = gettext("The number is cancelled; it will not be issued again.")
        super().message_user(request, message, level, *args, **kwargs)
