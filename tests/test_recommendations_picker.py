"""The council picker of the recommendations list keeps the list's other filters: its
form carries them as hidden fields (never the page number), so that the list of the
chosen council opens with the same status, overdue and sort, in its form and its links."""

from html.parser import HTMLParser
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from councilwork.models import Council, CouncilLevel
from tests.council_picker_html import picker

pytestmark = pytest.mark.django_db
PAGE = "oversight:recommendations"
FILTERS = {"status": "in_progress", "overdue": "yes", "sort": "-deadline"}


class _Filters(HTMLParser):
    """The list's own filter form (the one beside the picker): its selected values and
    its hidden fields."""

    def __init__(self):
        super().__init__()
        self.select, self.in_filters = None, False
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "record-filters" in attrs.get("class", ""):
            self.in_filters = "data-council-picker" not in attrs
        if not self.in_filters:
            return
        if tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select] = attrs["value"]
        elif tag == "input" and attrs.get("type") == "hidden":
            self.values[attrs["name"]] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_filters = False


def _filters(html: str) -> _Filters:
    reader = _Filters()
    reader.feed(html)
    return reader


def test_choosing_a_council_keeps_the_other_filters_but_not_the_page(secretariat_client):
    root = Council.objects.create(
        name="HĐND tỉnh Lọc", short_name="Lọc", slug="rp-tinh", level=CouncilLevel.PROVINCE
    )
    Council.objects.create(
        name="HĐND xã Lọc", short_name="xã", slug="rp-xa", level="commune", parent=root
    )
    asked = {**FILTERS, "council": "rp-tinh", "page": "2"}
    response = secretariat_client.get(reverse(PAGE), asked)
    assert response.status_code == 200
    form = picker(response.content.decode())
    assert sorted(form.hidden) == sorted(FILTERS.items())  # every filter, no page, no council
    assert "rp-xa" in {o.value for o in form.options}
    # The picker's form as a browser sends it with another council chosen.
    sent = dict(form.hidden) | {"council": "rp-xa"}
    chosen = secretariat_client.get(reverse(PAGE), sent)
    assert chosen.status_code == 200 and chosen.context["council"].slug == "rp-xa"
    page = _filters(chosen.content.decode())
    assert page.values == FILTERS | {"council": "rp-xa"}
    assert sorted(picker(chosen.content.decode()).hidden) == sorted(FILTERS.items())
    query = dict(parse_qs(chosen.context["query"]))
    assert query == {name: [value] for name, value in (FILTERS | {"council": "rp-xa"}).items()}


def test_a_filter_given_twice_or_unknown_rides_along_unchanged(secretariat_client):
    asked = {"status": ["open", "done"], "q": "đê <điều>", "council": "duong-kinh"}
    form = picker(secretariat_client.get(reverse(PAGE), asked).content.decode())
    assert sorted(form.hidden) == [("q", "đê <điều>"), ("status", "done"), ("status", "open")]
