"""Atom feeds of new published responses (all, per body, per report) and of new reports.

Entries read published responses only (Response.objects.published()) and take their words from
the live published version's snapshot, never from the working copy: an amendment being drafted
must not show in a feed reader before it is published. The working copy's fields are not even
loaded (`only()`).
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models.fields.json import KeyTextTransform
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from public.browse import timeliness_in_words
from responses.models import Response
from tracker.models import InspectionReport, LocalPolicingBody

ENTRIES_PER_FEED = 50
SUMMARY_WORDS = 60

RESPONSE_FIELDS = (
    "published_at",
    "publication_date_known",
    "is_imported",
    "status",
    "withdrawn_at",
    "published_body_name",
    "report__slug",
    "report__title",
    "report__published_on",
    "body__slug",
    "body__name",
    "current_version__published_at",
)


def published_responses():
    """Published responses with what a feed entry shows, newest first; the working copy is not loaded."""
    return (
        Response.objects.published()
        .select_related("report", "body", "current_version")
        .only(*RESPONSE_FIELDS)
        .annotate(published_introduction=KeyTextTransform("introduction", "current_version__snapshot"))
        .order_by("-published_at", "-pk")
    )


def _permanent(path):
    """An Atom id: the public address under SITE_URL, the same whatever host name a reader used."""
    return f"{settings.SITE_URL}{path}"


def _day(value):
    return dateformat.format(value, "j F Y")


def _when(response):
    """The sentence dating a response, honest about imported records whose original date is unknown."""
    if not response.publication_date_known:
        return (
            f"Published elsewhere first; the original date is not known. "
            f"It was recorded here on {_day(timezone.localdate(response.published_at))}, the date this entry carries."
        )
    published_on, due_on = response.published_on, response.due_on
    timing = timeliness_in_words(response)
    where = "First published elsewhere" if response.is_imported else "Published"
    return f"{where} on {_day(published_on)}; responses were due by {_day(due_on)} ({timing})."


class _ResponsesFeed(Feed):
    feed_type = Atom1Feed

    def author_name(self):
        return settings.SITE_NAME

    def items(self, obj):
        return published_responses()[:ENTRIES_PER_FEED]

    def item_title(self, item):
        # Atom titles are plain text: the XML writer escapes them, so no HTML escaping here.
        return f"{item.body_name} responded to {item.report.title}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return _permanent(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        """The live version's date: an amendment moves the entry up in readers that sort by it."""
        return item.current_version.published_at

    def item_author_name(self, item):
        return item.body_name

    def item_description(self, item):
        """HTML (Atom's summary type="html"), so every piece of text is escaped first."""
        paragraphs = [_when(item)]
        if item.is_withdrawn:
            paragraphs.append(f"This response was withdrawn on {_day(timezone.localdate(item.withdrawn_at))}.")
        if item.published_introduction:
            paragraphs.append(Truncator(item.published_introduction).words(SUMMARY_WORDS))
        return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


class LatestResponsesFeed(_ResponsesFeed):
    title = "Latest published responses"
    subtitle = "Responses by local policing bodies to HMICFRS inspection reports, newest first."

    def link(self):
        return reverse("public:home")

    def feed_guid(self):
        return _permanent(reverse("public:responses_feed"))


class BodyResponsesFeed(_ResponsesFeed):
    def get_object(self, request, body_slug):
        return get_object_or_404(LocalPolicingBody.objects.only("pk", "slug", "name"), slug=body_slug)

    def title(self, obj):
        return f"Responses published by {obj.name}"

    def link(self, obj):
        return reverse("public:body", kwargs={"body_slug": obj.slug})

    def feed_guid(self, obj):
        return _permanent(reverse("public:body_responses_feed", args=[obj.slug]))

    def items(self, obj):
        return published_responses().filter(body=obj)[:ENTRIES_PER_FEED]


class ReportResponsesFeed(_ResponsesFeed):
    def get_object(self, request, report_slug):
        return get_object_or_404(InspectionReport.objects.only("pk", "slug", "title"), slug=report_slug)

    def title(self, obj):
        return f"Responses to {obj.title}"

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_guid(self, obj):
        return _permanent(reverse("public:report_responses_feed", args=[obj.slug]))

    def items(self, obj):
        return published_responses().filter(report=obj)[:ENTRIES_PER_FEED]


class LatestReportsFeed(Feed):
    feed_type = Atom1Feed
    title = "Latest inspection reports"
    subtitle = "HMICFRS inspection reports to which local policing bodies must respond, newest first."

    def author_name(self):
        return settings.SITE_NAME

    def link(self):
        return reverse("public:report_list")

    def feed_guid(self):
        return _permanent(reverse("public:reports_feed"))

    def items(self):
        return InspectionReport.objects.prefetch_related("forces").order_by("-published_on", "-pk")[:ENTRIES_PER_FEED]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return _permanent(item.get_absolute_url())

    def item_pubdate(self, item):
        # The report's original publication date (the 56-day clock's start), at the start of that day here.
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time()))

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_author_name(self, item):
        return "HMICFRS"

    def item_description(self, item):
        if item.concerns_all_forces:
            concerns = "every force"
        else:
            concerns = ", ".join(force.name for force in item.forces.all()) or "no force named yet"
        paragraphs = [
            f"{item.get_report_type_display()}, published {_day(item.published_on)}. "
            f"Concerns {concerns}. Responses are due by {_day(item.responses_due_on)}."
        ]
        if item.summary:
            paragraphs.append(Truncator(item.summary).words(SUMMARY_WORDS))
        return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
