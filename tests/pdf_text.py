"""Reads back what a PDF prints: page sizes, and each text line's origin, text and width.

Only as much PDF as the certificates use: text drawn as ``x y Tm /Font size Tf (…) Tj``
with TrueType subsets whose ToUnicode maps give the characters and whose /Widths give
the advance of each glyph. Parsed with pyHanko's reader, not with the library that wrote it.
"""

import io
import re
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader

MM = 72 / 25.4
TOKEN = re.compile(
    rb"\((?P<str>(?:\\.|[^\\)])*)\)|(?P<name>/[^\s/\[\]()<>]+)|(?P<num>-?\d*\.?\d+)|(?P<op>[A-Za-z*']+)",
    re.S,
)


@dataclass
class TextLine:
    text: str
    x: float  # points from the page's left edge
    y: float  # points from the page's bottom edge
    size: float
    width: float  # the printed advance, in points


def _unescape(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        char = raw[i]
        if char == 0x5C:  # backslash
            nxt = raw[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(nxt, nxt)
            i += 2
            continue
        out.append(char)
        i += 1
    return bytes(out)


def _font(font) -> tuple[dict[int, str], dict[int, float]]:
    cmap = font["/ToUnicode"].data.decode("latin-1")
    chars = {
        int(code, 16): chr(int(uni, 16))
        for code, uni in re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4})>", cmap)
    }
    first = int(font["/FirstChar"])
    widths = {first + n: float(w) for n, w in enumerate(font["/Widths"])}
    return chars, widths


class Pdf:
    def __init__(self, data: bytes):
        self.data = data
        self.reader = PdfFileReader(io.BytesIO(data))
        self.pages = list(self._pages(self.reader.root["/Pages"]))

    def _pages(self, node):
        kids = node["/Kids"]
        for n in range(len(kids)):
            kid = kids[n]
            if kid["/Type"] == "/Pages":
                yield from self._pages(kid)
            else:
                yield kid

    @property
    def print_scaling(self):
        return self.reader.root["/ViewerPreferences"]["/PrintScaling"]

    def size_mm(self, n: int) -> tuple[float, float]:
        x0, y0, x1, y1 = (float(v) for v in self.pages[n]["/MediaBox"])
        return (x1 - x0) / MM, (y1 - y0) / MM

    def lines(self, n: int) -> list[TextLine]:
        page = self.pages[n]
        fonts = page["/Resources"]["/Font"]
        maps = {name: _font(fonts[name]) for name in fonts if "/ToUnicode" in fonts[name]}
        contents = page["/Contents"]
        if isinstance(contents, list):
            data = b"".join(part.data for part in contents)
        else:
            data = contents.data
        found, stack, current, font, size = [], [], None, None, 0.0
        for match in TOKEN.finditer(data):
            if match.group("op"):
                op = match.group("op").decode()
                if op == "BT":
                    current = None
                elif op == "Tm":
                    current = TextLine("", float(stack[-2]), float(stack[-1]), 0, 0)
                    found.append(current)
                elif op == "Tf":
                    font, size = stack[-2], float(stack[-1])
                elif op == "Tj" and current is not None and font in maps:
                    chars, widths = maps[font]
                    raw = _unescape(stack[-1])
                    current.text += "".join(chars.get(b, "") for b in raw)
                    current.width += sum(widths.get(b, 0) for b in raw) * size / 1000
                    current.size = size
                stack = []
            elif match.group("str") is not None:
                stack.append(match.group("str"))
            elif match.group("name"):
                stack.append(match.group("name").decode())
            else:
                stack.append(match.group("num"))
        return [line for line in found if line.text]

    def text(self, n: int) -> str:
        return "\n".join(line.text for line in self.lines(n))
