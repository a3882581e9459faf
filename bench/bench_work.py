"""Bounded work (issue 8): reading a CSV of 1,000,000 findings, and rendering a response's PDF.

Run by `make bench` through bench_import.py, after Django is set up; or alone:

    DJANGO_SETTINGS_MODULE=tracker.settings_test .venv/bin/python bench/bench_work.py
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _seconds(started):
    return f"{time.perf_counter() - started:.2f} s"


def _csv(rows):
    """A CSV of findings like the one in issue 8 (1,000,000 rows, about 33 MB: under IMPORT_MAX_MB)."""
    return "kind,reference,text\n" + "".join(f"recommendation,R{n},Act on it.\n" for n in range(rows))


def bench_csv(rows=1_000_000):
    from django.conf import settings
    from django.test import override_settings

    from imports.parsers.parsed import ImportProblem
    from imports.parsers.structured import report_from_csv

    text = _csv(rows)
    size = f"{len(text.encode()) / (1024 * 1024):.1f} MB"
    limit = settings.IMPORT_MAX_ROWS
    started = time.perf_counter()
    try:
        report_from_csv(text, title="A report")
        outcome = "parsed"
    except ImportProblem:
        outcome = f"refused at IMPORT_MAX_ROWS ({limit:,} rows)"
    print(f"CSV of {rows:,} rows ({size}): {outcome} in {_seconds(started)}")

    with override_settings(IMPORT_MAX_ROWS=rows):
        for count in (rows // 10, rows):
            started = time.perf_counter()
            parsed = report_from_csv(text if count == rows else _csv(count), title="A report")
            print(
                f"CSV of {count:,} rows with IMPORT_MAX_ROWS at {rows:,}: parsed in {_seconds(started)} ({len(parsed.findings):,} findings)"
            )
            del parsed


def _snapshot(findings=20):
    """A response as published: an introduction, the chief officer's comments and a reply, and a
    comment of about 1,500 characters on each finding."""
    paragraph = (
        "The force has agreed an action plan with named owners and dates, and we will scrutinise its "
        "delivery at the public accountability board each quarter, publishing the minutes. "
    )
    prose = "\n\n".join([paragraph * 3] * 3)
    return {
        "schema": 1,
        "report": {
            "title": "An inspection of how well the police respond to the public",
            "slug": "bench-report",
            "published_on": "2024-03-01",
            "due_on": "2024-04-25",
            "source_url": "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/",
        },
        "body": {"name": "Police and Crime Commissioner for Benchshire", "slug": "benchshire-pcc"},
        "is_example": False,
        "is_imported": False,
        "original_url": "",
        "original_published_on": None,
        "introduction": prose,
        "chief_officer_comments": prose,
        "chief_officer_comments_received_on": "2024-04-01",
        "reply_to_chief_officer": paragraph,
        "signature": "Alex Morgan\nPolice and Crime Commissioner for Benchshire",
        "change_note": "",
        "change_is_major": False,
        "quotations": [],
        "items": [
            {
                "finding_id": n,
                "reference": f"Recommendation {n}",
                "kind": "recommendation",
                "text": f"By 31 March 2025, chief constables should make improvement {n} to the way they answer calls.",
                "addressees": ["Chief constables"],
                "deadline": "31 March 2025",
                "cause_of_concern": "",
                "comment": prose,
                "position": "action-proposed",
            }
            for n in range(1, findings + 1)
        ],
    }


def bench_render(findings=20):
    from pypdf import PdfReader

    from responses.snapshot import render_pdf, text_length

    snapshot = _snapshot(findings)
    render_pdf(_snapshot(1))  # fonts loaded once, as in a running server
    started = time.perf_counter()
    pdf = render_pdf(snapshot)
    elapsed = _seconds(started)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"PDF render of a {findings}-finding response ({text_length(snapshot):,} characters, {pages} pages, {len(pdf) / 1024:.0f} KB): {elapsed}"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings_test")
    import django

    django.setup()
    bench_csv()
    bench_render()
