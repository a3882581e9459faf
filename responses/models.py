"""A local policing body's section 55 response to an inspection report, and its editorial record.

The Response row holds the working copy (what staff edit). Every save writes a Revision (a JSON
snapshot); publishing renders the approved snapshot once to HTML and PDF and stores both, with
their SHA-256, as an immutable PublishedVersion. Public pages serve only published versions, so
what was approved is provably what was published. Every state change writes a ResponseEvent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tracker import deadlines, vocabulary
from tracker.deadlines import Countdown, is_on_time
from tracker.models import Finding, InspectionReport, LocalPolicingBody
from tracker.validators import validate_web_address


class ImmutableRowError(Exception):
    """Raised when code tries to change or delete a row that is a permanent record."""


class ResponseQuerySet(models.QuerySet):
    def published(self):
        """Responses with a live published version (withdrawn ones keep theirs, with a banner)."""
        return self.filter(current_version__isnull=False)

    def for_user(self, user):
        """Responses this user may read on the public site: published ones, plus their own bodies' drafts."""
        if user.is_authenticated and user.is_superuser:
            return self
        visible = Q(current_version__isnull=False)
        if user.is_authenticated:
            visible |= Q(body__in=_member_body_ids(user))
        return self.filter(visible)

    def for_staff(self, user):
        """Responses this user may open in the staff area: their bodies' (admins: all)."""
        if user.is_superuser:
            return self
        return self.filter(body__in=_member_body_ids(user))


def _member_body_ids(user):
    from tracker.models import Membership

    return Membership.objects.filter(user=user).values("body_id")


