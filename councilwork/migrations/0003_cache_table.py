"""Create the database cache's table with the schema, so `migrate` is all a setup needs.

The summary cache is shared by every app process through the database by default
(settings.CACHES); without its table, any record write would fail.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Does nothing for a cache that is not the database cache, or a table that exists.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("councilwork", "0002_audit_history")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
