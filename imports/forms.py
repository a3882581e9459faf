"""Forms of the browser import: the source, then the preview's corrections."""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from imports.models import ImportJob
from imports.response_plan import original_date_problem, original_url_problem
from responses.forms import limit_text
from tracker import limits
from tracker.models import InspectionReport, LocalPolicingBody
from tracker.validators import validate_web_address
from tracker.vocabulary import FindingKind, ReportType

FORMAT_CHOICES = [
    ("auto", "Work it out from the file"),
    ("pdf", "PDF"),
    ("html", "Web page (HTML)"),
    ("text", "Plain text"),
    ("json", "JSON (the import format)"),
    ("csv", "CSV (the import format)"),
]


class SourceForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you importing?",
        choices=ImportJob.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are importing"},
    )
    upload = forms.FileField(label="Upload a file", required=False, help_text="PDF, HTML, text, JSON or CSV")
    pasted = forms.CharField(
        label="Or paste the text", required=False, widget=forms.Textarea(attrs={"rows": 8}), help_text="Text or HTML"
    )
    fmt = forms.ChoiceField(label="Format", choices=FORMAT_CHOICES, initial="auto")
    title = forms.CharField(
        label="Report title (optional)",
        required=False,
        max_length=500,
        help_text="Needed for CSV; overrides what the file says",
    )
    published_on = DateInputField(
        label="Report publication date (optional)",
        required=False,
        require_all_fields=False,
        help_text="The original date: the 56-day clock starts then. For example, 27 2 2020",
    )
    body = forms.ModelChoiceField(
        label="Local policing body (responses only)",
        queryset=LocalPolicingBody.objects.order_by("name"),
        required=False,
        empty_label="Work it out from the text",
        to_field_name="slug",
    )
    report = forms.ModelChoiceField(
        label="Report it answers (responses only)",
        queryset=InspectionReport.objects.order_by("-published_on"),
        required=False,
        empty_label="Work it out from the text",
        to_field_name="slug",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.radios("kind"),
            Field("upload"),
            Field.textarea("pasted"),
            Field.select("fmt"),
            Field.text("title"),
            Field("published_on"),
            Field.select("body"),
            Field.select("report"),
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("upload") and not (cleaned.get("pasted") or "").strip():
            self.add_error("upload", "Choose a file to upload, or paste the text")
        return cleaned


class FindingCorrectionForm(forms.Form):
    """One finding in the preview: its kind, reference and text can be corrected, merged or split.

    For a response, also the finding of the report it is (`match`: a Finding pk, or "none" for
    "not in this report"); the choices are the report's findings, checked when the plan is made.
    """

    kind = forms.ChoiceField(choices=FindingKind.choices)
    reference = forms.CharField(max_length=100, error_messages={"required": "Enter the finding's reference"})
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Enter the finding's text"}
    )
    merge_with_next = forms.BooleanField(required=False)
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    match = forms.CharField(required=False, max_length=20)


class RealDateField(DateInputField):
    """A day, month and year that must make a real date; `what` starts the GOV.UK error messages."""

    def __init__(self, *, what, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.what = what
        for field, part in zip(self.fields, ("day", "month", "year"), strict=True):
            field.error_messages["incomplete"] = f"{what} must include a {part}"
            field.validators[0].message = f"{what} must be a real date"

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError:
            raise ValidationError(f"{self.what} must be a real date") from None


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, body):
        if body.ended_on:
            return f"{body.name} (until {body.ended_on.day} {body.ended_on:%B %Y})"
        return body.name


class ReportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, report):
        return f"{report.title} ({report.published_on.day} {report.published_on:%B %Y})"


