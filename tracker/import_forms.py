"""Forms of the browser import: the source, then the preview's corrections."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from tracker.vocabulary import FindingKind
from tracker.models import ImportJob, InspectionReport, LocalPolicingBody

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
    title = forms.CharField(label="Report title (optional)", required=False, max_length=500, help_text="Needed for CSV; overrides what the file says")
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
    """One finding in the preview: its kind, reference and text can be corrected, merged or split."""

    kind = forms.ChoiceField(choices=FindingKind.choices)
    reference = forms.CharField(max_length=100, error_messages={"required": "Enter the finding's reference"})
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Enter the finding's text"})
    merge_with_next = forms.BooleanField(required=False)
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
