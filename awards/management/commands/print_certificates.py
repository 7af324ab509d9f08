"""Print an issued decision's certificates (Giấy khen) to a PDF, one page per recipient."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from awards.certificate_forms import CertificateForm
from awards.certificates import calibration_pdf, certificates_pdf
from awards.models import AwardDecision


def _mm(value: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CommandError(_("An offset is a number of millimetres, e.g. -1.5.")) from None
    if not -50 <= number <= 50:
        raise CommandError(_("A printer offset is at most 50 mm either way."))
    return number


class Command(BaseCommand):
    help = "Print the certificates of an issued award decision (by number or id) to a PDF."

    def add_arguments(self, parser):
        parser.add_argument("decision", nargs="?", help="the decision's number or id")
        parser.add_argument("--output", required=True, help="the PDF file to write")
        parser.add_argument("--form", choices=["full", "blank"], default="full")
        parser.add_argument("--layout", type=int, help="the certificate form's id")
        parser.add_argument("--offset-x", type=_mm, help="printer offset in mm (right +)")
        parser.add_argument("--offset-y", type=_mm, help="printer offset in mm (down +)")
        parser.add_argument(
            "--calibration", action="store_true", help="print the calibration grid page"
        )

    def handle(
        self, *args, decision, output, form, layout, offset_x, offset_y, calibration, **options
    ):
        chosen = None
        if layout is not None:
            chosen = CertificateForm.objects.filter(pk=layout).first()
            if chosen is None:
                raise CommandError(_("No certificate form has the id %(id)s.") % {"id": layout})
        if calibration:
            pdf = calibration_pdf(chosen or CertificateForm(name="A4"))
        else:
            if not decision:
                raise CommandError(_("Name the decision by its number or id."))
            found = _decision(decision)
            try:
                pdf = certificates_pdf(
                    found, form=chosen, style=form, offset_x=offset_x, offset_y=offset_y
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        with open(output, "wb") as file:
            file.write(pdf)
        self.stdout.write(_("Written: %(file)s") % {"file": output})


def _decision(key: str) -> AwardDecision:
    match = Q(number=key) | (Q(pk=int(key)) if key.isdigit() else Q(pk=None))
    found = list(AwardDecision.objects.filter(match).select_related("council")[:2])
    if not found:
        raise CommandError(_("No award decision has the number or id %(key)s.") % {"key": key})
    if len(found) > 1:
        raise CommandError(
            _("Several decisions have the number %(key)s; give the id.") % {"key": key}
        )
    return found[0]
