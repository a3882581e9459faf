"""Snapshots of a response and their rendering: one data path for preview, revisions and publication.

A snapshot is a plain JSON-able dict holding everything the public page and the PDF show, so a
published version can be rendered from it alone, however the report or body change later.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.template.loader import render_to_string
from weasyprint import HTML

from tracker.deadlines import days_late, days_late_words, is_on_time
from tracker.models import Finding
from tracker.vocabulary import Position

SCHEMA = 1


def take_snapshot(response):
    """The working copy of `response` as a snapshot. Costs a fixed number of queries."""
    items = response.items.select_related("finding__cause_of_concern").prefetch_related(
        "finding__addressees", "finding__addressed_forces"
    )
    return snapshot_from(
        response,
        [item_snapshot(item) for item in items],
        [_quotation_snapshot(quotation) for quotation in response.quotations.all()],
    )


def snapshot_from(response, items, quotations):
    """The snapshot of `response` around its items and quotations, already taken: the one place the
    format is written (take_snapshot, and the bench data set, which takes items without queries)."""
    report = response.report
    return {
        "schema": SCHEMA,
        "report": {
            "title": report.title,
            "slug": report.slug,
            "published_on": report.published_on.isoformat(),
            "due_on": report.responses_due_on.isoformat(),
            "source_url": report.source_url,
        },
        "body": {"name": response.published_body_name or response.body.name, "slug": response.body.slug},
        "is_example": response.is_example,
        # An imported record: a response first published elsewhere, and where (schema 1 snapshots
        # written before these keys were added render without them).
        "is_imported": response.is_imported,
        "original_url": response.original_url,
        "original_published_on": _iso(response.original_published_on),
        "introduction": response.introduction,
        "chief_officer_comments": response.chief_officer_comments,
        "chief_officer_comments_received_on": _iso(response.chief_officer_comments_received_on),
        "reply_to_chief_officer": response.reply_to_chief_officer,
        # The sign-off (schema 1 snapshots written before this key was added render without one).
        "signature": response.signature,
        "change_note": response.change_note,
        "change_is_major": response.change_is_major,
        "items": items,
        "quotations": quotations,
    }


def item_snapshot(item, addressees=None):
    """One item of a snapshot. `addressees` (names, addressees first, then forces) when the caller
    has them already; else read from the finding (prefetched by take_snapshot)."""
    finding = item.finding
    if addressees is None:
        addressees = [a.name for a in finding.addressees.all()] + [f.name for f in finding.addressed_forces.all()]
    return {
        "finding_id": finding.pk,
        "reference": finding.reference,
        "kind": finding.kind,
        "text": finding.text,
        "addressees": addressees,
        "deadline": finding.deadline_text or (finding.deadline_on.strftime("%-d %B %Y") if finding.deadline_on else ""),
        "cause_of_concern": finding.cause_of_concern.reference if finding.cause_of_concern else "",
        "comment": item.comment,
        "position": item.position,
    }


def _quotation_snapshot(quotation):
    return {
        "reference": quotation.reference,
        "text": quotation.text,
        "comment": quotation.comment,
        "position": quotation.position,
    }


def _iso(day):
    return day.isoformat() if day else None


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


POSITION_LABELS = dict(Position.choices)


def _web_address(url):
    """Only an http(s) address becomes a link: anything else (javascript:, data:) is never shown."""
    return url if urlsplit(url or "").scheme.lower() in ("http", "https") else ""


@dataclass
class Section:
    heading: str
    items: list = field(default_factory=list)


def document(snapshot, *, published_on=None, updated_on=None, known_before=None, late_explanation=""):
    """The template context for a snapshot: dates parsed, items grouped into sections by kind.

    `published_on` is the response's first publication date, `updated_on` that of this version
    when it is an amendment; both None for a preview (where an imported record shows the original
    date it will be published with). `known_before` is set instead of `published_on` for an
    imported response whose original date is not known. `late_explanation` is the publisher's
    public explanation of a late publication: given at publication, after the snapshot was
    approved, so it is not part of the snapshot, and shown only beside a lateness.
    """
    sections = []
    for item in snapshot["items"]:
        heading = Finding.KIND_PLURALS.get(item["kind"], "Findings")
        if not sections or sections[-1].heading != heading:
            sections.append(Section(heading))
        sections[-1].items.append({**item, "position_label": POSITION_LABELS.get(item["position"], "")})
    due_on = _date(snapshot["report"]["due_on"])
    is_imported = snapshot.get("is_imported", False)
    if is_imported and published_on is None and known_before is None and updated_on is None:
        published_on = _date(snapshot.get("original_published_on"))
    quotations = [
        {**quotation, "position_label": POSITION_LABELS.get(quotation.get("position", ""), "")}
        for quotation in snapshot.get("quotations", [])
    ]
    return {
        "report": {**snapshot["report"], "published_on": _date(snapshot["report"]["published_on"]), "due_on": due_on},
        "body_name": snapshot["body"]["name"],
        "is_example": snapshot.get("is_example", False),
        "introduction": snapshot["introduction"],
        "chief_officer_comments": snapshot["chief_officer_comments"],
        "chief_officer_comments_received_on": _date(snapshot["chief_officer_comments_received_on"]),
        "reply_to_chief_officer": snapshot["reply_to_chief_officer"],
        "sections": sections,
        "signature": snapshot.get("signature", ""),
        "is_imported": is_imported,
        "original_url": _web_address(snapshot.get("original_url", "")),
        "quotations": quotations,
        "published_on": published_on,
        "updated_on": updated_on,
        "known_before": known_before,
        "on_time": is_on_time(published_on, due_on) if published_on else None,
        "days_late": days_late_words(days_late(published_on, due_on)) if published_on else "",
        "late_explanation": late_explanation,
        "title": f"{snapshot['body']['name']}: response to {snapshot['report']['title']}",
    }


def render_html(snapshot, **publication):
    """The response's words as an HTML fragment, the same for the web page, the preview and the PDF.
    `publication`: the dates and late explanation of document()."""
    return render_to_string("responses/_document.html", {"doc": document(snapshot, **publication)})


def text_length(snapshot):
    """Characters of text in a snapshot: what a PDF of it costs to lay out (tracker/limits.py)."""
    total, pending = 0, [snapshot]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return total


# A run of this many characters with nowhere to break a line gets a zero-width space after every
# BREAK_EVERY of them in the PDF. The stylesheet's `overflow-wrap: anywhere` alone keeps such text
# on the page, but WeasyPrint lays out the rest of the paragraph again at each forced break: a
# 50,000-character token took 18 s (under 1 s in pieces). Pieces this short fit any line of the PDF,
# so no break is forced; the spaces are invisible, and pdftotext does not extract them.
BREAK_EVERY = 20
_UNBROKEN = re.compile(rf"\S{{{BREAK_EVERY + 1},}}")
_PIECE = re.compile(rf"\S{{{BREAK_EVERY}}}(?=\S)")
ZERO_WIDTH_SPACE = "\u200b"


def _breakable(text):
    if not text or len(text) <= BREAK_EVERY:
        return text
    return _UNBROKEN.sub(lambda run: _PIECE.sub(lambda piece: piece.group() + ZERO_WIDTH_SPACE, run.group()), text)


def _breakable_prose(doc):
    """The document's free text (never its addresses, names or title, which go into links and the
    PDF's metadata), with line-break opportunities in long unbroken runs."""
    doc = {**doc}
    for key in ("introduction", "chief_officer_comments", "reply_to_chief_officer", "signature", "late_explanation"):
        doc[key] = _breakable(doc[key])
    doc["sections"] = [
        Section(
            section.heading,
            [
                {**item, "text": _breakable(item["text"]), "comment": _breakable(item["comment"])}
                for item in section.items
            ],
        )
        for section in doc["sections"]
    ]
    doc["quotations"] = [
        {**quotation, "text": _breakable(quotation["text"]), "comment": _breakable(quotation["comment"])}
        for quotation in doc["quotations"]
    ]
    return doc


def render_pdf(snapshot, **publication):
    """The response as a tagged PDF (PDF/UA-1: structure tree, language, title)."""
    doc = _breakable_prose(document(snapshot, **publication))
    html = render_to_string(
        "responses/response_pdf.html",
        {"doc": doc, "content": render_to_string("responses/_document.html", {"doc": doc})},
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def sha256(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
