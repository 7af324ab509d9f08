"""report.docx as a báo cáo tổng kết: numbered parts, signer from the records, Nơi nhận by
level, page numbers, tables that keep their rows, properties, always Vietnamese."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.table import Table

from campaigns.models import Campaign, Commitment, Pledge
from councilwork.docx_layout import text_width, unbroken_lines
from councilwork.models import Body, Council, Deputy, Membership, Person, Term
from reports.docx_signing import recipients, report_day

pytestmark = pytest.mark.django_db

D = dt.date
NBSP = "\xa0"
CHAIR, VICE_CHAIR, OLD_CHAIR = "Lường Thị Hạnh", "Hoàng Văn Minh", "Đinh Công Tráng"


@pytest.fixture
def tree():
    """A province over a district over a commune, each with a term and a standing committee."""
    province = _council("HĐND tỉnh Lạng Sơn", "Lạng Sơn", "t-lang-son", "province", None)
    district = _council("HĐND huyện Cao Lộc", "Cao Lộc", "t-cao-loc", "district", province)
    commune = _council(
        "Hội đồng nhân dân phường Hoàng Văn Thụ", "Hoàng Văn Thụ", "t-hvt", "commune", district
    )
    return {"province": province, "district": district, "commune": commune}


def _council(name, short_name, slug, level, parent) -> Council:
    council = Council.objects.create(
        name=name, short_name=short_name, slug=slug, level=level, parent=parent
    )
    term = Term.objects.create(
        council=council, name="2021–2026", start_date=D(2021, 6, 1), end_date=D(2026, 6, 30)
    )
    Body.objects.create(council=council, kind="standing_committee", name=f"Thường trực {name}")
    council.term = term
    return council


def _seat(council, full_name, role, start=None, end=None) -> None:
    person = Person.objects.create(full_name=full_name)
    deputy = Deputy.objects.create(person=person, term=council.terms.get())
    body = council.bodies.get(kind="standing_committee")
    start = start or D(2021, 6, 1)
    Membership.objects.create(deputy=deputy, body=body, role=role, start_date=start, end_date=end)


def _download(client, council_slug, year=2023):
    response = client.get(reverse("summary:docx", args=[year]), {"council": council_slug})
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def _texts(document) -> list[str]:
    """Every paragraph's text, table cells included, in document order."""
    texts = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            texts += [p.text for row in block.rows for cell in row.cells for p in cell.paragraphs]
        else:
            texts.append(block.text)
    return texts


def _signature(document) -> tuple[list[str], list[str]]:
    """The signature block's two columns: Nơi nhận, and the signer's title and name."""
    left, right = document.tables[-1].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


# --- Parts I, II and III ------------------------------------------------------------------


def test_parts_are_numbered_in_order_with_their_headings(leader_client):
    texts = _texts(_download(leader_client, "duong-kinh"))
    parts = [t for t in texts if t.split(". ")[0] in ("I", "II", "III")]
    assert parts == [
        "I. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA NĂM 2023",
        "II. ĐÁNH GIÁ CHUNG",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
    ]
    first, second, third = (texts.index(p) for p in parts)
    assert texts.index("1. Hoạt động của HĐND và các cơ quan của HĐND") == first + 1
    assert any("HĐND quận Dương Kinh tổ chức 04 kỳ họp" in t for t in texts[first:second])
    assert texts[second + 1 : third][0::2] == ["1. Ưu điểm", "2. Hạn chế, tồn tại và nguyên nhân"]


def test_assessment_paragraphs_are_marked_for_the_secretariat(leader_client):
    document = _download(leader_client, "duong-kinh")
    paragraphs = list(document.paragraphs)
    texts = [p.text for p in paragraphs]
    between = paragraphs[
        texts.index("II. ĐÁNH GIÁ CHUNG") : texts.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024")
    ]
    marked = [p for p in between if p.text.startswith("[Văn phòng bổ sung:")]
    assert [p.text for p in marked] == [
        "[Văn phòng bổ sung: những ưu điểm nổi bật của phong trào thi đua năm 2023.]",
        "[Văn phòng bổ sung: những hạn chế, tồn tại của phong trào thi đua năm 2023 và "
        "nguyên nhân.]",
    ]
    for paragraph in marked:
        assert all(run.italic for run in paragraph.runs)
        assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for run in paragraph.runs)
    # Nothing else in the document is marked so.
    assert sum(t.startswith("[Văn phòng bổ sung:") for t in texts) == 3  # + one in part III


