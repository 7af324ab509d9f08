"""Many-to-many columns: the deputies present at a reception day or a meeting with voters.

A cell holds the deputies' full names separated by semicolons ("Nguyễn Văn A; Trần Thị B"),
exported in alphabetical order. On import each name must be a deputy of the row's council
whose seat is held on the row's date (the rule the admin's form enforces), so a name
finds one deputy: a person holds at most one seat of a council on a day. An empty cell
means no deputy recorded; an absent column leaves the deputies as they are.
"""

from django.utils.translation import gettext as _

from councilwork.models import Deputy

SEPARATOR = ";"


class ListProblem(Exception):
    def __init__(self, column: str, message: str):
        self.column, self.message = column, message
        super().__init__(message)


def to_text(record, column: str) -> str | None:
    """The deputies of ``record``'s many-to-many ``column`` as one cell."""
    names = sorted(deputy.person.full_name for deputy in getattr(record, column).all())
    return f"{SEPARATOR} ".join(names) or None


def names_in(text: str | None) -> list[str]:
    """The names of a cell, each once, in the order written."""
    names = (name.strip() for name in (text or "").split(SEPARATOR))
    return list(dict.fromkeys(name for name in names if name))


def chosen(sheet, record, parsed: dict) -> dict[str, set[int]]:
    """Per list column in the row, the deputies it names (checked against the record)."""
    result = {}
    for column in sheet.lists:
        if column not in parsed:
            continue
        names = names_in(parsed[column])
        seated = Deputy.objects.seated_on(record.council_id, record.date).filter(
            person__full_name__in=names
        )
        found = dict(seated.values_list("person__full_name", "pk"))
        others = [name for name in names if name not in found]
        if others:
            raise ListProblem(
                column,
                _("Not a deputy of this council on that date: %(names)s.")
                % {"names": ", ".join(others)},
            )
        result[column] = set(found.values())
    return result


def differs(record, lists: dict[str, set[int]]) -> bool:
    """Whether a stored record's deputies differ from those the row names."""
    if record.pk is None:
        return any(lists.values())
    return any(
        set(getattr(record, column).values_list("pk", flat=True)) != pks
        for column, pks in lists.items()
    )


def store(record, lists: dict[str, set[int]]) -> None:
    for column, pks in lists.items():
        getattr(record, column).set(pks)
