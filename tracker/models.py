"""The inspection domain: forces, the bodies that answer for them, reports and their findings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tracker import vocabulary
from tracker.deadlines import response_due_on
from tracker.validators import validate_web_address


class Force(models.Model):
    """One of the 43 territorial police forces of England and Wales."""

    class Country(models.TextChoices):
        ENGLAND = "england", "England"
        WALES = "wales", "Wales"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    country = models.CharField(max_length=20, choices=Country.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class LocalPolicingBodyQuerySet(models.QuerySet):
    def in_office_on(self, day):
        """Bodies that held the section 55 duty on that day (governance changes over time)."""
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=day)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day)
        )


class LocalPolicingBody(models.Model):
    """Who must answer for a force under section 55: a PCC, PFCC, mayor or the Common Council.

    Who answers for a force is a dated relationship: PCCs have become mayors, and PCCs as a
    whole are due to be replaced in 2028. A blank start date means "since before our records".
    """

    class Kind(models.TextChoices):
        PCC = "pcc", "Police and Crime Commissioner"
        PFCC = "pfcc", "Police, Fire and Crime Commissioner"
        MAYOR = "mayor", "Mayor"
        COMMON_COUNCIL = "common-council", "Common Council of the City of London"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="bodies")
    started_on = models.DateField(null=True, blank=True, help_text="Blank if since before our records.")
    ended_on = models.DateField(
        null=True, blank=True, help_text="Its last day in office; blank while it holds the role."
    )
    source = models.TextField(blank=True, help_text="The law or announcement that gives its dates.")

    objects = LocalPolicingBodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "local policing body"
        verbose_name_plural = "local policing bodies"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="body_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A staff user's role in one local policing body."""

    class Role(models.TextChoices):
        DRAFTER = "drafter", "Drafter"
        REVIEWER = "reviewer", "Reviewer"
        PUBLISHER = "publisher", "Publisher"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "body", "role"], name="one_role_once_per_body")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.body}"


class InspectionReport(models.Model):
    """A report published by HMICFRS, to which local policing bodies must respond."""

    ReportType = vocabulary.ReportType

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True)
    report_type = models.CharField(max_length=40, choices=ReportType.choices)
    published_on = models.DateField(
        help_text="The original publication date: the 56-day clock starts here, even if a later version exists."
    )
    source_url = models.URLField(max_length=500, blank=True, validators=[validate_web_address])
    summary = models.TextField(blank=True)
    concerns_all_forces = models.BooleanField(
        default=False, help_text="A national report: every local policing body should respond."
    )
    forces = models.ManyToManyField(Force, blank=True, related_name="reports")
    national_report = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="force_reports",
        limit_choices_to={"concerns_all_forces": True},
        help_text=(
            "For a force report that carries the same findings as a national report on the same subject: "
            "the bodies of this report's forces answer this report, not the national one (HMICFRS's rule)."
        ),
    )
    document = models.FileField(upload_to="reports/", blank=True)

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:report", kwargs={"report_slug": self.slug})

    @property
    def responses_due_on(self):
        return response_due_on(self.published_on)


class Addressee(models.Model):
    """Whom a finding is addressed to: chief constables, PCCs, the Home Office and so on."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Finding(models.Model):
    """A recommendation, area for improvement or cause of concern in a report."""

    Kind = vocabulary.FindingKind
    KINDS_NEEDING_POSITION = vocabulary.KINDS_NEEDING_POSITION
    CONCERN_KINDS = vocabulary.CONCERN_KINDS

    report = models.ForeignKey(InspectionReport, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    reference = models.CharField(max_length=100, help_text='As printed, for example "Recommendation 3" or "AFI 2".')
    order = models.PositiveIntegerField(default=0, help_text="Position in the report.")
    text = models.TextField()
    addressees = models.ManyToManyField(Addressee, blank=True, related_name="findings")
    addressed_forces = models.ManyToManyField(Force, blank=True, related_name="findings_addressed")
    deadline_on = models.DateField(null=True, blank=True, help_text="A deadline stated in the finding itself.")
    deadline_text = models.CharField(
        max_length=200, blank=True, help_text='As worded, for example "With immediate effect".'
    )
    cause_of_concern = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        help_text="For a recommendation made under a cause of concern.",
    )

    class Meta:
        ordering = ["report", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "reference"], name="one_reference_per_report"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.text[:60]}"

    def clean(self):
        parent = self.cause_of_concern
        if parent is None:
            return
        if self.kind != self.Kind.RECOMMENDATION:
            raise ValidationError({"cause_of_concern": "Only a recommendation can belong to a cause of concern."})
        if parent.kind not in self.CONCERN_KINDS:
            raise ValidationError({"cause_of_concern": "Choose a finding that is a cause of concern."})
        if parent.report_id != self.report_id:
            raise ValidationError({"cause_of_concern": "Choose a cause of concern from the same report."})

    KIND_PLURALS = vocabulary.FINDING_KIND_PLURALS

    @property
    def kind_plural(self):
        return self.KIND_PLURALS[self.kind]

    @property
    def needs_position(self):
        return self.kind in self.KINDS_NEEDING_POSITION
