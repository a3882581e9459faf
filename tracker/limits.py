"""Limits on what people send and on the work it causes: one place to read them all.

Every limit is generous for a real response (the longest real introductions and comments run to a
few thousand characters) and stops input that would tie up a web worker: a text no PDF could
render within the server's timeout, a CSV whose checks run for minutes, JSON that crashes the
parser. A refusal names the field and the limit, in words a person can act on, and a form that
refuses keeps what was typed.

The field limits are product rules and live here; those that depend on the server are settings
(tracker/settings.py, "Limits on input and work"): REQUEST_MAX_MB, RESPONSE_PDF_MAX_CHARACTERS,
IMPORT_MAX_ROWS, WORD_UPLOAD_MAX_MB.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponseBadRequest
from django.shortcuts import render

# Characters in each text field staff type (responses/forms.py), and in the same texts imported.
RESPONSE_TEXT_MAX = 50_000  # the introduction, the chief officer's comments, the reply, each item's comment
NOTE_MAX = 10_000  # a change note, a reason (request changes, force publish, withdraw), a remark, a history comment,
# a late publication's public explanation
# A response's sign-off: a few lines of name and office, but as long as the import format lets an
# imported one be (NOTE_MAX), so that the editor never refuses a signature the tracker already holds.
SIGNATURE_MAX = NOTE_MAX
FINDING_TEXT_MAX = 50_000  # a finding's text (or a report's summary) in an import
REPORT_TITLE_MAX = 500  # a report's title (InspectionReport.title), typed or imported

# How deeply an imported JSON document may nest: the import format needs 6 levels.
JSON_MAX_DEPTH = 32

# An uploaded Word file (responses/word.py; its size is the setting WORD_UPLOAD_MAX_MB) is refused
# unread if its archive would unpack to more than this, in total or as a multiple of its size, or
# holds more files: a draft of a response is a few hundred kilobytes of XML, so only a "zip bomb"
# comes near these.
WORD_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
WORD_MAX_COMPRESSION_RATIO = 100
WORD_MAX_PARTS = 1000


def response_pdf_max_characters():
    return settings.RESPONSE_PDF_MAX_CHARACTERS


def import_max_rows():
    return settings.IMPORT_MAX_ROWS


def too_long(name, limit):
    """The GOV.UK wording of a length refusal: "Introduction must be 50,000 characters or fewer"."""
    return f"{name} must be {limit:,} characters or fewer"


def has_nul(name):
    """PostgreSQL cannot store U+0000 in text, so it is refused where it comes in."""
    return f"{name} must not contain the character U+0000"


def bad_request(request, exception=None):
    """The 400 page (root_urls.handler400). A form too large for Django to read
    (DATA_UPLOAD_MAX_MEMORY_SIZE) was refused before any of it was read, so nothing typed can be
    shown again: the page says so, and that the browser's Back button may still have it."""
    context = {
        "too_big": isinstance(exception, RequestDataTooBig),
        "too_many_fields": isinstance(exception, TooManyFieldsSent),
        "limit_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024),
        "response_text_max": f"{RESPONSE_TEXT_MAX:,}",
        "note_max": f"{NOTE_MAX:,}",
    }
    try:
        return render(request, "400.html", context, status=400)
    except Exception:  # noqa: BLE001 - a refusal must not become a 500 (the layout needs a sane request)
        return HttpResponseBadRequest(PLAIN_400, content_type="text/html; charset=utf-8")


PLAIN_400 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sorry, the tracker could not read that request</title></head>
<body><main><h1>Sorry, the tracker could not read that request</h1>
<p>Nothing was saved. Go back and try again.</p></main></body></html>
"""
