"""The council picker of a page, read with the standard library's HTML parser: its
options (value, depth, selected, has more below, parent, name) and the hidden fields
of its form, so that tests assert on the parsed page rather than on its text."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

INDENT = "\u00a0\u00a0\u00a0"


@dataclass
class Option:
    value: str
    depth: int
    selected: bool
    more: bool
    parent: str
    name: str = ""


@dataclass
class Picker:
    options: list[Option] = field(default_factory=list)
    hidden: list[tuple[str, str]] = field(default_factory=list)
    label: str = ""
    select_id: str = ""


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.picker: Picker | None = None
        self.in_form = self.in_option = self.in_label = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-council-picker" in attrs:
            self.picker, self.in_form = Picker(), True
        if not self.in_form:
            return
        if tag == "input" and attrs.get("type") == "hidden":
            self.picker.hidden.append((attrs["name"], attrs.get("value", "")))
        elif tag == "label" and attrs.get("for") == "council-choice":
            self.in_label = True
        elif tag == "select":
            self.picker.select_id = attrs.get("id", "")
        elif tag == "option":
            self.in_option, self.text = True, ""
            self.picker.options.append(
                Option(
                    attrs["value"],
                    int(attrs.get("data-depth", "0")),
                    "selected" in attrs,
                    "data-more" in attrs,
                    attrs.get("data-parent", ""),
                )
            )

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "option" and self.in_option:
            self.in_option = False
            option = self.picker.options[-1]
            option.name = self.text.lstrip("\u00a0")
            assert len(self.text) - len(option.name) == len(INDENT) * option.depth
        elif tag == "label":
            self.in_label = False

    def handle_data(self, data):
        if self.in_option:
            self.text += data
        elif self.in_label:
            self.picker.label += data


def picker(html: str) -> Picker | None:
    """The page's council picker, or None when it has none."""
    reader = _Reader()
    reader.feed(html)
    return reader.picker
