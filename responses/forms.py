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
    """crispy-forms-gds's date: its digits-only check lets through a day like 99999999999999999999,
    which overflows datetime.date (OverflowError, not the ValueError it catches: a 500)."""

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except OverflowError:
            raise forms.ValidationError("Enter a real date", code="invalid") from None


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
    chief_officer_comments_received_on = DayMonthYearField(
        label="Date the chief officer's comments were received",
        help_text="For example, 27 3 2024",
        required=False,
        require_all_fields=False,
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

    def __init__(self, *args, amendment=False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [
            Field.textarea("introduction"),
            Field.textarea("chief_officer_comments"),
            Field("chief_officer_comments_received_on"),
            Field.textarea("reply_to_chief_officer"),
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

    def clean_chief_officer_comments_received_on(self):
        received = self.cleaned_data["chief_officer_comments_received_on"]
        if received and received > timezone.localdate():
            raise forms.ValidationError(
                "The date the chief officer's comments were received must be today or in the past"
            )
        return received

    @staticmethod
    def initial_for(response):
        initial = {
            "introduction": response.introduction,
            "chief_officer_comments": response.chief_officer_comments,
            "chief_officer_comments_received_on": response.chief_officer_comments_received_on,
            "reply_to_chief_officer": response.reply_to_chief_officer,
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


class RemarkForm(StaffForm):
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
