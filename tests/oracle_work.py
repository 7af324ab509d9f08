"""The plain count of the deputies' work figures for the oracle trees.

The trees hold deputies and sessions but no attendance, vote, reception, meeting or
recommendation rows: every deputy seated on a session's opening day is a place
expected and not recorded; everything else is zero. (The figures over real rows are
checked against plain counts in tests/test_work_figures.py and the record apps' tests.)
"""


def work(tree, keys: set, year: int) -> dict:
    opened = [s for s in tree.sittings if s.council in keys and s.start.year == year]
    expected = sum(
        1
        for s in opened
        for _person, council, start, end in tree.seats
        if council == s.council and start <= s.start <= end
    )
    zero = dict.fromkeys
    return {
        "attendance": {
            "expected": expected,
            "attended": 0,
            "excused": 0,
            "absent": 0,
            "not_recorded": expected,
            "rate": 0.0 if expected else None,
            "absent_all_year": 0,
        },
        "votes": zero(("total", "resolutions", "passed", "failed"), 0),
        "citizen_reception": {
            "days": 0,
            "citizens": 0,
            "answered": 0,
            "overdue": 0,
            "cases": zero(("total", "complaint", "denunciation", "petition", "reflection"), 0),
        },
        "voter_petitions": zero(
            ("meetings", "voters", "petitions", "answered", "resolved", "overdue"), 0
        ),
        "recommendations": zero(("made", "done", "overdue"), 0),
    }
