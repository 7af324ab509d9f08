"""Printed certificates (Giấy khen) of an issued decision: one PDF page per recipient.

``full`` draws the whole certificate; ``blank`` only the variable fields, for the
council's pre-printed forms. Positions come from the decision's CertificateForm, in mm
from the sheet's left and top edges, shifted by the printer's offset. The page is the
form's exact size, and the PDF asks viewers to print at 100 % (PrintScaling None).
The DejaVu Serif font ships in awards/fonts and is embedded (a subset), so Vietnamese
prints the same on every machine.
"""

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from councilwork.models import Gender

from .certificate_forms import FIELDS, Align, CertificateForm

FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = "DejaVuSerif", "DejaVuSerif-Bold"
LEADING = 1.2  # a line's height, in type sizes
MAX_LINES = 2  # lines of a field before its type is set smaller
STEP = 0.5  # pt: how much smaller each try sets the type
BOLD_FIELDS = {"recipient", "signer"}


def _fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))


def salutation(person) -> str:
    """Ông or Bà from the recorded gender; nothing when it is not recorded (never guessed)."""
    return {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(person.gender, "")


def recipient_line(award) -> str:
    if award.recipient_person_id:
        person = award.recipient_person
        return " ".join(p for p in (salutation(person), person.full_name) if p)
    return str(award.recipient)


def unit_line(award) -> str:
    # A named organisation's name is its whole line: no council of ours to add.
    if award.recipient_person_id:
        return award.recipient_person.position
    if award.recipient_body_id:
        return award.recipient_body.council.name
    return ""


def date_line(place: str, day) -> str:
    text = f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"
    return f"{place}, {text}" if place else text.capitalize()


def texts(award, form: CertificateForm) -> dict[str, str]:
    """Each field's text for ``award``'s certificate."""
    decision = award.decision
    achievement = award.achievement
    if achievement:
        achievement = f"Đã có thành tích: {achievement}"
    return {
        "recipient": recipient_line(award),
        "unit": unit_line(award),
        "achievement": achievement,
        "decision": (f"Quyết định số {decision.number} ngày {decision.decision_date:%d/%m/%Y}"),
        "place_date": date_line(form.place or decision.council.name, decision.decision_date),
        "signer": form.signer_title,
    }


@dataclass(frozen=True)
class Line:
    """One printed line: its text, font, size, and origin in points from the bottom left."""

    text: str
    font: str
    size: float
    x: float
    y: float


def _split_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and pdfmetrics.stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width`` points (a too-long word is broken)."""
    lines, current = [], ""
    for word in text.split():
        if pdfmetrics.stringWidth(word, font, size) > width:
            if current:
                lines.append(current)
            *whole, current = _split_word(word, font, size, width)
            lines.extend(whole)
            continue
        trial = f"{current} {word}" if current else word
        if pdfmetrics.stringWidth(trial, font, size) <= width:
            current = trial
        else:
            lines.append(current)
            current = word
    return [*lines, current] if current else lines


def fit(text: str, font: str, size: float, min_size: float, width: float):
    """(size, lines): at most two lines, set smaller down to ``min_size`` before a third."""
    while True:
        lines = wrap(text, font, size, width)
        if len(lines) <= MAX_LINES or size - STEP < min_size:
            return size, lines
        size -= STEP


def layout(award, form: CertificateForm, offset_x=None, offset_y=None) -> list[Line]:
    """Every variable line of ``award``'s certificate, placed on the form's page."""
    _fonts()
    dx = float(form.offset_x if offset_x is None else offset_x) * mm
    dy = float(form.offset_y if offset_y is None else offset_y) * mm
    height = float(form.page_height) * mm
    min_size = float(form.min_size)
    placed = []
    values = texts(award, form)
    if form.signer_name:
        values["signer"] = f"{form.signer_title}\n\n\n\n{form.signer_name}"
    for prefix, _label in FIELDS:
        text = values[prefix]
        if not text:
            continue
        font = BOLD if prefix in BOLD_FIELDS else REGULAR
        left = float(getattr(form, f"{prefix}_x")) * mm + dx
        width = float(getattr(form, f"{prefix}_width")) * mm
        baseline = height - float(getattr(form, f"{prefix}_y")) * mm - dy
        align = getattr(form, f"{prefix}_align")
        wanted = float(getattr(form, f"{prefix}_size"))
        paragraphs = text.split("\n")
        for paragraph in paragraphs:
            size, lines = fit(paragraph, font, wanted, min(min_size, wanted), width)
            for line in lines or [""]:
                if line:
                    used = pdfmetrics.stringWidth(line, font, size)
                    x = {
                        Align.LEFT: left,
                        Align.CENTER: left + (width - used) / 2,
                        Align.RIGHT: left + width - used,
                    }[align]
                    placed.append(Line(line, font, size, x, baseline))
                baseline -= size * LEADING
    return placed


def _full_frame(canvas: Canvas, form: CertificateForm, decision, dx: float, dy: float) -> None:
    """The whole certificate around the fields: border, national heading, GIẤY KHEN."""
    width, height = float(form.page_width) * mm, float(form.page_height) * mm
    canvas.saveState()
    canvas.translate(dx, -dy)
    canvas.setLineWidth(2)
    canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    canvas.setLineWidth(0.6)
    canvas.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)
    middle = width / 2
    canvas.setFont(BOLD, 14)
    canvas.drawCentredString(middle, height - 28 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    canvas.setFont(BOLD, 13)
    canvas.drawCentredString(middle, height - 35 * mm, "Độc lập - Tự do - Hạnh phúc")
    canvas.line(middle - 32 * mm, height - 37 * mm, middle + 32 * mm, height - 37 * mm)
    canvas.setFont(BOLD, 14)
    authority = decision.issuing_authority.upper()
    canvas.drawCentredString(middle, height - 47 * mm, authority)
    canvas.setFont(REGULAR, 14)
    canvas.drawCentredString(middle, height - 55 * mm, "TẶNG")
    canvas.setFont(BOLD, 32)
    canvas.drawCentredString(middle, height - 72 * mm, "GIẤY KHEN")
    canvas.restoreState()


def _new_canvas(buffer, form: CertificateForm, title: str) -> Canvas:
    _fonts()
    size = (float(form.page_width) * mm, float(form.page_height) * mm)
    canvas = Canvas(buffer, pagesize=size, pageCompression=1)
    canvas.setTitle(title)
    canvas.setViewerPreference("PrintScaling", "None")
    return canvas


def ensure_printable(decision) -> None:
    if not decision.issued_at:
        raise ValidationError(
            _("Certificates are printed only for an issued decision; this one is a draft."),
            code="draft",
        )


def certificates_pdf(
    decision, *, form: CertificateForm | None = None, style="full", offset_x=None, offset_y=None
) -> bytes:
    """The PDF of ``decision``'s certificates, one page per award, in the awards' order."""
    ensure_printable(decision)
    form = form or CertificateForm.for_decision(decision)
    awards = list(
        decision.awards.select_related(
            "recipient_person", "recipient_body__council", "recipient_council", "decision"
        ).order_by("pk")
    )
    if not awards:
        raise ValidationError(_("This decision names no recipient."), code="empty")
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, form, f"Giấy khen – {decision.number}")
    dx = float(form.offset_x if offset_x is None else offset_x) * mm
    dy = float(form.offset_y if offset_y is None else offset_y) * mm
    for award in awards:
        award.decision = decision
        if style == "full":
            _full_frame(canvas, form, decision, dx, dy)
        for line in layout(award, form, offset_x, offset_y):
            canvas.setFont(line.font, line.size)
            canvas.drawString(line.x, line.y, line.text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _number(value) -> str:
    """210.0 → 210, 210.5 → 210.5 (as the secretariat writes millimetres)."""
    return f"{Decimal(value).normalize():f}"


def calibration_pdf(form: CertificateForm) -> bytes:
    """A grid page, no offset: ruled every mm along the edges, lines every 10 mm.

    Printed on the real printer, the distance from the sheet's left edge to the 50 mm
    line, less 50, is the printer's x error; the form's offset is its opposite.
    """
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, form, _("Calibration grid"))
    width, height = float(form.page_width), float(form.page_height)
    canvas.setLineWidth(0.1)
    canvas.setStrokeGray(0.6)
    for x in range(10, int(width) + 1, 10):
        canvas.line(x * mm, 0, x * mm, height * mm)
    for y in range(10, int(height) + 1, 10):
        canvas.line(0, (height - y) * mm, width * mm, (height - y) * mm)
    canvas.setStrokeGray(0)
    canvas.setFont(REGULAR, 6)
    for x in range(int(width) + 1):
        tick = 6 if x % 10 == 0 else 4 if x % 5 == 0 else 2
        canvas.line(x * mm, height * mm, x * mm, (height - tick) * mm)
        canvas.line(x * mm, 0, x * mm, tick * mm)
        if x % 10 == 0 and 0 < x < width:
            canvas.drawCentredString(x * mm, (height - 9) * mm, str(x))
    for y in range(int(height) + 1):
        tick = 6 if y % 10 == 0 else 4 if y % 5 == 0 else 2
        canvas.line(0, (height - y) * mm, tick * mm, (height - y) * mm)
        canvas.line(width * mm, (height - y) * mm, (width - tick) * mm, (height - y) * mm)
        if y % 10 == 0 and 0 < y < height:
            canvas.drawString(7 * mm, (height - y - 1) * mm, str(y))
    canvas.setFont(REGULAR, 10)
    lines = [
        _("Calibration grid: %(w)s × %(h)s mm, print at 100 %% (actual size).")
        % {"w": _number(form.page_width), "h": _number(form.page_height)},
        _("Measure from the sheet's left edge to the 50 mm line and from its top edge"),
        _("to the 50 mm line; the offset is 50 minus each measurement, in mm."),
    ]
    for number, text in enumerate(lines):
        canvas.drawString(60 * mm, (height - 62 - 6 * number) * mm, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