def test_direction_is_drawn_from_the_pledges_for_the_next_year(tree, secretariat_client):
    commune = tree["commune"]
    campaign = Campaign.objects.create(council=commune, year=2024, theme="Đổi mới")
    promises = {
        ("committee", "Ban Kinh tế"): ("Tổ chức 02 cuộc giám sát chuyên đề", "Tiếp công dân"),
        ("deputy_group", "Tổ đại biểu số 1"): ("Tiếp xúc cử tri",),
        ("deputy_group", "Tổ đại biểu số 2"): ("Tiếp xúc cử tri",),
    }
    for (kind, name), texts in promises.items():
        body = Body.objects.create(council=commune, kind=kind, name=name)
        pledge = Pledge.objects.create(campaign=campaign, body=body, signed_on=D(2024, 3, 13))
        for position, text in enumerate(texts):
            Commitment.objects.create(pledge=pledge, text=text, position=position)
    document = _download(secretariat_client, commune.slug)
    texts = _texts(document)
    start = texts.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024")
    part = texts[start:]
    assert part[1] == (
        "Năm 2024, 03 cơ quan, đơn vị đã ký giao ước thi đua với những nội dung cam kết sau:"
    )
    # The same promises read once, with every body that made them.
    assert part[2:7] == [
        "- Ban Kinh tế:",
        "+ Tổ chức 02 cuộc giám sát chuyên đề",
        "+ Tiếp công dân",
        "- Tổ đại biểu số 1, Tổ đại biểu số 2:",
        "+ Tiếp xúc cử tri",
    ]
    pledges = [[c.text for c in row.cells] for row in document.tables[-2].rows]
    assert pledges[1] == ["1", "Ban Kinh tế", "Hoàng Văn Thụ", "13/03/2024", "2"]
    assert len(pledges) == 1 + 3
    assert texts.index("Danh sách giao ước thi đua năm 2024") > start


def test_direction_without_pledges_is_left_to_the_secretariat(tree, secretariat_client):
    texts = _texts(_download(secretariat_client, tree["commune"].slug))
    part = texts[texts.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024") :]
    assert part[1].startswith("[Văn phòng bổ sung: phương hướng, nhiệm vụ năm 2024")
    assert not any(t.startswith("Danh sách giao ước") for t in part)


# --- The signer ---------------------------------------------------------------------------


def test_the_demo_chair_signs_the_demo_report(leader_client):
    _left, right = _signature(_download(leader_client, "duong-kinh"))
    assert right[:2] == ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"]
    assert right[-1] == "Vũ Bình Dương"
    assert right[2:-1] == [""] * (len(right) - 3) and len(right) - 3 >= 4  # room to sign


def test_the_chair_in_office_signs(tree, secretariat_client):
    commune = tree["commune"]
    _seat(commune, OLD_CHAIR, "chair", end=D(2022, 12, 31))
    _seat(commune, CHAIR, "chair", start=D(2023, 1, 1))
    _seat(commune, VICE_CHAIR, "vice_chair")
    _left, right = _signature(_download(secretariat_client, commune.slug))
    assert right[:2] == ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"]
    assert right[-1] == CHAIR
    assert OLD_CHAIR not in right and VICE_CHAIR not in right


def test_a_vice_chair_signs_for_the_chair_when_none_is_in_office(tree, secretariat_client):
    commune = tree["commune"]
    _seat(commune, OLD_CHAIR, "chair", end=D(2024, 6, 30))  # left before the report's day
    _seat(commune, VICE_CHAIR, "vice_chair")
    _left, right = _signature(_download(secretariat_client, commune.slug))
    assert right[:3] == ["TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert right[-1] == VICE_CHAIR and OLD_CHAIR not in right


def test_no_chair_recorded_leaves_a_dotted_line(tree, secretariat_client):
    _left, right = _signature(_download(secretariat_client, tree["district"].slug))
    assert right[:2] == ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"]
    assert set(right[-1]) == {"…"}
    assert not any(name in t for t in right for name in (CHAIR, VICE_CHAIR, "Vũ Bình Dương"))


# --- Nơi nhận -----------------------------------------------------------------------------


def test_a_commune_writes_to_its_district_and_its_own_party_committee(tree, secretariat_client):
    left, _right = _signature(_download(secretariat_client, tree["commune"].slug))
    assert left == [
        "Nơi nhận:",
        "- Thường trực HĐND huyện Cao Lộc;",
        "- Thường trực Đảng ủy phường Hoàng Văn Thụ;",
        "- UBND phường Hoàng Văn Thụ;",
        "- Các vị đại biểu HĐND phường Hoàng Văn Thụ;",
        "- Lưu: VT.",
    ]


def test_a_demo_ward_writes_to_no_quan_uy(leader_client):
    left, _right = _signature(_download(leader_client, "anh-dung"))
    assert "- Thường trực HĐND quận Dương Kinh;" in left
    assert "- Thường trực Đảng ủy phường Anh Dũng;" in left
    assert not any("Quận ủy" in line or "Quốc hội" in line for line in left)


def test_a_district_writes_to_its_province(tree, secretariat_client):
    left, _right = _signature(_download(secretariat_client, tree["district"].slug))
    assert left[1:4] == [
        "- Thường trực HĐND tỉnh Lạng Sơn;",
        "- Thường trực Huyện ủy Cao Lộc;",
        "- UBND huyện Cao Lộc;",
    ]
    assert not any("Đảng ủy" in line or "Quốc hội" in line for line in left)


def test_a_province_writes_to_the_national_assembly_standing_committee(tree, secretariat_client):
    left, _right = _signature(_download(secretariat_client, tree["province"].slug))
    assert left[1:5] == [
        "- Ủy ban Thường vụ Quốc hội;",
        "- Ban Công tác đại biểu (UBTVQH);",
        "- Thường trực Tỉnh ủy Lạng Sơn;",
        "- UBND tỉnh Lạng Sơn;",
    ]
    assert not any(line.startswith("- Thường trực HĐND") for line in left)


@pytest.mark.parametrize(
    ("level", "name", "party"),
    [
        ("district", "HĐND quận Dương Kinh", "Quận ủy Dương Kinh"),
        ("district", "HĐND thị xã Sơn Tây", "Thị ủy Sơn Tây"),
        ("province", "HĐND thành phố Hải Phòng", "Thành ủy Hải Phòng"),
        ("commune", "HĐND xã Tân Tiến", "Đảng ủy xã Tân Tiến"),
    ],
)
def test_the_party_committee_follows_the_unit_of_the_name(level, name, party):
    assert f"- Thường trực {party};" in recipients(level=level, name=name, parent_name=None)


# --- Layout -------------------------------------------------------------------------------


def test_page_numbers_are_centred_at_the_top_from_page_two(leader_client):
    section = _download(leader_client, "duong-kinh").sections[0]
    assert section.different_first_page_header_footer
    instructions = [i.text for i in section.header._element.iter(qn("w:instrText"))]
    assert [i.strip() for i in instructions] == ["PAGE"]
    assert section.header.paragraphs[0].alignment == 1  # centred
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))
    assert not section.first_page_header.is_linked_to_previous