class Response(models.Model):
    """What section 55 asks a local policing body to publish about one report.

    s.55(4)-(5): the body's own comments, the chief officer's comments and the body's reply to
    them; s.55(5B): for each recommendation, the action taken or proposed, or why none (items).
    The status is changed only by the transitions in responses/workflow.py.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    EDITABLE_STATUSES = {Status.DRAFT, Status.CHANGES_REQUESTED}

    report = models.ForeignKey(InspectionReport, on_delete=models.PROTECT, related_name="responses")
    body = models.ForeignKey(LocalPolicingBody, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)

    # The working copy.
    introduction = models.TextField(blank=True)
    chief_officer_comments = models.TextField(blank=True, help_text="The chief officer's comments (s.55(4)).")
    chief_officer_comments_received_on = models.DateField(null=True, blank=True)
    # s.55(4): the body invites the chief officer's comments by a date it sets. Recording when they
    # were asked for and by when lets the dashboard and the reminders chase them.
    chief_officer_comments_requested_on = models.DateField(
        null=True, blank=True, help_text="When the chief officer's comments were asked for."
    )
    chief_officer_comments_due_on = models.DateField(
        null=True, blank=True, help_text="The date the chief officer was asked to comment by."
    )
    late_explanation = models.TextField(
        blank=True, help_text="Why the response is published late: shown to the public beside the lateness."
    )
    reply_to_chief_officer = models.TextField(blank=True, help_text="The body's reply to the chief officer's comments.")
    # The sign-off printed at the end: who answers for the response, in what office (and, for a
    # response first published elsewhere, as its source signed it).
    signature = models.TextField(
        blank=True, help_text="Who signs the response, as printed at its end: name and office, one per line."
    )
    change_note = models.TextField(blank=True, help_text="What an amendment changes.")
    change_is_major = models.BooleanField(default=False, help_text="Major change notes are shown to the public.")

    # Editorial record.
    edit_count = models.PositiveIntegerField(default=0, help_text="Bumped by every save; guards against lost updates.")
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_edited_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_revision = models.ForeignKey("Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scheduled_for = models.DateTimeField(null=True, blank=True)
    needs_retrospective_review = models.BooleanField(default=False)

    # Publication.
    current_version = models.ForeignKey(
        "PublishedVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, help_text="When the first version was published.")
    published_body_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body's name as it was when the response was published (names change).",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    is_example = models.BooleanField(default=False, help_text="Demo content, labelled as an example on every page.")
    is_imported = models.BooleanField(default=False, help_text="A record of a response first published elsewhere.")
    publication_date_known = models.BooleanField(
        default=True, help_text="False for an imported response whose original publication date is not known."
    )
    # An imported record: where and when it was first published, and how the source named its body
    # (kept for reference only: the public name is always the body's own, as in office that day).
    original_url = models.URLField(
        max_length=500, blank=True, validators=[validate_web_address], help_text="Where it was first published."
    )
    original_published_on = models.DateField(null=True, blank=True, help_text="When it was first published, if known.")
    source_body_name = models.CharField(max_length=300, blank=True, help_text="The body's name as the source wrote it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "report", "body"]
        constraints = [
            models.UniqueConstraint(fields=["report", "body"], name="one_response_per_report_and_body"),
            models.CheckConstraint(
                condition=Q(current_version__isnull=True) | Q(published_at__isnull=False),
                name="published_response_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.body_name} – {self.report}"

    def _public_kwargs(self):
        return {"report_slug": self.report.slug, "body_slug": self.body.slug}

    def get_absolute_url(self):
        return reverse("public:response", kwargs=self._public_kwargs())

    def get_pdf_url(self):
        return reverse("public:response_pdf", kwargs=self._public_kwargs())

    def get_staff_url(self):
        return reverse("staff:response", kwargs={"pk": self.pk})

    @property
    def is_published(self):
        return self.current_version_id is not None

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_amendment(self):
        """A working copy being prepared to replace a live published version."""
        return self.is_published and self.status not in {self.Status.PUBLISHED, self.Status.WITHDRAWN}

    @property
    def body_name(self):
        return self.published_body_name or self.body.name

    @property
    def due_on(self):
        return self.report.responses_due_on

    @property
    def published_on(self):
        """The date of first publication; None if unpublished, or imported with the date unknown."""
        if self.published_at is None or not self.publication_date_known:
            return None
        return timezone.localdate(self.published_at)

    @property
    def published_on_time(self):
        """True or False once published; None while unpublished or when the date is not known."""
        if self.published_on is None:
            return None
        return is_on_time(self.published_on, self.due_on)

    @property
    def days_late(self):
        """Days after the due date it was first published: 0 if on time, None if unpublished or if
        the original date is not known. The one place that counts them (pages, feeds, statistics)."""
        if self.published_on is None:
            return None
        return deadlines.days_late(self.published_on, self.due_on)

    def lateness_sentence(self, today=None):
        """A published response's on-time status in words ("27 days late: the last day was 22 April
        2020"); None while unpublished."""
        if not self.is_published:
            return None
        return deadlines.lateness_sentence(self.published_on, self.due_on, today)

    def countdown(self, today=None):
        """How the response's due date stands on `today` (tracker.deadlines.Countdown)."""
        return Countdown(self.due_on, today or timezone.localdate())

    def days_left(self, today=None):
        """Days until the due date (0 on the day itself, negative once overdue)."""
        return self.countdown(today).days_left

    # The chief officer's comments (s.55(4)): the one place that says whether they are still awaited
    # and how their date stands. The dashboard, the reminders, the calendar and the feed all ask here.

    @property
    def awaits_chief_officer_comments(self):
        """Asked for by a date, not recorded as received, and the response never yet published.

        Once the response is published the date the body set has served its purpose (the body
        publishes with what it has), so nobody is chased for it after that.
        """
        return (
            self.chief_officer_comments_due_on is not None
            and self.chief_officer_comments_received_on is None
            and not self.is_published
        )

    def chief_officer_countdown(self, today=None):
        """How the date asked of the chief officer stands on `today`, while the comments are awaited; else None."""
        if not self.awaits_chief_officer_comments:
            return None
        return Countdown(self.chief_officer_comments_due_on, today or timezone.localdate())

    def chief_officer_comments_overdue(self, today=None):
        """The date asked of the chief officer has passed and no comments are recorded as received."""
        countdown = self.chief_officer_countdown(today)
        return countdown is not None and countdown.is_overdue


class ResponseItem(models.Model):
    """The body's comment on one finding, with its s.55(5B) position on any action."""

    Position = vocabulary.Position

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

    @property
    def is_complete(self):
        """Section 55(5B): a comment and a position on every recommendation and cause of concern."""
        if not self.finding.needs_position:
            return True
        return bool(self.comment.strip()) and bool(self.position)


class Quotation(models.Model):
    """An imported response's comment on a finding its report does not have, kept as printed.

    A response import never adds findings to a report (only a report import by a site admin does):
    the quoted finding and its comment are kept here, shown publicly as a quotation under the
    response, and listed for a site admin to check.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="quotations")
    order = models.PositiveIntegerField(default=0)
    reference = models.CharField(max_length=100, blank=True, help_text="As printed in the response.")
    text = models.TextField(help_text="The finding as the response quoted it.")
    comment = models.TextField(blank=True)
    position = models.CharField(max_length=20, choices=vocabulary.Position.choices, blank=True)
    checked_by_admin = models.BooleanField(default=False, help_text="A site admin has looked at it.")

    class Meta:
        ordering = ["response", "order", "pk"]

    def __str__(self):
        return f"{self.response} – quoted {self.reference or 'finding'}"


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes would get past AppendOnly.save()/delete(); refuse them too (and, on PostgreSQL,
    triggers refuse them at the database, whatever the code: migration responses/0005)."""

    def update(self, **kwargs):
        raise ImmutableRowError(f"{self.model.__name__} rows cannot be changed")

    def delete(self):
        raise ImmutableRowError(f"{self.model.__name__} rows cannot be deleted")

    update.queryset_only = True
    delete.queryset_only = True


