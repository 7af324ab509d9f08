"""An organisation's name once per decision or dossier in any case, whatever the locale.

Migration 0013 compares the names with PostgreSQL's lower(), which follows the
database's LC_CTYPE: in a UTF-8 locale "ĐOÀN" is lowered to "đoàn", in the C locale it
stays "ĐOÀN", so two names the form refuses could both be stored. The constraints now
call cw_lower() on both backends: SQLite's is Python's str.lower, registered on each
connection (awards.apps); PostgreSQL's is made here, lower() under the ICU root
collation ("und-x-icu"), which lowers by Unicode's rules in any database locale.

Without ICU (a PostgreSQL built without it) cw_lower() maps each letter to its
lowercase with translate(), the pairs taken from Python's str.lower: the same lowering
SQLite's cw_lower() does for every letter whose lowercase is one letter, Vietnamese's
included (Đ, Ấ, Ỳ...). It leaves alone the few letters whose lowercase is two (İ) and
does not apply the Greek final sigma rule: neither is written in an organisation's name
here, and neither makes two names of one collective differ.

Before the constraints are made, the names stored are compared as they will compare
them: grouped by the database's own cw_lower() (not Python's lowering, which migration
0013 used: under a C locale, lower() let "ĐOÀN" and "đoàn" both be stored since). Two
names of one decision (or one dossier) it lowers alike stop the migration, which names
them, to be merged or renamed before it is run again; nothing is changed.

After an upgrade of ICU (of the operating system or of PostgreSQL), its lowering may
differ for a few letters: rebuild the two indexes (REINDEX INDEX
award_unique_recipient_organisation_per_decision; REINDEX INDEX
award_nominee_unique_organisation), as PostgreSQL's warning of a changed collation
version asks, then ALTER COLLATION "und-x-icu" REFRESH VERSION. A REINDEX that fails
on a duplicate names the two rows.

Reversed, the constraints compare with lower() again and the function is dropped.
"""

import sys

from django.db import migrations, models
from django.db.models import Count

import awards.recipients

FUNCTION = "cw_lower"
ICU = "und-x-icu"
CONSTRAINTS = {
    "award": (
        "decision",
        "award_unique_recipient_organisation_per_decision",
        "This recipient is already named in this decision.",
    ),
    "awardnominee": (
        "dossier",
        "award_nominee_unique_organisation",
        "This recipient is already nominated here.",
    ),
}


def lowercase_pairs() -> tuple[str, str]:
    """Every character whose lowercase (Python's) is another single character, and it."""
    upper, lower = [], []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates: not characters PostgreSQL stores
        lowered = char.lower()
        if len(lowered) == 1 and lowered != char:
            upper.append(char)
            lower.append(lowered)
    return "".join(upper), "".join(lower)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def function_sql(name: str = FUNCTION, *, icu: bool = True) -> str:
    """CREATE OR REPLACE FUNCTION ``name``(text): lowered by ICU, or by translate()."""
    if icu:
        body = f'SELECT lower($1 COLLATE "{ICU}")'
    else:
        upper, lower = lowercase_pairs()
        body = f"SELECT translate($1, {_literal(upper)}, {_literal(lower)})"
    return (
        f"CREATE OR REPLACE FUNCTION {name}(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS {_literal(body)}"
    )


def has_icu(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [ICU])
    return cursor.fetchone() is not None


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite: registered on each connection (awards.apps)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(function_sql(icu=has_icu(cursor)))


def collisions(apps) -> list[str]:
    """Per decision (dossier), the names the database's cw_lower() makes one."""
    found = []
    for model_name, (parent, _name, _message) in CONSTRAINTS.items():
        model = apps.get_model("awards", model_name)
        named = model.objects.exclude(recipient_organisation="").annotate(
            folded=awards.recipients.Folded("recipient_organisation")
        )
        groups = named.values(parent, "folded").annotate(n=Count("pk")).filter(n__gt=1)
        for group in groups.order_by(parent, "folded"):
            rows = named.filter(**{parent: group[parent], "folded": group["folded"]})
            listed = ", ".join(
                f"{pk} {name!r}"
                for pk, name in rows.order_by("pk").values_list("pk", "recipient_organisation")
            )
            found.append(f"{model.__name__} {parent}_id={group[parent]}: {listed}")
    return found


def check_collisions(apps, schema_editor):
    found = collisions(apps)
    if found:
        raise RuntimeError(
            "These organisations are named more than once in one decision or dossier, as "
            "the database lowers names (cw_lower); merge or rename them, then migrate "
            "again (nothing was changed):\n" + "\n".join(found)
        )


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text)")


def _constraint(parent: str, name: str, message: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        models.F(parent),
        awards.recipients.Folded("recipient_organisation"),
        condition=models.Q(("recipient_organisation", ""), _negated=True),
        name=name,
        violation_error_message=message,
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0013_organisation_names")]

    operations = [
        migrations.RunPython(create_function, drop_function),
        migrations.RunPython(check_collisions, migrations.RunPython.noop),
        *(
            migrations.RemoveConstraint(model_name=model, name=name)
            for model, (_parent, name, _message) in CONSTRAINTS.items()
        ),
        *(
            migrations.AddConstraint(model_name=model, constraint=_constraint(*values))
            for model, values in CONSTRAINTS.items()
        ),
    ]
