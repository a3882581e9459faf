from django.db import migrations, models
from django.utils import timezone


def create_the_row(apps, schema_editor):
    apps.get_model("public", "CacheGeneration").objects.get_or_create(pk=1, defaults={"changed_at": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CacheGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField()),
            ],
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
