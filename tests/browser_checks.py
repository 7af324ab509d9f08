"""What the browser tests check on every page: layout at the window's width, axe-core's
serious and critical violations, and the phone's form sizes."""

from pathlib import Path

from django.conf import settings

# Installed by bin/test with npm (axe-core is an npm package); injected from this file.
AXE = Path(settings.BASE_DIR) / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
MIN_CHART_TEXT_PX = 11
THUMB_PX = 44

LAYOUT = """() => {
  const out = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > window.innerWidth) {
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((e) => !e.closest(".table-wrap, .charts figure, .tree"))
      .slice(0, 3)
      .map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
    out.push(`scrolls sideways: ${root.scrollWidth} > ${window.innerWidth} (${wide.join(", ")})`);
  }
  for (const svg of document.querySelectorAll("svg.chart")) {
    const box = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / box.width;
    for (const text of svg.querySelectorAll("text")) {
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (px < MIN - 0.05) {
        out.push(`chart text at ${px.toFixed(1)} px: ${text.textContent}`);
        break;
      }
    }
  }
  // A classification keeps a few words to a line, never one word per line.
  const cells = document.querySelectorAll("table.ranking td:last-child, table.wards td:last-child");
  for (const cell of cells) {
    const words = cell.textContent.trim().split(/\\s+/).length;
    const range = document.createRange();
    range.selectNodeContents(cell);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    if (words >= 4 && lines > 2) {
      out.push(`"${cell.textContent.trim()}" on ${lines} lines`);
      break;
    }
  }
  return out;
}"""

PHONE_FORM = """() => {
  const out = [];
  const fields = document.querySelectorAll(
    "form.scores input:not([type=hidden]), form.scores textarea, form.scores button," +
    " .review input:not([type=hidden]), .review textarea, .review button");
  for (const field of fields) {
    const height = field.getBoundingClientRect().height;
    if (height < THUMB - 0.5) {
      out.push(`${field.tagName.toLowerCase()} ${field.name} is ${height.toFixed(0)} px tall`);
    }
  }
  const bodyFont = getComputedStyle(document.body).fontFamily;
  for (const note of document.querySelectorAll("form.scores textarea[name^=note_]")) {
    const style = getComputedStyle(note);
    const lines = note.clientHeight / parseFloat(style.lineHeight);
    if (style.fontFamily !== bodyFont) {
      out.push(`${note.name} in ${style.fontFamily}, not the body font`);
    }
    if (lines < 2.5) {
      out.push(`${note.name} shows ${lines.toFixed(1)} lines`);
    }
    if (note.getBoundingClientRect().width < window.innerWidth * 0.6) {
      out.push(`${note.name} is ${note.getBoundingClientRect().width.toFixed(0)} px wide`);
    }
  }
  return out;
}"""


def layout_problems(page) -> list[str]:
    return page.evaluate(LAYOUT.replace("MIN", str(MIN_CHART_TEXT_PX)))


def phone_form_problems(page) -> list[str]:
    return page.evaluate(PHONE_FORM.replace("THUMB", str(THUMB_PX)))


# The pages' Content-Security-Policy runs scripts of their own origin only, so axe is
# injected as a script of that origin: an address the browser context answers from AXE.
AXE_PATH = "/__browser-tests__/axe.min.js"


def serve_axe(context) -> None:
    """Let ``context`` answer AXE_PATH with the local axe-core, never the network."""
    context.route(
        f"**{AXE_PATH}",
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each.

    The page's context must serve axe (serve_axe)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        origin = page.evaluate("() => window.location.origin")
        page.add_script_tag(url=origin + AXE_PATH)
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    found = []
    for violation in results:
        if violation["impact"] not in ("serious", "critical"):
            continue
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(f"axe {violation['impact']} {violation['id']}: {violation['help']} {targets}")
    return found


def _tab_to(page, test: str, limit: int = 80) -> bool:
    """Press Tab until ``test`` (a JS expression on ``e``, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!({test}); }}"):
            return True
    return False


def keyboard_problems(page, base_url: str, card_url: str) -> list[str]:
    """Ward staff reach their menu and fill in and save their scorecard by keyboard alone.

    Saves the scorecard: run it after the pages were seen as they are.
    """
    problems = []
    page.goto(base_url + "/scores/")
    page.keyboard.press("Tab")
    if not page.evaluate("() => document.activeElement.classList.contains('skip-link')"):
        problems.append("keyboard: the first Tab does not reach the skip link")
    page.keyboard.press("Enter")
    if not page.evaluate("() => window.location.hash === '#main'"):
        problems.append("keyboard: the skip link does not lead to the content")
    page.goto(base_url + "/scores/")
    if _tab_to(page, "e.closest('nav.menu') && e.textContent.includes('Tổng kết')"):
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if "/summary/" not in page.url:
            problems.append(f"keyboard: the menu's summary link led to {page.url}")
    else:
        problems.append("keyboard: Tab never reaches the menu's summary link")
    page.goto(base_url + card_url)
    if not _tab_to(page, "e.name && e.name.startsWith('points_')"):
        return [*problems, "keyboard: Tab never reaches a points field"]
    first = page.evaluate("() => document.activeElement.name")
    page.keyboard.type("10")
    page.keyboard.press("Tab")
    if not page.evaluate("() => document.activeElement.name.startsWith('note_')"):
        problems.append("keyboard: Tab from the points does not go to the note")
    page.keyboard.type("Ghi chú gõ bằng bàn phím")
    if not _tab_to(page, "e.name === 'save'", limit=200):
        return [*problems, "keyboard: Tab never reaches the Save draft button"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    saved = page.input_value(f"[name={first}]")
    if saved.replace(",", ".") not in ("10", "10.0", "10.00"):
        problems.append(f"keyboard: the points typed were not saved ({saved!r})")
    return problems
