"""A local policing body's section 55 response to an inspection report, and its items."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tracker.deadlines import is_on_time
from tracker.models import Finding, InspectionReport, LocalPolicingBody


class ResponseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Response.Status.PUBLISHED)

    def for_user(self, user):
        """Responses this user may read: published ones, plus drafts of the user's own bodies."""
        if user.is_authenticated and user.is_superuser:
            return self
        visible = Q(status=Response.Status.PUBLISHED)
        if user.is_authenticated:
            visible |= Q(body__memberships__user=user)
        return self.filter(visible).distinct()


class Response(models.Model):
    """What section 55 asks a local policing body to publish about one report.

    s.55(4)-(5): the body's own comments, the chief officer's comments and the body's reply to
    them; s.55(5B): for each recommendation, the action taken or proposed, or why none (items).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    report = models.ForeignKey(InspectionReport, on_delete=models.PROTECT, related_name="responses")
    body = models.ForeignKey(LocalPolicingBody, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    introduction = models.TextField(blank=True)
    chief_officer_comments = models.TextField(blank=True, help_text="The chief officer's comments (s.55(4)).")
    chief_officer_comments_received_on = models.DateField(null=True, blank=True)
    reply_to_chief_officer = models.TextField(blank=True, help_text="The body's reply to the chief officer's comments.")
    published_at = models.DateTimeField(null=True, blank=True)
    published_body_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body's name as it was when the response was published (names change).",
    )
    is_example = models.BooleanField(default=False, help_text="Demo content, labelled as an example on every page.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "report", "body"]
        constraints = [
            models.UniqueConstraint(fields=["report", "body"], name="one_response_per_report_and_body"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_response_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.body_name} – {self.report}"

    def get_absolute_url(self):
        return reverse(
            "responses:response", kwargs={"report_slug": self.report.slug, "body_slug": self.body.slug}
        )

    def get_pdf_url(self):
        return reverse(
            "responses:response_pdf", kwargs={"report_slug": self.report.slug, "body_slug": self.body.slug}
        )

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def body_name(self):
        return self.published_body_name or self.body.name

    @property
    def due_on(self):
        return self.report.responses_due_on

    @property
    def published_on(self):
        if self.published_at is None:
            return None
        return timezone.localdate(self.published_at)

    @property
    def published_on_time(self):
        """True or False once published; None while unpublished."""
        if self.published_on is None:
            return None
        return is_on_time(self.published_on, self.due_on)


class ResponseItem(models.Model):
    """The body's comment on one finding, with its s.55(5B) position on any action."""

    class Position(models.TextChoices):
        ACTION_TAKEN = "action-taken", "Action taken"
        ACTION_PROPOSED = "action-proposed", "Action proposed"
        NO_ACTION = "no-action", "No action"

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="items")
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="response_items")
    comment = models.TextField(blank=True)
    position = models.CharField(
        max_length=20, choices=Position.choices, blank=True, help_text="For no action, give the reason in the comment."
    )

    class Meta:
        ordering = ["finding__order", "finding__pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "finding"], name="one_item_per_finding"),
        ]

    def __str__(self):
        return f"{self.response} – {self.finding.reference}"
