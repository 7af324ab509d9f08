"""The 2023 sessions' documents (illustrative): the district's invitation and agenda,
reports, submissions, draft resolutions, minutes and some resolutions signed with a demo
CA; the wards' invitations, drafts and minutes, and one signed resolution each.

The files are small generated PDFs. The signing CA is made at seed time, in memory;
only its root certificate is written, to the trust folder (TRUST_ROOTS_DIR, by default
MEDIA_ROOT/trust), so the demo trusts it. A re-run finds every document in place and
makes nothing, not even a new CA.
"""

import datetime as dt
import unicodedata
from pathlib import Path

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from councilwork.signatures import trust_folder
from sessions.models import DocumentKind, Session, SessionDocument

from .data import THEMATIC_SESSION_WARD as THEMATIC_WARD
from .signing import make_ca, make_signer, sign_pdf

# How many resolutions of each district session have a signed PDF in the demo.
SIGNED_PER_SESSION = 2
# The session whose draft resolutions went out on the opening day: not paperless by its
# documents (it stays marked paperless by hand, as every demo session is).
LATE_SESSION_NUMBER = 12


def _ascii(text: str) -> str:
    """The text without accents, for the PDF's built-in font."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)


def text_pdf(*lines: str) -> bytes:
    """A one-page A4 PDF that shows ``lines`` (Helvetica, accents dropped)."""
    body = (
        b"BT /F1 14 Tf 72 770 Td 18 TL "
        + b"".join(
            b"(%s) '" % _ascii(line).replace("\\", "").replace("(", "").replace(")", "").encode()
            for line in lines
        )
        + b" ET"
    )
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(body), body),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, content in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj%sendobj\n" % (number, content)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


def _at(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class _Signing:
    """The demo CA, made on first use only, its root written to the trust folder."""

    def __init__(self):
        self.ca = self.signer = None

    def sign(self, data: bytes) -> bytes:
        if self.ca is None:
            self.ca = make_ca("HĐND quận Dương Kinh – CA thử nghiệm (demo)", "Demo councilwork")
            self.signer = make_signer(self.ca, "Vũ Bình Dương", "HĐND quận Dương Kinh")
            folder = Path(trust_folder())
            folder.mkdir(parents=True, exist_ok=True)
            serial = self.ca.certificate.serial_number
            (folder / f"demo-root-{serial:x}.pem").write_bytes(self.ca.certificate_pem())
        return sign_pdf(data, self.signer, self.ca)


def _plan(session: Session) -> list[tuple]:
    """(order, kind, title, number, sent_at, resolution) of a session's documents."""
    opening = session.start_date
    drafts_sent = opening - dt.timedelta(days=0 if session.number == LATE_SESSION_NUMBER else 5)
    resolutions = list(session.resolutions.order_by("number"))
    plan = [
        (
            1,
            DocumentKind.INVITATION,
            f"Giấy mời và chương trình {session.title}",
            "",
            _at(opening - dt.timedelta(days=7)),
            None,
        ),
        (
            2,
            DocumentKind.REPORT,
            "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội",
            "",
            _at(opening - dt.timedelta(days=7)),
            None,
        ),
        (
            3,
            DocumentKind.SUBMISSION,
            "Tờ trình đề nghị ban hành nghị quyết",
            "",
            _at(opening - dt.timedelta(days=6)),
            None,
        ),
        (
            4,
            DocumentKind.EXPLANATION,
            "Báo cáo giải trình, tiếp thu ý kiến thẩm tra",
            "",
            _at(opening - dt.timedelta(days=2)),
            None,
        ),
    ]
    for i, resolution in enumerate(resolutions, start=5):
        plan.append(
            (
                i,
                DocumentKind.DRAFT_RESOLUTION,
                f"Dự thảo: {resolution.title}",
                "",
                _at(drafts_sent),
                None,
            )
        )
    after = _at(session.end_date + dt.timedelta(days=3))
    plan.append((50, DocumentKind.MINUTES, f"Biên bản {session.title}", "", after, None))
    for i, resolution in enumerate(resolutions[:SIGNED_PER_SESSION], start=51):
        plan.append(
            (i, DocumentKind.RESOLUTION, resolution.title, resolution.code, after, resolution)
        )
    return plan


def _ward_plan(session: Session, last: bool) -> list[tuple]:
    """A ward session's documents: the invitation, a draft per resolution, the minutes;
    the year-end session's first resolution signed. The thematic ward's thematic session
    sent its invitation on the opening day, so it is not paperless by its documents."""
    opening = session.start_date
    late = session.council.slug == THEMATIC_WARD and session.kind == "thematic"
    invited = opening if late else opening - dt.timedelta(days=7)
    resolutions = list(session.resolutions.order_by("number"))
    plan = [(1, DocumentKind.INVITATION, f"Giấy mời và chương trình {session.title}", "",
             _at(invited), None)]  # fmt: skip
    for i, resolution in enumerate(resolutions, start=2):
        title = f"Dự thảo: {resolution.title}"
        plan.append(
            (i, DocumentKind.DRAFT_RESOLUTION, title, "", _at(opening - dt.timedelta(days=3)), None)
        )
    after = _at(session.end_date + dt.timedelta(days=3))
    plan.append((50, DocumentKind.MINUTES, f"Biên bản {session.title}", "", after, None))
    if last and resolutions:
        first = resolutions[0]
        plan.append((51, DocumentKind.RESOLUTION, first.title, first.code, after, first))
    return plan


def session_documents(district) -> int:
    """Give the 2023 sessions of the district and its wards their documents; return how
    many were made."""
    signing, made = _Signing(), 0
    sessions = Session.objects.filter(
        Q(council=district) | Q(council__parent=district), start_date__year=2023
    ).order_by("council__slug", "number")
    last = {}
    for session in sessions:
        last[session.council_id] = session.pk
    for session in sessions:
        existing = set(session.documents.values_list("kind", "title"))
        if session.council_id == district.pk:
            plan = _plan(session)
        else:
            plan = _ward_plan(session, last[session.council_id] == session.pk)
        for order, kind, title, number, sent_at, resolution in plan:
            if (kind, title) in existing:
                continue
            data = text_pdf(session.council.name, title, number)
            if resolution is not None:
                data = signing.sign(data)
            document = SessionDocument(
                session=session,
                kind=kind,
                title=title,
                number=number,
                issued_on=resolution.adopted_on if resolution else None,
                resolution=resolution,
                order=order,
                sent_at=sent_at,
                file=ContentFile(data, name=f"{kind}-{order:02d}.pdf"),
            )
            document.full_clean()
            document.save()
            made += 1
    return made
