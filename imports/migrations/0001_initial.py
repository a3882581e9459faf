"""ImportJob moves here from tracker (its table was tracker_importjob, created by tracker 0003).

The model is taken over in the migration state without touching the database, then its table is
renamed to this app's name: existing jobs, their uploads and their ids are kept."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("tracker", "0006_web_addresses_and_durable_imports"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportJob",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("report", "An HMICFRS report"),
                                    ("response", "A response published elsewhere"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("parsing", "Reading the file"),
                                    ("ready", "Ready to check"),
                                    ("failed", "Could not be read"),
                                    ("saved", "Saved"),
                                ],
                                default="parsing",
                                max_length=20,
                            ),
                        ),
                        ("source_name", models.CharField(blank=True, max_length=300)),
                        ("source", models.FileField(blank=True, max_length=300, upload_to="imports/")),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(default=0, help_text="Parses started, counting retries."),
                        ),
                        (
                            "heartbeat_at",
                            models.DateTimeField(
                                blank=True,
                                help_text="Last sign of life from the worker parsing it; a stale one means it died.",
                                null=True,
                            ),
                        ),
                        ("options", models.JSONField(blank=True, default=dict)),
                        ("progress", models.PositiveSmallIntegerField(default=0, help_text="Per cent, while parsing.")),
                        ("parsed", models.JSONField(blank=True, null=True)),
                        ("problem", models.TextField(blank=True)),
                        ("result_url", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="import_jobs",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-created_at"],
                        "db_table": "tracker_importjob",
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="importjob", table=None),
    ]
