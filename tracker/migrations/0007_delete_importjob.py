"""ImportJob moves to the imports app (imports 0001 takes over its table): gone from this
app's state only, the table is left for imports to rename."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0006_web_addresses_and_durable_imports"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ImportJob")]),
    ]
