"""Search: the newest matches by an index, and each row's search vector made by the database.

The vector was written by an UPDATE after each INSERT, so every row was stored twice (a rebuild
left the table three times its size until vacuumed). On PostgreSQL a trigger now makes it as the
row is written, with PostgreSQL's own tsvector_update_trigger; SQLite has no vectors.
"""

from django.db import migrations, models

TRIGGER = "public_searchentry_vector"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF text ON public_searchentry "
        "FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.english', text)"
    )
    schema_editor.execute(
        "UPDATE public_searchentry SET search_vector = to_tsvector('pg_catalog.english', text) "
        "WHERE search_vector IS NULL"
    )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON public_searchentry")


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0002_cache_generation"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["-published_on", "-id"], name="public_search_newest"),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
