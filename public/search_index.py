"""Writing the search index (public.models.SearchEntry) from published text only.

A response's rows come from its live published version's snapshot, never from the working copy:
an amendment being drafted is not searchable until it is published. A withdrawn response keeps its
rows, marked withdrawn, as it stays readable under a banner. Rows are rebuilt by the signals in
public/apps.py and, all at once, by `manage.py rebuild_search_index`.
"""

import re

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from public.findings import finding_url
from public.models import SearchEntry
from tracker.models import InspectionReport

# The search page marks matches with these, and stands LESS_THAN in for "<" so that PostgreSQL's
# headline does not take "<i>" for a tag and drop it (public/search.py); no indexed text has them.
START, STOP, LESS_THAN = "\ue000", "\ue001", "\ue002"
_MARKERS = re.compile(f"[{START}{STOP}{LESS_THAN}]")

Kind = SearchEntry.Kind


def _clean(text):
    return _MARKERS.sub("", text or "").strip()


def _report_common(report):
    return {"report": report, "published_on": report.published_on, "report_type": report.report_type}


def _finding_entry(finding, report):
    return SearchEntry(
        kind=Kind.FINDING,
        finding=finding,
        finding_kind=finding.kind,
        order=finding.order,
        title=_clean(f"{finding.reference}, {report.title}"),
        text=_clean(finding.text),
        url=finding_url(finding, report.slug),
        **_report_common(report),
    )


@transaction.atomic
def index_report(report, *, with_findings=False):
    """The report's own row (its title and summary), and its findings' rows if asked. Every row of
    the report takes its type and, but for responses' rows (dated by publication), its date."""
    SearchEntry.objects.filter(report=report, kind=Kind.REPORT).delete()
    entries = [
        SearchEntry(
            kind=Kind.REPORT,
            title=_clean(report.title),
            text=_clean(f"{report.title}\n\n{report.summary}"),
            url=report.get_absolute_url(),
            **_report_common(report),
        )
    ]
    if with_findings:
        SearchEntry.objects.filter(report=report, kind=Kind.FINDING).delete()
        entries += [_finding_entry(finding, report) for finding in report.findings.order_by("order", "pk")]
    SearchEntry.objects.bulk_create(entries)
    rows = SearchEntry.objects.filter(report=report)
    rows.exclude(report_type=report.report_type).update(report_type=report.report_type)
    rows.filter(response__isnull=True).exclude(published_on=report.published_on).update(
        published_on=report.published_on
    )


@transaction.atomic
def index_finding(finding):
    """One finding's row (saving a finding re-reads only its own text: an import saves thousands)."""
    unindex_finding(finding)
    entry = _finding_entry(finding, finding.report)
    entry.save()


def unindex_finding(finding):
    SearchEntry.objects.filter(kind=Kind.FINDING, finding=finding).delete()


def is_current(response):
    """Whether the response's rows were built from its live version in its present state (one query)."""
    built = SearchEntry.objects.filter(response_id=response.pk).values_list("version_id", "withdrawn").first()
    if built is None:
        return response.current_version_id is None
    return built == (response.current_version_id, response.is_withdrawn)


@transaction.atomic
def index_response(response):
    """Replace the response's rows with those of its live published version (none if unpublished)."""
    SearchEntry.objects.filter(response_id=response.pk).delete()
    if response.current_version_id is None:
        return
    version = response.current_version
    report = response.report
    snapshot = version.snapshot
    body_name = _clean(snapshot.get("body", {}).get("name") or response.body_name)
    url = reverse("public:response", kwargs={"report_slug": report.slug, "body_slug": response.body.slug})
    published_at = response.published_at if response.publication_date_known else version.published_at
    common = {
        "report": report,
        "body": response.body,
        "response": response,
        "version_id": version.pk,
        "withdrawn": response.is_withdrawn,
        "published_on": timezone.localdate(published_at) if published_at else None,
        "report_type": report.report_type,
    }
    report_title = _clean(report.title)
    finding_ids = set(report.findings.values_list("pk", flat=True))
    entries = []
    # The sign-off (snapshot["signature"]) is not indexed, in a row of its own or another's: it
    # names the office holder, whose responses the body filter already finds, and a name matching
    # every response they signed, with a snippet of nothing but the name, would crowd out the
    # responses' words about the report. Reading a response shows it; search is for what was said.
    sections = (
        (Kind.INTRODUCTION, "introduction", "introduction"),
        (Kind.CHIEF_OFFICER_COMMENTS, "chief_officer_comments", "chief officer's comments"),
        (Kind.REPLY, "reply_to_chief_officer", "reply to the chief officer"),
    )
    for kind, key, label in sections:
        text = _clean(snapshot.get(key))
        if text:
            entries.append(
                SearchEntry(kind=kind, title=f"{body_name}: {label}, {report_title}", text=text, url=url, **common)
            )
    for order, item in enumerate(snapshot.get("items", [])):
        text = _clean(item.get("comment"))
        if not text:
            continue
        finding_id = item.get("finding_id")
        entries.append(
            SearchEntry(
                kind=Kind.COMMENT,
                finding_id=finding_id if finding_id in finding_ids else None,
                finding_kind=item.get("kind", ""),
                position=item.get("position", ""),
                order=order,
                title=_clean(f"{body_name} on {item.get('reference', '')}, {report_title}"),
                text=text,
                url=f"{url}#finding-{finding_id}",
                **common,
            )
        )
    for order, quotation in enumerate(snapshot.get("quotations", []), start=len(entries)):
        text = _clean(quotation.get("comment"))
        if text:
            entries.append(
                SearchEntry(
                    kind=Kind.COMMENT,
                    position=quotation.get("position", ""),
                    order=order,
                    title=_clean(f"{body_name} on {quotation.get('reference', '')}, {report_title}"),
                    text=text,
                    url=url,
                    **common,
                )
            )
    SearchEntry.objects.bulk_create(entries)


def rebuild_all():
    """Every row, from scratch: each report, then each published response. Returns the row count."""
    from responses.models import Response

    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for report in InspectionReport.objects.iterator(chunk_size=200):
            index_report(report, with_findings=True)
        published = Response.objects.published().select_related("report", "body", "current_version")
        for response in published.iterator(chunk_size=200):
            index_response(response)
    return SearchEntry.objects.count()
