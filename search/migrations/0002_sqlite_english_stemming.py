"""Give Wagtail's SQLite full-text table English stemming, as PostgreSQL has with SEARCH_CONFIG.

Wagtail creates its FTS5 table with the default tokenizer, so on SQLite "mapping" would not find
"maps". The table is rebuilt with FTS5's porter tokenizer and refilled from the index entries;
Wagtail's triggers keep working because they refer to the table by name. Nothing happens on
PostgreSQL, or on a SQLite without FTS5 (where Wagtail uses its fallback backend).
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"


def recreate(apps, schema_editor, tokenizer):
    connection = schema_editor.connection
    if connection.vendor != "sqlite" or TABLE not in connection.introspection.table_names():
        return
    schema_editor.execute(f"DROP TABLE {TABLE}")
    schema_editor.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(autocomplete, body, title{tokenizer})")
    schema_editor.execute(
        f"INSERT INTO {TABLE}(rowid, autocomplete, body, title) "
        "SELECT id, autocomplete, body, title FROM wagtailsearch_indexentry"
    )


def add_stemming(apps, schema_editor):
    recreate(apps, schema_editor, ", tokenize='porter unicode61 remove_diacritics 2'")


def remove_stemming(apps, schema_editor):
    recreate(apps, schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("kbsearch", "0001_search_log"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(add_stemming, remove_stemming)]
