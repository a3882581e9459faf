"""The public search index: one row per piece of published text, rebuilt when something is published.

Rows are written only from public sources: reports and their findings (public from import), and
each response's live published version's snapshot (never the working copy, which may hold an
unpublished amendment). public/search_index.py writes them; public/search.py reads them.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from tracker.models import Finding, InspectionReport, LocalPolicingBody
from tracker.vocabulary import FindingKind, Position, ReportType


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        FINDING = "finding", "Finding"
        INTRODUCTION = "response-introduction", "Response: introduction"
        CHIEF_OFFICER_COMMENTS = "chief-officer-comments", "Chief officer's comments"
        REPLY = "reply", "Reply to the chief officer"
        COMMENT = "comment", "Response to a finding"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    report = models.ForeignKey(InspectionReport, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, null=True, related_name="+")
    finding = models.ForeignKey(Finding, on_delete=models.SET_NULL, null=True, related_name="+")
    response = models.ForeignKey("responses.Response", on_delete=models.CASCADE, null=True, related_name="+")
    # The published version the row was built from: a save that leaves it unchanged skips the rebuild.
    version_id = models.BigIntegerField(null=True)
    withdrawn = models.BooleanField(default=False)
    title = models.CharField(max_length=800)
    text = models.TextField()
    url = models.CharField(max_length=500)
    published_on = models.DateField(null=True)
    report_type = models.CharField(max_length=40, choices=ReportType.choices)
    finding_kind = models.CharField(max_length=40, choices=FindingKind.choices, blank=True)
    position = models.CharField(max_length=20, choices=Position.choices, blank=True)
    order = models.PositiveIntegerField(default=0)
    # PostgreSQL only: made from `text` by a database trigger (migration 0003), GIN-indexed; NULL on SQLite.
    search_vector = SearchVectorField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["published_on"]),
            # Search takes the newest matches by walking this index (public/search.py).
            models.Index(fields=["-published_on", "-id"], name="public_search_newest"),
        ]

    def __str__(self):
        return self.title


class CacheGeneration(models.Model):
    """One row: a number that goes up whenever anything a public page shows changes.

    Every app server keeps whole public pages in memory under this number (public/page_cache.py)
    and reads it again at most once a second, so a publication on one server empties the others'
    pages within a second. public/signals.py raises it when a transaction that published, amended
    or withdrew something commits.
    """

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"Public pages generation {self.number}"