def test_every_table_keeps_its_rows_and_repeats_its_header(leader_client):
    document = _download(leader_client, "duong-kinh")
    grids = [t for t in document.tables if t.style.name == "Table Grid"]
    assert len(grids) >= 3  # ranking, awards, pledges
    for table in document.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    for table in grids:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])


def test_a_long_council_name_breaks_only_before_the_place(tree, secretariat_client):
    document = _download(secretariat_client, tree["commune"].slug)
    left = document.tables[0].rows[0].cells[0]
    lines = list(left.paragraphs)[:2]
    assert [p.text for p in lines] == [
        "HỘI ĐỒNG NHÂN DÂN".replace(" ", NBSP),
        "PHƯỜNG HOÀNG VĂN THỤ".replace(" ", NBSP),
    ]
    assert left.paragraphs[2].text == "THƯỜNG TRỰC"
    for paragraph in lines:
        assert paragraph._p.find(f".//{qn('w:br')}") is None
        assert " " not in paragraph.text  # every space is non-breaking


def test_a_short_council_name_stays_on_one_line(leader_client):
    left = _download(leader_client, "duong-kinh").tables[0].rows[0].cells[0]
    assert left.paragraphs[0].text == "HĐND QUẬN DƯƠNG KINH".replace(" ", NBSP)
    assert left.width.cm >= 7  # room for it at 13 pt


def test_core_properties_name_the_council_and_now(leader_client):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties = _download(leader_client, "duong-kinh").core_properties
    after = dt.datetime.now(dt.UTC)
    assert properties.title == "Báo cáo tổng kết phong trào thi đua năm 2023"
    assert properties.author == "HĐND quận Dương Kinh"
    created = properties.created
    created = created.replace(tzinfo=dt.UTC) if created.tzinfo is None else created
    assert before <= created <= after
    assert properties.modified == properties.created


