"""GIN trigram indexes on the folded text the search matches (cw_fold(col) LIKE '%word%').

PostgreSQL only; SQLite scans (its tables are the demo's). Each CREATE INDEX is written
from the SQL the ORM compiles for the same expression the queries use
(councilwork.search.Folded), so each index expression is, to the character, the one the
planner has to match; a hand-written one would drift from the ORM's SQL (casts, the
resolution code's concatenation). The migration depends on the apps' migrations that exist today, so it
is never another app's leaf.
"""

from django.db import migrations
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, LPad

from councilwork.search import Folded

# "49/NQ-HĐND": sessions.models.RESOLUTION_CODE, frozen here as this migration built it.
RESOLUTION_CODE = Concat(
    LPad(Cast("number", CharField()), 2, Value("0")), Value("/"), F("symbol"), output_field=CharField()
)

# (app label, model, index name, field name or expression)
INDEXES = [
    ("councilwork", "council", "search_council_name", "name"),
    ("councilwork", "council", "search_council_short", "short_name"),
    ("councilwork", "person", "search_person_name", "full_name"),
    ("councilwork", "person", "search_person_position", "position"),
    ("councilwork", "body", "search_body_name", "name"),
    ("council_sessions", "session", "search_session_title", "title"),
    ("council_sessions", "session", "search_session_location", "location"),
    ("council_sessions", "resolution", "search_resolution_title", "title"),
    ("council_sessions", "resolution", "search_resolution_code", RESOLUTION_CODE),
    ("oversight", "oversightactivity", "search_activity_title", "title"),
    ("oversight", "oversightactivity", "search_activity_subject", "subject"),
    ("oversight", "recommendation", "search_recomm_content", "content"),
    ("oversight", "recommendation", "search_recomm_agency", "responsible_agency"),
    ("oversight", "recommendation", "search_recomm_response", "response_number"),
    ("awards", "award", "search_award_achievement", "achievement"),
    ("awards", "awarddecision", "search_decision_number", "number"),
    ("awards", "awarddecision", "search_decision_title", "title"),
    ("campaigns", "pledge", "search_pledge_signatory", "signatory"),
]


def _folded_sql(model, source, schema_editor) -> str:
    """The SQL of Folded(source) on ``model``'s table, columns unqualified, as queries build it."""
    from django.db.models.sql import Query

    query = Query(model, alias_cols=False)
    expression = Folded(F(source) if isinstance(source, str) else source)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = compiler.compile(expression.resolve_expression(query))
    return sql % tuple(schema_editor.quote_value(p) for p in params)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for app_label, model_name, name, source in INDEXES:
        model = apps.get_model(app_label, model_name)
        folded = _folded_sql(model, source, schema_editor)
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(model._meta.db_table)} "
            f"USING gin (({folded}) gin_trgm_ops)"
        )
    # Statistics of the new index expressions at once (not at autovacuum's next pass):
    # with them the planner reads a common word's first rows in date order and a rare
    # word through its index.
    for table in sorted({apps.get_model(a, m)._meta.db_table for a, m, _n, _s in INDEXES}):
        schema_editor.execute(f"ANALYZE {quote(table)}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app, _model, name, _source in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("councilwork", "0008_search"),
        ("council_sessions", "0006_attendance_votes"),
        ("oversight", "0004_recommendation_response"),
        ("awards", "0007_number_from_register"),
        ("campaigns", "0006_commitment_metrics"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
