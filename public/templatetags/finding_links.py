"""Links to the page of one finding across every body (public/findings.py)."""

from django import template
from django.urls import reverse

from public.findings import finding_slug
from public.findings import finding_url as _finding_url

register = template.Library()


@register.filter
def finding_url(finding):
    """{{ finding|finding_url }}: the finding's page (load its report first, or it costs a query)."""
    return _finding_url(finding)


@register.simple_tag
def snapshot_finding_url(report_slug, item):
    """{% snapshot_finding_url report_slug item %}: the page of a finding named in a published
    snapshot (responses/snapshot.py), with no query: the snapshot holds its reference and id."""
    return reverse(
        "public:finding",
        kwargs={"report_slug": report_slug, "finding_slug": finding_slug(item["reference"], item["finding_id"])},
    )
