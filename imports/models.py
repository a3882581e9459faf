"""What the imports app keeps of its own: the import a person has started in the browser."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class ImportJob(models.Model):
    """One browser import: the source is parsed (in the background when large) into `parsed`,
    corrected by a person in the preview, then saved. Holds no database changes until then."""

    class Kind(models.TextChoices):
        REPORT = "report", "An HMICFRS report"
        RESPONSE = "response", "A response published elsewhere"

    class Status(models.TextChoices):
        PARSING = "parsing", "Reading the file"
        READY = "ready", "Ready to check"
        FAILED = "failed", "Could not be read"
        SAVED = "saved", "Saved"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PARSING)
    source_name = models.CharField(max_length=300, blank=True)
    # The upload itself, kept through Django's storage so that any worker can read it (the app keeps
    # no state in its own memory) and a retried parse starts from the same bytes.
    source = models.FileField(upload_to="imports/", blank=True, max_length=300)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Parses started, counting retries.")
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life from the worker parsing it; a stale one means it died."
    )
    options = models.JSONField(default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent, while parsing.")
    parsed = models.JSONField(null=True, blank=True)
    problem = models.TextField(blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def get_absolute_url(self):
        return reverse("imports:job", kwargs={"pk": self.pk})
