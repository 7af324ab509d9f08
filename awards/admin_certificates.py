"""The admin of certificate forms, and the decision's certificate download (Giấy khen)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from councilwork.admin_tools import RecordAdmin

from .certificate_forms import FIELDS, CertificateForm
from .certificates import calibration_pdf, certificates_pdf
from .models import AwardDecision

PDF = "application/pdf"


def _attachment(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@admin.register(CertificateForm)
class CertificateFormAdmin(RecordAdmin):
    list_display = ["name", "kind", "issuing_authority", "page_width", "page_height", "grid"]
    search_fields = ["name", "issuing_authority"]
    readonly_fields = ["grid"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "kind",
                    "issuing_authority",
                    ("page_width", "page_height"),
                    ("offset_x", "offset_y"),
                    "grid",
                    "min_size",
                    "place",
                    ("signer_title", "signer_name"),
                ]
            },
        ),
        *(
            (
                label,
                {
                    "fields": [
                        tuple(f"{prefix}_{part}" for part in ("x", "y", "width", "size", "align"))
                    ]
                },
            )
            for prefix, label in FIELDS
        ),
    ]

    @admin.display(description=_("calibration grid"))
    def grid(self, form):
        if form.pk is None:
            return "–"
        url = reverse("admin:awards_certificateform_calibration", args=[form.pk])
        return format_html('<a href="{}">{}</a>', url, _t("Calibration grid (PDF)"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.calibration_view)
        own = [path("<int:pk>/calibration.pdf", view, name="awards_certificateform_calibration")]
        return own + super().get_urls()

    def calibration_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise Http404
        form = get_object_or_404(CertificateForm, pk=pk)
        return _attachment(calibration_pdf(form), f"luoi-can-chinh-{form.pk}.pdf")


class CertificatesMixin:
    """The decision's «Giấy khen (PDF)» buttons; a draft decision says why it has none."""

    @admin.display(description=_("certificates"))
    def certificates(self, decision):
        if decision.pk is None or not decision.issued_at:
            return _t("Certificates are printed once the decision is issued.")
        url = reverse("admin:awards_awarddecision_certificates", args=[decision.pk])
        links = [
            (f"{url}?form=full", _t("Certificates (PDF, whole certificate)")),
            (f"{url}?form=blank", _t("Certificates (PDF, on pre-printed forms)")),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def certificate_urls(self):
        view = self.admin_site.admin_view(self.certificates_view)
        return [path("<int:pk>/certificates.pdf", view, name="awards_awarddecision_certificates")]

    def certificates_view(self, request, pk: int):
        """The certificates, to whoever may read decisions (leaders too)."""
        if not self.has_view_permission(request):
            raise Http404
        decision = get_object_or_404(AwardDecision.objects.select_related("council"), pk=pk)
        style = "blank" if request.GET.get("form") == "blank" else "full"
        try:
            pdf = certificates_pdf(decision, style=style)
        except ValidationError:
            raise Http404 from None
        return _attachment(pdf, f"giay-khen-{decision.decision_date:%Y}-{decision.pk}-{style}.pdf")
