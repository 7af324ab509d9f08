"""The summary's inline SVG charts: well-formed, accessible, proportional, escaped, robust."""

import xml.etree.ElementTree as ET

import pytest
from django.utils.safestring import SafeString
from django.utils.translation import override

from reports.charts import comparison_chart, grouped_bar_chart

NS = "{http://www.w3.org/2000/svg}"
WARDS = ["Anh Dũng", "Đa Phúc", "Hải Thành"]
SERIES = [("Kỳ họp", [2, 4, 3]), ("Nghị quyết", [8, 4, 0]), ("Giám sát", [1, 2, 6])]


@pytest.fixture(autouse=True)
def vietnamese():
    with override("vi"):
        yield


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{NS}rect") if "bar" in r.get("class", "").split()]


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


def ward_chart(**kwargs) -> str:
    return grouped_bar_chart(title="Số liệu theo phường", categories=WARDS, series=SERIES, **kwargs)


def test_is_safe_well_formed_and_accessible():
    markup = ward_chart()
    assert isinstance(markup, SafeString)
    root = parse(markup)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "640"  # its natural size; svg.chart shrinks it to the page
    assert root.get("style") is None  # the Content-Security-Policy allows no inline style
    assert root.get("viewBox").startswith("0 0 640 ")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title.text == "Số liệu theo phường"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text.startswith("Anh Dũng: Kỳ họp 2, Nghị quyết 8, Giám sát 1; Đa Phúc:")


def test_one_bar_per_category_and_series():
    assert len(bars(parse(ward_chart()))) == len(WARDS) * len(SERIES)


def test_bar_widths_are_proportional_to_values():
    root = parse(ward_chart())
    # Bars are drawn group by group: ward 0's three series, then ward 1's, ...
    widths = [float(b.get("width")) for b in bars(root)]
    eight, four = widths[1], widths[3]  # Anh Dũng's resolutions (8), Đa Phúc's sessions (4)
    assert eight == pytest.approx(2 * four, abs=0.2)
    assert widths[7] == 0  # Hải Thành's resolutions
    assert max(widths) == eight  # 8 is the peak and the axis top


def test_value_labels_and_legend_are_present():
    labels = texts(parse(ward_chart()))
    for value in ("2", "4", "3", "8", "0", "1", "6"):
        assert value in labels
    for name, _ in SERIES:
        assert name in labels


def test_names_from_the_database_are_escaped():
    markup = grouped_bar_chart(
        title='<script>alert("t")</script>',
        categories=["<script>alert(1)</script>", "A & B"],
        series=[("<b>x</b>", [1, 2])],
    )
    assert "<script" not in markup
    assert "<b>" not in markup
    root = parse(markup)
    assert root.find(f"{NS}title").text == '<script>alert("t")</script>'
    groups = [g.find(f"{NS}title").text for g in root.iter(f"{NS}g") if g.get("class") == "group"]
    assert groups[1].startswith("A & B:")


def test_long_names_are_truncated_with_full_name_in_tooltip():
    long = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hưng Đạo và các khu dân cư " * 2
    root = parse(grouped_bar_chart(title="Dài", categories=[long], series=[("Kỳ họp", [3])]))
    label = next(t for t in root.iter(f"{NS}text") if t.get("class") == "category")
    assert label.text.endswith("…")
    assert len(label.text) < len(long)
    group = next(g for g in root.iter(f"{NS}g") if g.get("class") == "group")
    assert group.find(f"{NS}title").text.startswith(long)


def test_empty_input_gives_the_no_data_chart():
    for kwargs in ({"categories": [], "series": SERIES}, {"categories": WARDS, "series": []}):
        root = parse(grouped_bar_chart(title="Trống", **kwargs))
        assert "Chưa có số liệu" in texts(root)
        assert not bars(root)
    root = parse(grouped_bar_chart(title="Empty", categories=[], series=[], no_data_label="None"))
    assert "None" in texts(root)


def test_all_zeros_render_without_error():
    root = parse(grouped_bar_chart(title="0", categories=WARDS, series=[("Kỳ họp", [0, 0, 0])]))
    assert [float(b.get("width")) for b in bars(root)] == [0, 0, 0]


def test_a_hundred_categories_render_at_a_sane_size():
    wards = [f"Phường số {i}" for i in range(100)]
    series = [("Kỳ họp", list(range(100))), ("Nghị quyết", list(range(100, 0, -1)))]
    root = parse(grouped_bar_chart(title="Trăm phường", categories=wards, series=series))
    assert len(bars(root)) == 200
    height = float(root.get("viewBox").split()[3])
    assert 200 * 14 < height < 200 * 30  # grows with the data, but not absurdly per bar
    assert {b.get("height") for b in bars(root)} == {"14"}


def test_decimal_values_use_the_locale():
    root = parse(grouped_bar_chart(title="Điểm", categories=["A"], series=[("Điểm", [87.5])]))
    assert "87,5" in texts(root)


def test_output_is_deterministic_and_ids_differ_between_charts():
    assert ward_chart() == ward_chart()
    other = grouped_bar_chart(title="Số liệu theo phường", categories=WARDS, series=SERIES[:1])
    first_id = parse(ward_chart()).find(f"{NS}title").get("id")
    assert first_id != parse(other).find(f"{NS}title").get("id")


def test_mismatched_series_length_is_an_error():
    with pytest.raises(ValueError):
        grouped_bar_chart(title="x", categories=WARDS, series=[("Kỳ họp", [1])])


def test_comparison_chart_puts_the_current_year_first():
    root = parse(
        comparison_chart(
            title="So sánh",
            labels=["Kỳ họp", "Nghị quyết"],
            current=[4, 10],
            previous=[2, 5],
            current_label="Năm 2025",
            previous_label="Năm 2024",
        )
    )
    assert len(bars(root)) == 4
    assert root.find(f"{NS}desc").text == (
        "Kỳ họp: Năm 2025 4, Năm 2024 2; Nghị quyết: Năm 2025 10, Năm 2024 5"
    )
    widths = [float(b.get("width")) for b in bars(root)]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.2)
