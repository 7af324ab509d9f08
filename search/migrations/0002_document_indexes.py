"""GIN trigram indexes on the stored folded documents (search_text LIKE '%word%').

The largest tables the search reads keep their searched fields folded in one generated
column (councilwork.search.search_document); one index on it answers every word, and
a candidate row is rechecked by a plain LIKE, without folding its fields again.
PostgreSQL only; SQLite scans (its tables are the demo's).
"""

from django.db import migrations

# (app label, model, index name)
INDEXES = [
    ("council_sessions", "session", "search_session_document"),
    ("council_sessions", "resolution", "search_resolution_document"),
    ("oversight", "oversightactivity", "search_activity_document"),
    ("oversight", "recommendation", "search_recomm_document"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    tables = []
    for app_label, model_name, name in INDEXES:
        table = apps.get_model(app_label, model_name)._meta.db_table
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin (search_text gin_trgm_ops)"
        )
        tables.append(table)
    # Statistics of the new column at once, for the planner's choice between the date
    # index (a common word) and the trigram index (a rare one).
    for table in tables:
        schema_editor.execute(f"ANALYZE {quote(table)}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app, _model, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_trigram_indexes"),
        ("council_sessions", "0008_search_text"),
        ("oversight", "0005_search_text"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
