"""Long commands show done of total, rate and time left on a terminal; nothing elsewhere."""

import io

from councilwork.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_done_of_total_rate_and_time_left():
    out = Terminal()
    progress = Progress(out, 10, "rows", every=0)
    for _ in range(4):
        progress.advance(1, note="4 sheets")
    text = out.getvalue()
    assert "\r" in text
    last = text.rsplit("\r\x1b[2K", 1)[-1]
    assert last.startswith("4/10 rows, ")
    assert "/s, left " in last and last.endswith("4 sheets")
    progress.advance(6)
    progress.close()
    assert out.getvalue().endswith("\n")
    assert "10/10 rows" in out.getvalue().rsplit("\r\x1b[2K", 1)[-1]


def test_a_pipe_or_a_log_sees_nothing():
    out = io.StringIO()  # not a terminal
    progress = Progress(out, 10, "rows", every=0)
    progress.advance(10)
    progress.close()
    assert out.getvalue() == ""


def test_verbosity_zero_is_quiet_even_on_a_terminal():
    out = Terminal()
    progress = Progress(out, 10, "rows", verbosity=0, every=0)
    progress.advance(10)
    progress.close()
    assert out.getvalue() == ""


def test_the_line_reads_well_before_any_rate_is_known():
    progress = Progress(io.StringIO(), 3321, "councils")
    assert progress.line(now=progress.started) == "0/3,321 councils, 0/s, left –"
