"""On PostgreSQL, the database itself refuses to change or delete the permanent record.

AppendOnly models refuse save-after-create and delete, and their querysets refuse bulk update and
delete, but raw SQL, a shell session or a future bug would get past Python. A BEFORE UPDATE OR
DELETE trigger on each table of published versions, events, revisions, statutory copies and
remarks raises an error whatever the caller, so even an UPDATE typed into psql fails.

Written as SQL in a migration rather than with django-pgtrigger: five identical triggers do not
earn a dependency. SQLite (the embedded development database) gets no triggers; the models'
own refusals apply there.
"""

from django.db import migrations

FUNCTION = "responses_refuse_change_to_record"

RECORDS = ["PublishedVersion", "ResponseEvent", "Revision", "StatutoryCopy", "Remark"]


def _tables(apps):
    for model_name in RECORDS:
        model = apps.get_model("responses", model_name)
        yield model._meta.db_table, str(model._meta.verbose_name).capitalize()


def _trigger_name(table):
    return f"{table}_append_only"


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% rows are a permanent record: they cannot be changed or deleted', TG_ARGV[0]
                USING ERRCODE = 'restrict_violation',
                      HINT = 'Add a new row instead (a new revision, published version or event).';
        END;
        $$
        """,
        params=None,  # no parameters: the '%' in the message is PL/pgSQL's, not the driver's
    )
    quote = schema_editor.quote_name
    for table, label in _tables(apps):
        # FOR EACH ROW triggers do not fire on TRUNCATE, which is a statement on the whole table,
        # not a row event: test flushes between transactional tests (live_server) still work, and
        # emptying a whole database stays possible for whoever owns it.
        schema_editor.execute(
            f"CREATE TRIGGER {quote(_trigger_name(table))} BEFORE UPDATE OR DELETE ON {quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}({_sql_string(label)})",
            params=None,
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, _label in _tables(apps):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(_trigger_name(table))} ON {quote(table)}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


def _sql_string(text):
    """A trigger's arguments must be literals: quote one (verbose names are ours, but be safe)."""
    return "'" + text.replace("'", "''") + "'"


class Migration(migrations.Migration):
    dependencies = [
        ("responses", "0004_integrity_of_the_record"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
    ]
