"""GIN trigram indexes on the stored folded documents of councils, people, bodies and
award decisions (search migration 0002 explains the documents).

Every search reads these four: the councils, people and bodies kinds, and the award
and pledge kinds through their related rows. A word shorter than three letters has no
trigram, so such a word is answered by reading the whole column: a plain LIKE on the
stored text, not cw_fold on every row. PostgreSQL only; SQLite scans.
"""

from django.db import migrations

# (app label, model, index name)
INDEXES = [
    ("councilwork", "council", "search_council_document"),
    ("councilwork", "person", "search_person_document"),
    ("councilwork", "body", "search_body_document"),
    ("awards", "awarddecision", "search_decision_document"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for app_label, model_name, name in INDEXES:
        table = apps.get_model(app_label, model_name)._meta.db_table
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin (search_text gin_trgm_ops)"
        )
        schema_editor.execute(f"ANALYZE {quote(table)}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app, _model, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_document_indexes"),
        ("councilwork", "0009_search_text"),
        ("awards", "0010_search_text"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
