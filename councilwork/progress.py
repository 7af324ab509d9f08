"""Progress of long commands on a terminal: done of total, rate, time left.

One line, rewritten in place at most a few times a second. Silent when the output is
not a terminal (a log file, a pipe, CI) or when the command runs with -v0, so logs
keep only the commands' own summary lines.
"""

import time


class Progress:
    """Counts work done out of ``total`` and shows it on ``stream`` when it is a terminal."""

    def __init__(self, stream, total: int, unit: str, *, verbosity: int = 1, every: float = 0.5):
        self.stream, self.total, self.unit, self.every = stream, max(total, 0), unit, every
        isatty = getattr(stream, "isatty", None)
        self.enabled = verbosity > 0 and bool(isatty and isatty())
        self.done = 0
        self.started = self.shown = time.monotonic()
        self.note = ""

    def advance(self, n: int = 1, note: str = "") -> None:
        """``n`` more units done; ``note`` (e.g. rows written) is shown after the figures."""
        self.done += n
        self.note = note or self.note
        now = time.monotonic()
        if self.enabled and (now - self.shown >= self.every or self.done >= self.total):
            self.shown = now
            self._write(self.line(now))

    def line(self, now: float | None = None) -> str:
        """E.g. "1.200/3.321 xã, 85/s, còn 25 s": what the terminal shows."""
        elapsed = (now if now is not None else time.monotonic()) - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate else None
        parts = [f"{self.done:,}/{self.total:,} {self.unit}", f"{rate:,.0f}/s"]
        parts.append(f"left {_duration(left)}" if left is not None else "left –")
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)

    def close(self) -> None:
        """End the in-place line, so the command's next output starts on its own line."""
        if self.enabled and self.done:
            self._write(self.line())
            self.stream.write("\n")
            self.stream.flush()

    def _write(self, text: str) -> None:
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"
