"""The drafted report (.docx) and the figures workbook (.xlsx) hold the records' figures."""

import io

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils.html import escape

from councilwork.models import Council
from reports.figure_table import all_specs
from reports.figures import year_figures
from reports.selectors import year_summary
from tests.test_figures_oracle import dig
from tests.test_report_xlsx import table_rows
from tests.test_summary_page import flatten
from tests.test_year_summary import SEED_FIGURES_2023, WORK, summary_json

pytestmark = pytest.mark.django_db


def test_the_drafted_report_tells_the_seed_figures(leader_client):
    response = leader_client.get(reverse("summary:docx", args=[2023]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="bao-cao-tong-ket-duong-kinh-2023.docx"' in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _all_text(document)
    assert "BÁO CÁO" in text
    assert (
        "HĐND quận Dương Kinh tổ chức 04 kỳ họp (02 kỳ họp chuyên đề, 02 kỳ họp thường lệ), "
        "ban hành 38 Nghị quyết" in text
    )
    assert "tổ chức 22 cuộc giám sát, khảo sát" in text
    assert "Giấy khen cho 10 tập thể và 12 cá nhân" in text
    assert "ký giao ước thi đua năm 2024" in text
    # The same narrative as the page, word for word.
    html = leader_client.get(reverse("summary:page", args=[2023])).content.decode()
    summary = year_summary(council=Council.objects.get(slug="duong-kinh"), year=2023)
    for paragraph in summary.narrative:
        assert paragraph in text
        assert escape(paragraph) in html
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_the_workbook_holds_the_figures_as_numbers(leader_client, district):
    response = leader_client.get(reverse("summary:xlsx", args=[2023]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Tổng hợp"
    rows = table_rows(workbook["Tổng hợp"])
    assert rows[0][:3] == ("Nhóm", "Chỉ tiêu", "Năm 2023")
    values = [row[2] for row in rows[1:]]
    assert all(isinstance(v, int) for v in values)
    # And the deputies' work figures the summary shows, as year_summary counts them.
    figures = summary_json("2023")
    shown = [spec.key for spec in all_specs(year_figures(council=district, year=2023))]
    work = [dig(figures, key) for key in shown if set(key.split(".")) & set(WORK)]
    assert len(work) == 2 * 23  # 23 figures, own and the wards
    assert sorted(values) == sorted([*flatten(SEED_FIGURES_2023).values(), *work])
    assert len(table_rows(workbook["Cấp xã"])) == 1 + 6
    assert len(table_rows(workbook["Khen thưởng"])) == 1 + 22


def _all_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