def test_the_report_is_vietnamese_for_an_english_reader(leader_client):
    leader_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = leader_client.get(reverse("summary:page", args=[2023])).content.decode()
    assert '<html lang="en"' in page  # the cookie does switch the UI
    texts = _texts(_download(leader_client, "duong-kinh"))
    assert "II. ĐÁNH GIÁ CHUNG" in texts
    assert any("HĐND quận Dương Kinh tổ chức 04 kỳ họp" in t for t in texts)
    assert any("Hoàn thành" in t for t in texts)  # classification labels too
    assert not any("Excellent" in t or "sessions" in t for t in texts)


def test_the_report_day_falls_in_the_next_year_and_before_a_dissolution(tree):
    district = tree["district"]
    assert report_day(district, 2023, today=D(2026, 12, 2)) == D(2024, 12, 31)
    assert report_day(district, 2025, today=D(2026, 3, 9)) == D(2026, 3, 9)
    district.dissolved_on = D(2025, 6, 30)
    assert report_day(district, 2024, today=D(2026, 12, 2)) == D(2025, 6, 30)


def test_a_name_without_a_head_wraps_between_whole_words():
    lines = unbroken_lines("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", width=6, size=13)
    assert len(lines) == 2 and all(text_width(line, 13) <= 6 for line in lines)
    assert " ".join(lines).replace(NBSP, " ") == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"


# --- Number and day from the register -----------------------------------------------------


def _header(document) -> tuple[list[str], list[str]]:
    """The header table's two columns: the council and its number, the motto and the day."""
    left, right = document.tables[0].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


def test_an_unnumbered_report_leaves_its_number_and_day_blank(tree, secretariat_client):
    left, right = _header(_download(secretariat_client, tree["commune"].slug))
    blank = " " * 6
    assert f"Số:{blank}/BC-HĐND" in left
    assert f"Hoàng Văn Thụ, ngày{blank}tháng{blank}năm 2024" in right


def test_a_numbered_report_shows_its_number_and_the_day_it_was_issued(tree, secretariat_client):
    from django.utils import timezone

    from councilwork.models import RegisterKind
    from councilwork.numbering import cancel_number, issue_number

    commune = tree["commune"]
    title = "Báo cáo tổng kết phong trào thi đua năm 2023"
    # Other documents of the register come first; a first numbering of the report is
    # cancelled, and the report is numbered again on 5 January 2024.
    others = ["Thông báo kết luận phiên họp", "Báo cáo tổng kết phong trào thi đua năm 2022"]
    for subject in others:
        issue_number(
            commune, 2024, RegisterKind.STANDING_COMMITTEE, symbol="BC-HĐND", subject=subject
        )
    wrong = issue_number(
        commune, 2024, RegisterKind.STANDING_COMMITTEE, symbol="BC-HĐND", subject=title
    )
    cancel_number(issued=wrong, reason="Ghi sai trích yếu")
    issued = issue_number(
        commune, 2024, RegisterKind.STANDING_COMMITTEE, symbol="BC-HĐND", subject=title
    )
    issued.issued_at = timezone.make_aware(dt.datetime(2024, 1, 5, 9, 30))
    issued.save(update_fields=["issued_at"])
    expected_number = len(others) + 2  # after the others and the cancelled one

    left, right = _header(_download(secretariat_client, commune.slug))
    assert f"Số: {expected_number:02d}/BC-HĐND" in left
    assert "Hoàng Văn Thụ, ngày 05 tháng 01 năm 2024" in right
    assert not any("Số:" + " " * 6 in text for text in left)
    # The report on 2022 has its own number; the one on 2021 has none yet.
    left, _right = _header(_download(secretariat_client, commune.slug, year=2022))
    assert "Số: 02/BC-HĐND" in left  # the second of the others
    left, right = _header(_download(secretariat_client, commune.slug, year=2021))
    assert f"Số:{' ' * 6}/BC-HĐND" in left
    assert "Hoàng Văn Thụ, ngày" + " " * 6 + "tháng" + " " * 6 + "năm 2022" in right


def test_the_written_day_pads_days_below_10_and_the_first_two_months():
    from reports.docx import written_date

    cases = {
        D(2024, 1, 5): "ngày 05 tháng 01 năm 2024",
        D(2024, 2, 28): "ngày 28 tháng 02 năm 2024",
        D(2024, 3, 9): "ngày 09 tháng 3 năm 2024",
        D(2024, 12, 31): "ngày 31 tháng 12 năm 2024",
    }
    assert {day: written_date(day) for day in cases} == cases
