"""Forms of the staff area, worded the GOV.UK way, rendered with crispy-forms-gds.

Labels and error messages are declared here, once. Every form shares StaffForm's helper, which
leaves the <form> tag and error summary to the template (the summary goes above the h1).
"""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from responses.models import ResponseItem
from tracker import limits


def limit_text(field, name, limit):
    """Give a text field its limit (tracker/limits.py) and GOV.UK messages naming it.

    A validator rather than max_length, which would put maxlength on the textarea: browsers then
    cut a paste short without a word, and the text beyond the limit would be lost unseen. Django
    refuses U+0000 in every CharField already; this says so in words."""
    field.validators.append(MaxLengthValidator(limit))
    field.error_messages["max_length"] = limits.too_long(name, limit)
    field.error_messages["null_characters_not_allowed"] = limits.has_nul(name)
    return field


class DayMonthYearField(DateInputField):
    """A day, month and year, with the GOV.UK date input's error messages.

    `what` names the date at the start of each message ("The date the chief officer's comments
    were received must be a real date"), so that a page with several dates says which is wrong.
    Without it the messages are the generic "Enter a real date". Python's own message for an
    impossible day ("day is out of range for month") never reaches the page, and a day like
    99999999999999999999 (an OverflowError, not a ValueError) is not a 500.
    """

    PARTS = ("day", "month", "year")

    def __init__(self, *, what="", **kwargs):
        kwargs.setdefault("require_all_fields", False)
        super().__init__(**kwargs)
        self.what = what
        if what:
            self.error_messages["required"] = f"Enter {what[0].lower()}{what[1:]}"

    def _message(self, problem):
        return (
            f"{self.what} {problem}"
            if self.what
            else {"must be a real date": "Enter a real date"}.get(problem, f"The date {problem}")
        )

    def clean(self, value):
        if self.disabled and not isinstance(value, (list, tuple)):
            value = self.widget.decompress(value)
        values = [str(part).strip() if part is not None else "" for part in (list(value or []) + [None] * 3)[:3]]
        missing = [name for name, part in zip(self.PARTS, values, strict=True) if not part]
        if len(missing) == 3:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        if missing:
            raise forms.ValidationError(self._message(f"must include a {' and '.join(missing)}"), code="incomplete")
        if not all(part.isdigit() for part in values):
            raise forms.ValidationError(self._message("must be a real date"), code="invalid")
        if len(values[2]) != 4:
            raise forms.ValidationError(self._message("must include a year of 4 numbers"), code="invalid")
        try:
            day = datetime.date(int(values[2]), int(values[1]), int(values[0]))
        except (ValueError, OverflowError):
            raise forms.ValidationError(self._message("must be a real date"), code="invalid") from None
        self.validate(day)
        self.run_validators(day)
        return day


class StaffForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL


