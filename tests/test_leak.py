"""Nothing unpublished ever reaches the public: plant a marker everywhere private, crawl everything public."""

import io
import re
from collections import deque
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from pypdf import PdfReader

from responses import workflow
from responses.models import Remark
from tests.factories import FindingFactory, ReportFactory

pytestmark = pytest.mark.django_db

MARKER = "ZEBRA-CANARY-4417"
# Feeds, downloads and the sitemap, which no HTML page need link to (the sitemap's sections are XML).
OPEN_DATA = [
    "/feeds/responses.atom",
    "/feeds/reports.atom",
    "/data/reports.csv",
    "/data/findings.csv",
    "/data/responses.csv",
    "/statistics/",
    "/statistics/by-body.csv",
    "/statistics/by-year.csv",
    "/statistics/by-type.csv",
    "/search/?q=zebra+canary+4417",  # finds the marker's words, without echoing the marker itself
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-reports.xml",
    "/sitemap-bodies.xml",
    "/sitemap-responses.xml",
]


def _complete(response, comment):
    for item in response.items.all():
        item.comment, item.position = comment, "action-taken"
        item.save()


@pytest.fixture
def planted(body, other_body, drafter, reviewer, publisher):
    report = ReportFactory(title="A report everyone can read")
    for _ in range(2):
        FindingFactory(report=report)

    # 1. A draft that was never published.
    from tests.factories import MembershipFactory

    MembershipFactory(user=drafter, body=other_body, role="drafter")
    secret_draft = workflow.start(report, other_body, drafter)
    workflow.save(
        secret_draft, drafter, 0, {"introduction": f"Draft words {MARKER}.", "signature": f"Draft signer {MARKER}"}, {}
    )

    # 2. A published response whose earlier, unpublished revision held the marker.
    published = workflow.start(report, body, drafter)
    published.refresh_from_db()
    workflow.save(published, drafter, published.edit_count, {"introduction": f"First go {MARKER}."}, {})
    published.refresh_from_db()
    items = {item.finding_id: ("We will act on this.", "action-proposed") for item in published.items.all()}
    workflow.save(published, drafter, published.edit_count, {"introduction": "Clean words for the public."}, items)
    workflow.submit(published, drafter)
    workflow.approve(published, reviewer)
    workflow.publish(published, publisher)

    # 3. An internal remark.
    Remark.objects.create(response=published, author=reviewer, text=f"Internal only {MARKER}")

    # 4. An amendment of the published response, saved but not published.
    workflow.amend(published, drafter)
    published.refresh_from_db()
    amended = {item.finding_id: (f"Amended {MARKER}", "action-taken") for item in published.items.all()}
    fields = {"change_note": f"Note {MARKER}", "change_is_major": True, "signature": f"New signer {MARKER}"}
    workflow.save(published, drafter, published.edit_count, fields, amended)
    return {"draft": secret_draft, "published": published}


def _text_of(reply):
    body = b"".join(reply.streaming_content) if reply.streaming else reply.content
    if reply.get("Content-Type", "").startswith("application/pdf"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


def _crawl(client, start_urls):
    seen, queue, pages = set(), deque(start_urls), {}
    while queue:
        url = queue.popleft().split("#")[0]
        if url in seen or url.startswith(("/staff", "/admin", "/static/")):
            continue
        seen.add(url)
        reply = client.get(url)
        pages[url] = (reply.status_code, _text_of(reply))
        if reply.get("Content-Type", "").startswith("text/html"):
            for link in re.findall(r'href="(/[^"]*)"', pages[url][1]):
                queue.append(link)
    return pages


def test_the_marker_appears_on_no_public_url(planted):
    published, draft = planted["published"], planted["draft"]
    anonymous = Client()
    known = [
        "/",
        "/reports/",
        draft.get_absolute_url(),
        draft.get_pdf_url(),
        published.get_absolute_url(),
        published.get_pdf_url(),
        f"{published.get_absolute_url()}versions/1/",
        f"{published.get_absolute_url()}versions/1.pdf",
        f"{published.get_absolute_url()}versions/2/",
        "/bodies/",
        f"/bodies/{draft.body.slug}/",
        f"/bodies/{published.body.slug}/",
        *OPEN_DATA,
        # The JSON API (public/api/): its page, its lists and a response's detail (a draft's is a 404).
        "/api/",
        "/api/v1/bodies/",
        "/api/v1/reports/",
        "/api/v1/findings/",
        "/api/v1/responses/",
        f"/api/v1/reports/{published.report.slug}/",
        f"/api/v1/responses/{published.report.slug}/{published.body.slug}/",
        f"/api/v1/responses/{draft.report.slug}/{draft.body.slug}/",
        f"/reports/{published.report.slug}/responses.atom",
        f"/bodies/{published.body.slug}/responses.atom",
        f"/bodies/{draft.body.slug}/responses.atom",
    ]
    pages = _crawl(anonymous, known)
    assert all(pages[url][0] == 200 for url in OPEN_DATA)
    assert pages[published.get_absolute_url()][0] == 200
    assert pages[published.get_pdf_url()][0] == 200
    assert pages[draft.get_absolute_url()][0] == 404
    assert pages[f"/bodies/{draft.body.slug}/"][0] == 200
    assert len(pages) >= 8
    assert len([url for url, (status, _) in pages.items() if "/findings/" in url and status == 200]) >= 2
    # Tags stripped first: search results wrap each matched word in <mark>, which would hide a leak.
    leaks = [url for url, (_, text) in pages.items() if MARKER in re.sub(r"<[^>]+>", "", text)]
    assert leaks == []


def test_the_marker_is_in_no_stored_public_file(planted):
    for path in Path(settings.MEDIA_ROOT).rglob("*.pdf"):
        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
        assert MARKER not in text, path


def test_the_staff_area_does_hold_the_marker(planted, client, drafter):
    """The marker is really planted: the body's own staff can see it (so the test above can fail)."""
    client.force_login(drafter)
    assert MARKER in client.get(planted["published"].get_staff_url()).content.decode()
    assert MARKER in client.get(f"/staff/responses/{planted['draft'].pk}/preview/").content.decode()
    planted["published"].refresh_from_db()
    planted["draft"].refresh_from_db()
    assert MARKER in planted["published"].signature and MARKER in planted["draft"].signature
