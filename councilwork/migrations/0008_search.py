"""The fold behind the search (councilwork.search): cw_fold(text) on PostgreSQL.

unaccent() is only STABLE (its dictionary could change), so it cannot go into an index;
the usual wrapper names the dictionary explicitly and is declared IMMUTABLE, which
holds as long as nobody edits the unaccent rules. đ/Đ are replaced before it (the rules
carry them too; the replace keeps the fold independent of the rules' version).
normalize() first: decomposed input (e + U+0301) becomes the precomposed letters the
rules list. On SQLite there is nothing to create: councilwork.search registers cw_fold
on every new connection.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public",
    """
    CREATE OR REPLACE FUNCTION public.cw_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT lower(public.unaccent(
            'public.unaccent'::regdictionary,
            replace(replace(normalize($1, NFC), 'đ', 'd'), 'Đ', 'D')
        ))
    $$
    """,
]
# The extensions stay: other objects (or other databases' habits) may use them.
BACKWARD = ["DROP FUNCTION IF EXISTS public.cw_fold(text)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("councilwork", "0007_vietnamese_collation"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
