"""Session documents in the year exchange: their rows and their files in a folder beside
the export (--files), round trip into a fresh state with every field and every byte; an
unchanged import changes nothing; a path leaving the folder, a file that is not what it
says and a new document without its file are refused, in Vietnamese, naming the column."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from devdata.demo.data import EVIDENCE_PDF
from exchange.jsonfile import read_json
from exchange.load import load
from sessions.documents import document_storage
from sessions.models import DocumentKind, Session, SessionDocument, SignatureStatus
from sessions.selectors import digital_counts
from tests.test_exchange import wipe_records

pytestmark = pytest.mark.django_db

WARD, YEAR = "anh-dung", 2023
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOADED = timezone.make_aware(dt.datetime(2023, 1, 5, 9, 30, 15, 123456))
SIGNED_REPORT = {"verdict": "valid", "intact": True, "valid": True, "signer": "Nguyễn Văn Ký"}


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Số liệu"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


SHEET_BYTES = _xlsx()
# session (0: the ward's first session of the year, 1: its second), order, kind, title,
# number, sent (days before the opening; None: never sent), file name, bytes, signature
DOCUMENTS = [
    (0, 1, DocumentKind.INVITATION, "Giấy mời kỳ họp", "", 5, "giay-moi.pdf", EVIDENCE_PDF,
     SignatureStatus.UNSIGNED),
    (0, 2, DocumentKind.DRAFT_RESOLUTION, "Dự thảo nghị quyết", "", 3, "du-thao.pdf",
     EVIDENCE_PDF + b"\n% du thao\n", SignatureStatus.UNSIGNED),
    (0, 3, DocumentKind.REPORT, "Số liệu kèm báo cáo", "", None, "so-lieu.xlsx", SHEET_BYTES,
     SignatureStatus.NOT_CHECKED),
    (0, 51, DocumentKind.RESOLUTION, "Nghị quyết đã ký", "01/NQ-HĐND", 0, "nghi-quyet.pdf",
     EVIDENCE_PDF + b"\n% ky so\n", SignatureStatus.VALID),
    (1, 1, DocumentKind.INVITATION, "Giấy mời kỳ họp", "", 0, "giay-moi.pdf",
     EVIDENCE_PDF + b"\n% moi muon\n", SignatureStatus.UNSIGNED),
]  # fmt: skip
CONTENT_TYPES = {".pdf": PDF, ".xlsx": XLSX}


def sessions() -> list[Session]:
    return list(Session.objects.filter(council__slug=WARD, start_date__year=YEAR).order_by(
        "start_date", "number"))[:2]  # fmt: skip


def opening(session) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(session.start_date, dt.time(8)))


def report_of(status: str) -> dict:
    return (
        SIGNED_REPORT if status == SignatureStatus.VALID else {"verdict": status} if status else {}
    )


def build() -> list[Session]:
    """The ward's year with the test's documents only (the demo's are set aside)."""
    SessionDocument.objects.filter(session__council__slug=WARD).delete()
    chosen = sessions()
    for index, order, kind, title, number, days, name, data, status in DOCUMENTS:
        session = chosen[index]
        resolution = session.resolutions.order_by("number").first() if number else None
        document = SessionDocument(
            session=session, kind=kind, title=title, number=number, order=order,
            issued_on=resolution.adopted_on if resolution else None, resolution=resolution,
            sent_at=None if days is None else opening(session) - dt.timedelta(days=days),
            file=SimpleUploadedFile(name, data),
        )  # fmt: skip
        document.full_clean()
        document.save()
        # The verdict as the test states it (a real signature needs a certificate).
        SessionDocument.objects.filter(pk=document.pk).update(
            uploaded_at=UPLOADED, signature_status=status, signature_report=report_of(status)
        )
    return chosen


def expected(chosen: list[Session]) -> dict[tuple, tuple]:
    """Per (session number, order, kind, title): every field, from the list above alone."""
    out = {}
    for index, order, kind, title, number, days, name, data, status in DOCUMENTS:
        session = chosen[index]
        sent = None if days is None else opening(session) - dt.timedelta(days=days)
        resolution = session.resolutions.order_by("number").first() if number else None
        out[(session.number, order, kind, title)] = (
            number, resolution.adopted_on if resolution else None,
            resolution.number if resolution else None, sent, name,
            CONTENT_TYPES[Path(name).suffix], len(data), UPLOADED, status, report_of(status), data,
        )  # fmt: skip
    return out


def stored() -> dict[tuple, tuple]:
    out = {}
    documents = SessionDocument.objects.filter(session__council__slug=WARD)
    for d in documents.select_related("session", "resolution"):
        with document_storage().open(d.file.name, "rb") as file:
            data = file.read()
        out[(d.session.number, d.order, d.kind, d.title)] = (
            d.number, d.issued_on, d.resolution.number if d.resolution else None, d.sent_at,
            d.original_name, d.content_type, d.size, d.uploaded_at, d.signature_status,
            d.signature_report, data,
        )  # fmt: skip
    return out


def digital(chosen: list[Session]) -> dict:
    """The ward's digital figures, counted from the list above."""
    kinds = (DocumentKind.INVITATION, DocumentKind.DRAFT_RESOLUTION)

    def paperless(index):
        mine = [d for d in DOCUMENTS if d[0] == index and d[2] in kinds]
        early = [d for d in mine if d[5] is not None and d[5] > 0]
        return {d[2] for d in early} == set(kinds) and len(early) == len(mine)

    return {
        "paperless_sessions": sum(paperless(i) for i in range(len(chosen))),
        "documents_sent": sum(d[5] is not None for d in DOCUMENTS),
        "resolutions_signed": sum(d[8] == SignatureStatus.VALID for d in DOCUMENTS),
    }


def counted(chosen) -> dict:
    ward = chosen[0].council
    counts = digital_counts(council=ward, year=YEAR)
    return {name: getattr(counts, name).own["total"] for name in digital(chosen)}


def export(path: Path, folder: Path | None = None) -> Path:
    files = ["--files", str(folder)] if folder else []
    call_command("export_year", str(YEAR), "--council", WARD, *files, output=str(path),
                 stdout=io.StringIO())  # fmt: skip
    return path


def counts_of(path: Path, folder: Path | None = None) -> tuple[int, int, int]:
    """(created, updated, unchanged) of the documents' sheet, importing ``path``."""
    meta, sheets = read_json(path.read_bytes())
    report = load(meta, sheets, files=folder)
    c = report.counts["session_documents"]
    return c.created, c.updated, c.unchanged


def import_file(path: Path, folder: Path | None = None) -> None:
    files = ["--files", str(folder)] if folder else []
    call_command("import_year", str(path), *files, stdout=io.StringIO(), stderr=io.StringIO())


def edited(path: Path, title: str, **values) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["sheets"]["session_documents"]
    row = next(r for r in rows if r["title"] == title)
    row.update(values)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def chosen():
    return build()


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_round_trip_into_a_fresh_state_keeps_every_field_and_every_byte(tmp_path, chosen, suffix):
    want, figures = expected(chosen), digital(chosen)
    assert stored() == want and counted(chosen) == figures  # the test's own year
    rows = json.loads(export(tmp_path / "year.json").read_text("utf-8"))["sheets"]
    folder = tmp_path / "files"
    path = export(tmp_path / f"year.{suffix}", folder)
    written = {r["file"]: (folder / r["file"]).read_bytes() for r in rows["session_documents"]}
    assert sorted(written.values()) == sorted(d[7] for d in DOCUMENTS)
    assert all(not Path(name).is_absolute() and ".." not in name for name in written)

    wipe_records()
    assert not SessionDocument.objects.exists()
    import_file(path, folder)

    chosen = sessions()
    assert stored() == want
    assert counted(chosen) == figures
    again = json.loads(export(tmp_path / "again.json").read_text("utf-8"))["sheets"]
    assert again["session_documents"] == rows["session_documents"]
    assert counts_of(tmp_path / "again.json", folder) == (0, 0, len(DOCUMENTS))


def test_the_json_row_has_an_iso_time_with_its_offset_and_the_report_as_an_object(tmp_path, chosen):
    rows = json.loads(export(tmp_path / "year.json").read_text("utf-8"))["sheets"]
    row = next(r for r in rows["session_documents"] if r["kind"] == "resolution")
    sent = opening(chosen[0])
    assert dt.datetime.fromisoformat(row["sent_at"]) == sent
    assert row["sent_at"].endswith("+07:00")
    assert row["signature_status"] == "valid" and row["signature_report"] == SIGNED_REPORT
    assert (row["resolution_number"], row["number"]) == (1, "01/NQ-HĐND")


def test_an_unchanged_import_with_or_without_the_files_changes_nothing(tmp_path, chosen):
    folder = tmp_path / "files"
    path = export(tmp_path / "year.json", folder)
    before = stored()
    assert counts_of(path, folder) == (0, 0, len(DOCUMENTS))
    assert counts_of(path) == (0, 0, len(DOCUMENTS))
    assert stored() == before


def test_without_the_files_a_stored_document_gets_its_other_columns_updated(tmp_path, chosen):
    path = edited(export(tmp_path / "year.json"), "Số liệu kèm báo cáo", number="07/BC",
                  sent_at="2023-01-02T10:00:00+07:00")  # fmt: skip
    before = stored()
    assert counts_of(path) == (0, 1, len(DOCUMENTS) - 1)
    key = next(k for k in before if k[3] == "Số liệu kèm báo cáo")
    sent = timezone.make_aware(dt.datetime(2023, 1, 2, 10))
    assert stored()[key] == ("07/BC", *before[key][1:3], sent, *before[key][4:])


def refused(path: Path, folder: Path | None = None) -> str:
    count = SessionDocument.objects.count()
    with pytest.raises(CommandError) as error:
        import_file(path, folder)
    assert SessionDocument.objects.count() == count  # nothing was written
    return str(error.value)


def test_a_path_that_leaves_the_folder_is_refused(tmp_path, chosen):
    folder = tmp_path / "files"
    path = export(tmp_path / "year.json", folder)
    (tmp_path / "outside.pdf").write_bytes(EVIDENCE_PDF)
    message = refused(edited(path, "Giấy mời kỳ họp", file="../outside.pdf"), folder)
    assert "Trang “session_documents”, dòng 1, cột “" in message and "(file): " in message
    assert "“../outside.pdf” ra ngoài thư mục tệp" in message


def test_a_new_document_without_the_files_is_refused_naming_the_file_column(tmp_path, chosen):
    path = export(tmp_path / "year.json")
    rows = json.loads(path.read_text("utf-8"))["sheets"]["session_documents"]
    number = next(i for i, r in enumerate(rows, 1) if r["title"] == "Nghị quyết đã ký")
    SessionDocument.objects.filter(title="Nghị quyết đã ký").delete()
    message = refused(path)
    assert f"Trang “session_documents”, dòng {number}, cột “" in message
    assert "” (file): " in message
    assert "Tài liệu chưa có ở đây và tệp của nó không được cung cấp" in message
    assert "--files" in message


def test_a_file_read_is_checked_as_an_upload(tmp_path, chosen):
    folder = tmp_path / "files"
    path = export(tmp_path / "year.json", folder)
    rows = json.loads(path.read_text("utf-8"))["sheets"]["session_documents"]
    row = next(r for r in rows if r["title"] == "Nghị quyết đã ký")
    (folder / row["file"]).write_bytes(b"not a pdf at all")
    message = refused(path, folder)
    assert "” (file): " in message and ".pdf" in message


def test_a_pdf_without_a_verdict_is_verified_again_and_a_verdict_given_is_kept(tmp_path, chosen):
    folder = tmp_path / "files"
    path = export(tmp_path / "year.json", folder)
    edited(path, "Dự thảo nghị quyết", signature_status="", signature_report=None)
    ward = SessionDocument.objects.filter(session__council__slug=WARD)
    stored_names = set(ward.values_list("file", flat=True))
    SessionDocument.objects.filter(session__council__slug=WARD).delete()
    assert counts_of(path, folder) == (len(DOCUMENTS), 0, 0)
    draft = SessionDocument.objects.get(session__council__slug=WARD, order=2)
    assert draft.signature_status == SignatureStatus.UNSIGNED  # verified again on import
    assert draft.signature_report["verdict"] == "unsigned" and draft.signature_report.get(
        "verified_at"
    )
    signed = SessionDocument.objects.get(session__council__slug=WARD, title="Nghị quyết đã ký")
    assert (signed.signature_status, signed.signature_report) == ("valid", SIGNED_REPORT)
    assert not stored_names & set(ward.values_list("file", flat=True))  # stored anew


def test_a_refused_or_dry_run_import_leaves_no_file_in_storage(tmp_path, chosen):
    folder = tmp_path / "files"
    path = export(tmp_path / "year.json", folder)
    SessionDocument.objects.filter(session__council__slug=WARD).delete()
    listed = set(_all_stored())
    meta, sheets = read_json(path.read_bytes())
    load(meta, sheets, files=folder, dry_run=True)
    assert set(_all_stored()) == listed
    assert not SessionDocument.objects.filter(session__council__slug=WARD).exists()
    data = json.loads(path.read_text("utf-8"))
    rows = data["sheets"]["session_documents"]
    rows[-1]["file"] = "missing.pdf"  # the last row: the others are stored before it fails
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused(path, folder)
    assert set(_all_stored()) == listed


def _all_stored() -> list[str]:
    storage, out, folders = document_storage(), [], ["documents"]
    while folders:
        folder = folders.pop()
        if not storage.exists(folder):
            continue
        dirs, files = storage.listdir(folder)
        folders.extend(f"{folder}/{d}" for d in dirs)
        out.extend(f"{folder}/{f}" for f in files)
    return out