class ResponseDetailsForm(forms.Form):
    """The preview's details of an imported response: whose it is, what it answers, and where and
    when it was first published. The public name is the body's own, never the source's wording."""

    body = BodyChoiceField(
        label="Local policing body",
        queryset=LocalPolicingBody.objects.select_related("force").order_by("name", "started_on"),
        to_field_name="slug",
        empty_label="Choose the body",
        help_text="The response is recorded under the body's own name (the body in office on the date it was first published).",
        error_messages={"required": "Select the local policing body whose response this is"},
    )
    report = ReportChoiceField(
        label="Report it answers",
        queryset=InspectionReport.objects.order_by("-published_on", "title"),
        to_field_name="slug",
        required=False,
        empty_label="Not in the tracker yet",
    )
    report_published_on = RealDateField(
        what="The report's publication date",
        label="Report publication date (only for a report not in the tracker yet)",
        required=False,
        help_text="The original date: the 56-day clock starts then. For example, 27 2 2020",
    )
    original_url = forms.CharField(
        label="Web address where the response was first published",
        max_length=500,
        help_text="Shown on the public page as where it was first published. For example, https://www.example.org/our-response-to-the-report",
        error_messages={
            "required": "Enter the web address where the response was first published",
            "max_length": "The web address must be 500 characters or fewer",
        },
    )
    original_published_on = RealDateField(
        what="The date the response was first published",
        label="Date the response was first published",
        required=False,
        help_text="Leave it blank if it is not known: the page will then say it was published before the day it was recorded here. For example, 22 4 2020",
    )
    introduction = forms.CharField(
        label="Introduction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The body's own comments on the report, as first published. Leave a blank line between paragraphs.",
    )
    chief_officer_comments = limit_text(
        forms.CharField(
            label="The chief officer's comments",
            required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text="Section 55(4): the comments the chief officer sent when invited, as the response printed them.",
        ),
        "The chief officer's comments",
        limits.RESPONSE_TEXT_MAX,
    )
    chief_officer_comments_received_on = RealDateField(
        what="The date the chief officer's comments were received",
        label="Date the chief officer's comments were received",
        required=False,
        help_text="Leave it blank if the response does not say. For example, 27 3 2024",
    )
    reply_to_chief_officer = limit_text(
        forms.CharField(
            label="Our reply to the chief officer's comments",
            required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
        ),
        "Our reply to the chief officer's comments",
        limits.RESPONSE_TEXT_MAX,
    )
    signature = limit_text(
        forms.CharField(
            label="Signed by",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Who signed the response, as printed at its end: name and office, one per line.",
        ),
        "Signed by",
        limits.SIGNATURE_MAX,
    )

    def __init__(self, *args, may_create_report=False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [Field.select("body"), Field.select("report")]
        if may_create_report:
            fields.append(Field("report_published_on"))
        else:
            del self.fields["report_published_on"]
        fields += [
            Field.text("original_url"),
            Field("original_published_on"),
            Field.textarea("introduction"),
            Field.textarea("chief_officer_comments"),
            Field("chief_officer_comments_received_on"),
            Field.textarea("reply_to_chief_officer"),
            Field.textarea("signature"),
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(*fields)

    def clean_original_url(self):
        url = self.cleaned_data["original_url"].strip()
        problem = original_url_problem(url)
        if problem:
            raise ValidationError(problem)
        return url

    def clean_original_published_on(self):
        # Whether it predates the report is checked with the plan, which knows the report.
        day = self.cleaned_data["original_published_on"]
        problem = original_date_problem(day, None)
        if problem:
            raise ValidationError(problem)
        return day

    def clean_chief_officer_comments_received_on(self):
        day = self.cleaned_data["chief_officer_comments_received_on"]
        if day and day > timezone.localdate():
            raise ValidationError(
                f"{self.fields['chief_officer_comments_received_on'].what} must be today or in the past"
            )
        return day


class ReportDetailsForm(forms.Form):
    """The preview's details of an imported report: its title, original publication date, type and
    address on the HMICFRS website, as read from the source, to be corrected before saving."""

    title = forms.CharField(
        label="Title",
        # A validator, not max_length: a browser would cut a longer paste short without a word.
        validators=[MaxLengthValidator(limits.REPORT_TITLE_MAX)],
        error_messages={
            "required": "Enter the report's title",
            "max_length": limits.too_long("The report's title", limits.REPORT_TITLE_MAX),
            "null_characters_not_allowed": limits.has_nul("The report's title"),
        },
        widget=forms.TextInput(attrs={"spellcheck": "true"}),
    )
    published_on = RealDateField(
        what="The report's publication date",
        label="Publication date",
        required=False,
        help_text="The original date: the 56-day clock starts then. For example, 27 2 2020",
    )
    report_type = forms.ChoiceField(
        label="Type of report",
        choices=ReportType.choices,
        error_messages={"required": "Select the type of report", "invalid_choice": "Select the type of report"},
    )
    source_url = forms.CharField(
        label="Address of the report on the HMICFRS website (optional)",
        required=False,
        validators=[MaxLengthValidator(500), validate_web_address],
        error_messages={"max_length": "The web address must be 500 characters or fewer"},
        help_text="For example, https://hmicfrs.justiceinspectorates.gov.uk/publications/…",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("title"), Field("published_on"), Field.select("report_type"), Field.text("source_url")
        )

    @staticmethod
    def initial_for(parsed):
        """The form's values from a parse in the import format."""
        day = parsed.get("published_on")
        return {
            "title": parsed.get("title") or "",
            "published_on": datetime.date.fromisoformat(day) if day else None,
            "report_type": parsed.get("report_type") or ReportType.OTHER,
            "source_url": parsed.get("source_url") or "",
        }

    def clean_published_on(self):
        day = self.cleaned_data["published_on"]
        if day and day > timezone.localdate():
            raise ValidationError("The report's publication date must be today or in the past")
        return day

    def apply_to(self, parsed):
        """Put the corrected details into a ParsedReport."""
        values = self.cleaned_data
        parsed.title = values["title"]
        parsed.published_on = values["published_on"]
        parsed.report_type = values["report_type"]
        parsed.source_url = values["source_url"]


class PlaceSelect(forms.Select):
    """A select rendered in Python: a letter of 30 passages and a report of 40 findings make 1,350
    options, and Django's template for each option took most of a second to render the page."""

    def render(self, name, value, attrs=None, renderer=None):
        def option(choice, label):
            selected = mark_safe(" selected") if str(choice) == str(value) else ""
            return format_html('<option value="{}"{}>{}</option>', choice, selected, label)

        options = []
        for choice, label in self.choices:
            if isinstance(label, (list, tuple)):
                group = mark_safe("".join(option(*entry) for entry in label))
                options.append(format_html('<optgroup label="{}">{}</optgroup>', choice, group))
            else:
                options.append(option(choice, label))
        attrs = {"name": name, **self.build_attrs(self.attrs, attrs)}
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe("".join(options)))


class PassagesForm(forms.Form):
    """What each passage of an imported response is (imports.passages): one select per passage,
    its choices the places it may go, its initial value where the parse put it.

    `version` fingerprints the passages the page showed: a choice made on an older page, or a
    passage the page never showed, is refused rather than applied to different text."""

    def __init__(self, data=None, *, found, places, version):
        super().__init__(data, prefix="passage")
        self.found, self.version = found, version
        self.fields["version"] = forms.CharField(widget=forms.HiddenInput, initial=version, required=False)
        for number, passage in enumerate(found, start=1):
            self.fields[passage.key] = forms.ChoiceField(
                label=f"Passage {number} is",
                choices=places,
                # Full width, so a long choice never widens a narrow screen; the passage describes it.
                widget=PlaceSelect(
                    attrs={"class": "govuk-select govuk-!-width-full", "aria-describedby": f"passage-{number}-text"}
                ),
                initial=passage.place,
                error_messages={
                    "required": f"Select what passage {number} is",
                    "invalid_choice": f"Select what passage {number} is from the list",
                },
            )

    def rows(self):
        """(number, passage, bound field) for each passage, for the template."""
        rows = []
        for number, passage in enumerate(self.found, start=1):
            field = self[passage.key]
            attrs = field.field.widget.attrs
            if field.errors and "govuk-select--error" not in attrs["class"]:
                attrs["class"] += " govuk-select--error"
                attrs["aria-describedby"] += f" passage-{number}-error"
            rows.append((number, passage, field))
        return rows

    def clean(self):
        cleaned = super().clean()
        known = {self.add_prefix(name) for name in self.fields}
        unknown = [key for key in self.data if key.startswith(f"{self.prefix}-") and key not in known]
        if cleaned.get("version") != self.version or unknown:
            raise ValidationError(
                "The passages have changed since this page was shown (perhaps in another tab). "
                "They are shown again as they are now: choose what each one is again"
            )
        return cleaned

    def choices(self):
        """{passage key: chosen place}."""
        return {passage.key: self.cleaned_data[passage.key] for passage in self.found}