class ResponseForm(StaffForm):
    """The body's own words: introduction, the chief officer's comments and the reply (s.55(4)-(5))."""

    introduction = limit_text(
        forms.CharField(
            label="Introduction",
            help_text="The body's own comments on the report. Leave a blank line between paragraphs.",
            widget=forms.Textarea(attrs={"rows": 8}),
            required=False,
        ),
        "Introduction",
        limits.RESPONSE_TEXT_MAX,
    )
    chief_officer_comments = limit_text(
        forms.CharField(
            label="The chief officer's comments",
            help_text="Section 55(4): the comments the chief officer sent when invited.",
            widget=forms.Textarea(attrs={"rows": 6}),
            required=False,
        ),
        "The chief officer's comments",
        limits.RESPONSE_TEXT_MAX,
    )
    # Section 55(4): the body invites the chief officer's comments by a date it sets. The two dates
    # are the office's own record (they chase the comments), not part of the published response.
    chief_officer_comments_requested_on = DayMonthYearField(
        label="Date the chief officer's comments were requested",
        help_text="For example, 27 3 2024",
        required=False,
        what="The date the chief officer's comments were requested",
    )
    chief_officer_comments_due_on = DayMonthYearField(
        label="Date the chief officer was asked to comment by",
        help_text="The date your office set. The dashboard chases the comments after it.",
        required=False,
        what="The date the chief officer was asked to comment by",
    )
    chief_officer_comments_received_on = DayMonthYearField(
        label="Date the chief officer's comments were received",
        help_text="For example, 27 3 2024",
        required=False,
        what="The date the chief officer's comments were received",
    )
    reply_to_chief_officer = limit_text(
        forms.CharField(
            label="Our reply to the chief officer's comments",
            widget=forms.Textarea(attrs={"rows": 5}),
            required=False,
        ),
        "Our reply to the chief officer's comments",
        limits.RESPONSE_TEXT_MAX,
    )
    signature = limit_text(
        forms.CharField(
            label="Signed by",
            help_text="The name and office printed at the end of the response, each on its own line.",
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
        ),
        "Signed by",
        limits.SIGNATURE_MAX,
    )

    def __init__(self, *args, amendment=False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [
            Field.textarea("introduction"),
            Field.textarea("chief_officer_comments"),
            Field("chief_officer_comments_requested_on"),
            Field("chief_officer_comments_due_on"),
            Field("chief_officer_comments_received_on"),
            Field.textarea("reply_to_chief_officer"),
            # A few short lines: the layout's own default (10 rows) would ask for an essay.
            Field.textarea("signature", rows=3),
        ]
        if amendment:
            self.fields["change_note"] = limit_text(
                forms.CharField(
                    label="Change note",
                    help_text="What this amendment changes, and why.",
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=False,
                ),
                "Change note",
                limits.NOTE_MAX,
            )
            self.fields["change_is_major"] = forms.TypedChoiceField(
                label="Is this a major change?",
                choices=[("yes", "Major: the public will see this change note"), ("no", "Minor: a correction")],
                coerce=lambda value: value == "yes",
                # Neither chosen is a minor change: the empty value must be a boolean too, or the
                # model's BooleanField refuses "" and the save is a 500 (issue 8).
                empty_value=False,
                widget=forms.RadioSelect,
                required=False,
            )
            fields.append(
                Fieldset(
                    Field.textarea("change_note"),
                    Field.radios("change_is_major"),
                    legend="About this amendment",
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper.layout = Layout(*fields)

    def _not_in_the_future(self, name):
        day = self.cleaned_data[name]
        if day and day > timezone.localdate():
            raise forms.ValidationError(f"{self.fields[name].what} must be today or in the past")
        return day

    def clean_chief_officer_comments_requested_on(self):
        return self._not_in_the_future("chief_officer_comments_requested_on")

    def clean_chief_officer_comments_received_on(self):
        return self._not_in_the_future("chief_officer_comments_received_on")

    def clean(self):
        cleaned = super().clean()
        requested, due = (
            cleaned.get("chief_officer_comments_requested_on"),
            cleaned.get("chief_officer_comments_due_on"),
        )
        if requested and due and due < requested:
            self.add_error(
                "chief_officer_comments_due_on",
                "The date the chief officer was asked to comment by must be the same as or after the date "
                "the comments were requested",
            )
        return cleaned

    @staticmethod
    def initial_for(response):
        initial = {
            "introduction": response.introduction,
            "chief_officer_comments": response.chief_officer_comments,
            "chief_officer_comments_requested_on": response.chief_officer_comments_requested_on,
            "chief_officer_comments_due_on": response.chief_officer_comments_due_on,
            "chief_officer_comments_received_on": response.chief_officer_comments_received_on,
            "reply_to_chief_officer": response.reply_to_chief_officer,
            "signature": response.signature,
            "change_note": response.change_note,
            "change_is_major": "yes" if response.change_is_major else "no",
        }
        return initial


class ItemForm(StaffForm):
    """The body's comment on one finding and, for recommendations and causes of concern, its position."""

    comment = limit_text(
        forms.CharField(label="Our response", widget=forms.Textarea(attrs={"rows": 5}), required=False),
        "Our response",
        limits.RESPONSE_TEXT_MAX,
    )
    position = forms.ChoiceField(
        label="What is being done?",
        choices=ResponseItem.Position.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Section 55(5B): the action taken or proposed, or why no action is taken.",
        error_messages={"invalid_choice": "Select action taken, action proposed or no action"},
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"item-{item.finding_id}", **kwargs)
        self.item = item
        self.fields["comment"].label = f"Our response to {item.finding.reference}"
        self.fields["position"].label = f"What is being done about {item.finding.reference}?"
        layout = [Field.textarea("comment")]
        if item.finding.needs_position:
            layout.append(Field.radios("position", inline=False))
        else:
            del self.fields["position"]
        self.helper.layout = Layout(*layout)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("position") == ResponseItem.Position.NO_ACTION and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Enter why no action is being taken")
        return cleaned


class ReasonForm(StaffForm):
    """A required reason: for requesting changes, force publishing or withdrawing."""

    reason = limit_text(forms.CharField(widget=forms.Textarea(attrs={"rows": 3})), "The reason", limits.NOTE_MAX)

    def __init__(self, *args, label, hint="", error="Enter a reason", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = hint
        self.fields["reason"].error_messages["required"] = error
        self.helper.layout = Layout(Field.textarea("reason"))


class LateExplanationForm(StaffForm):
    """A late publication's public explanation, given when it is confirmed (optional)."""

    late_explanation = limit_text(
        forms.CharField(
            label="Why is it late? (optional)",
            help_text="Shown to the public beside the lateness, on the response's page and in its PDF.",
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
        ),
        "The explanation",
        limits.NOTE_MAX,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.textarea("late_explanation"))


class CommentForm(StaffForm):
    comment = limit_text(
        forms.CharField(
            label="Comment for the history (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False
        ),
        "The comment",
        limits.NOTE_MAX,
    )


class ScheduleForm(StaffForm):
    publish_on = DayMonthYearField(label="Date", help_text="For example, 27 3 2026", require_all_fields=False)
    publish_at = forms.TimeField(
        label="Time",
        help_text="24-hour clock, for example 09:30",
        input_formats=["%H:%M", "%H.%M"],
        error_messages={"required": "Enter the time to publish", "invalid": "Enter a time like 09:30"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_on"].error_messages["required"] = "Enter the date to publish"
        self.helper.layout = Layout(
            Fieldset(Field("publish_on"), Field.text("publish_at"), legend="When to publish", legend_size=Size.SMALL)
        )

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("publish_on"), cleaned.get("publish_at")
        if day and time:
            when = timezone.make_aware(datetime.datetime.combine(day, time))
            if when <= timezone.now():
                self.add_error("publish_on", "The date and time to publish must be in the future")
            cleaned["when"] = when
        return cleaned


class ApproveForm(CommentForm):
    """Approval of one named revision: the number the reviewer saw travels with the form, so a save
    between loading the page and approving is refused rather than approved unseen."""

    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": "Open the response again, read it, then approve the revision shown",
            "invalid": "Open the response again, read it, then approve the revision shown",
            "min_value": "Open the response again, read it, then approve the revision shown",
        },
    )


class RemarkForm(StaffForm):
    """An internal remark on the whole response or on one of its report's findings.

    `findings` are the report's findings a remark may concern. With `about` (one of them) the form
    is the short one shown beside that finding: the finding travels as a hidden field."""

    WHOLE_RESPONSE = "The whole response"

    text = limit_text(
        forms.CharField(
            label="Add an internal remark",
            help_text="Only staff of this body can see remarks. They are never published.",
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"required": "Enter a remark"},
        ),
        "The remark",
        limits.NOTE_MAX,
    )
    finding = forms.TypedChoiceField(
        label="What is the remark about?",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a finding of this report, or the whole response"},
    )

    def __init__(self, *args, findings=(), about=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = {finding.pk: finding for finding in findings}
        self.fields["finding"].choices = [("", self.WHOLE_RESPONSE)] + [
            (finding.pk, finding.reference) for finding in findings
        ]
        if about is not None:
            self.fields["finding"].widget = forms.HiddenInput()
            self.fields["finding"].initial = about.pk
            self.fields["text"].label = f"Remark on {about.reference}"
            self.helper.layout = Layout(Field.textarea("text"), Field("finding"))
        else:
            self.helper.layout = Layout(Field.select("finding"), Field.textarea("text"))

    def clean_finding(self):
        finding_id = self.cleaned_data.get("finding")
        return self.findings.get(finding_id) if finding_id else None


class WordUploadForm(StaffForm):
    """An edited Word file of a draft (responses/word.py reads and checks it)."""

    document = forms.FileField(
        label="Upload the Word file",
        help_text="The .docx file you downloaded from this response, with your changes (or the chief officer's).",
        error_messages={"required": "Select the Word file to upload", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].widget.attrs["accept"] = (
            ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        self.helper.layout = Layout(Field("document"))