class AppendOnly(models.Model):
    """A permanent record: rows are added, never changed or deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableRowError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRowError(f"{type(self).__name__} rows cannot be deleted")


class Revision(AppendOnly):
    """A full JSON snapshot of the working copy, written by every save."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    # Null for a revision written by the tracker itself (an import by command).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["response", "-number"]
        constraints = [models.UniqueConstraint(fields=["response", "number"], name="one_revision_number_per_response")]

    def __str__(self):
        return f"Revision {self.number} of {self.response}"


def _published_pdf_path(version, filename):
    """Published PDFs are named by their SHA-256 (the filename given): a retry after a crash finds the
    same file rather than leaving an orphan beside a renamed copy. Kept for old migrations."""
    return f"published/{filename}"


def published_pdf_name(pdf_sha256):
    return f"published/{pdf_sha256}.pdf"


class PublishedVersion(AppendOnly):
    """What the public saw: the approved snapshot rendered once to HTML and PDF, with SHA-256 of each.

    Immutable once written. The statutory copy (s.55(6)) is recorded on StatutoryCopy, so
    nothing here ever needs updating.
    """

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="published_versions")
    snapshot = models.JSONField()
    html = models.TextField()
    html_sha256 = models.CharField(max_length=64)
    pdf = models.FileField(upload_to=_published_pdf_path, max_length=300)
    pdf_sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    change_note = models.TextField(blank=True)
    is_major_change = models.BooleanField(default=False)
    forced = models.BooleanField(default=False, help_text="Published without review, with a recorded reason.")
    force_reason = models.TextField(blank=True)
    late_explanation = models.TextField(blank=True, help_text="Why it was published late, as the public reads it.")

    class Meta:
        ordering = ["response", "-number"]
        constraints = [models.UniqueConstraint(fields=["response", "number"], name="one_version_number_per_response")]

    def __str__(self):
        return f"Version {self.number} of {self.response}"

    def _kwargs(self):
        return {"report_slug": self.response.report.slug, "body_slug": self.response.body.slug, "number": self.number}

    def get_absolute_url(self):
        return reverse("public:version", kwargs=self._kwargs())

    def get_pdf_url(self):
        return reverse("public:version_pdf", kwargs=self._kwargs())

    @property
    def published_on(self):
        return timezone.localdate(self.published_at)


class StatutoryCopy(AppendOnly):
    """Section 55(6): the copy of a published response sent to HMICFRS and the Home Secretary."""

    version = models.ForeignKey(PublishedVersion, on_delete=models.PROTECT, related_name="statutory_copies")
    recipients = models.JSONField()
    backend = models.CharField(max_length=200, blank=True, help_text="The mail backend that accepted the message.")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name_plural = "statutory copies"


class ResponseEvent(AppendOnly):
    """One row per workflow transition: who, when, from, to, and why."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    system_actor = models.CharField(
        max_length=100,
        blank=True,
        help_text="Set when the tracker itself acted (scheduled publishing, an import by command).",
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["response", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.action}: {self.from_status or '–'} → {self.to_status}"

    @property
    def action_label(self):
        return self.action.replace("_", " ").capitalize()

    @property
    def from_label(self):
        return Response.Status(self.from_status).label if self.from_status else "New"

    @property
    def to_label(self):
        return Response.Status(self.to_status).label


class Remark(AppendOnly):
    """An internal remark by staff on a response, or on one finding of it. Never public.

    Resolving one adds a RemarkResolution: the remark itself, like every record, never changes.
    """

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="remarks")
    finding = models.ForeignKey(
        Finding,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty: the whole response.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["response", "created_at", "pk"]


class RemarkResolution(AppendOnly):
    """A remark marked resolved (by the drafter, usually): one at most per remark."""

    remark = models.OneToOneField(Remark, on_delete=models.PROTECT, related_name="resolution")
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resolved_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Resolved: {self.remark}"


class CalendarFeed(models.Model):
    """A user's private iCalendar address of due dates. The token is the secret: replacing it
    revokes every subscription made with the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar feed of {self.user}"


class ReminderSent(AppendOnly):
    """A deadline reminder already sent, so `send_reminders` sends each one once."""

    class Threshold(models.TextChoices):
        DAYS_14 = "14", "14 days before the due date"
        DAYS_7 = "7", "7 days before the due date"
        DAYS_1 = "1", "1 day before the due date"
        OVERDUE = "overdue", "Overdue"
        CHIEF_OFFICER_OVERDUE = "co-overdue", "The chief officer's comments are overdue"

    report = models.ForeignKey(InspectionReport, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="+")
    threshold = models.CharField(max_length=10, choices=Threshold.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "body", "threshold"], name="one_reminder_per_threshold")
        ]
