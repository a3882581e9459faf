"""Open data: CSV downloads of reports, findings and published responses, and the page describing them.

Responses are read from the live published version's snapshot, never the working copy, so a draft
or an amendment not yet published is never in a download. Each CSV is streamed (the responses file
of a national data set runs to 150,000 rows) from a fixed number of queries: `iterator()` reads in
chunks without holding every row in memory.

Formula injection: a spreadsheet treats a cell starting with =, +, -, @ (or a tab or carriage
return) as a formula, and published text is written by people outside our control. Such a cell is
written with a leading apostrophe ('), which spreadsheets show as text and which readers of the
data should strip. Every column is treated the same, so the rule is simple to state and to undo.
"""

import csv
import io

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse

from responses.models import Response
from tracker.models import Finding, InspectionReport

CHUNK_ROWS = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Each download's columns, in order, with what each means: the header row and the /data/ page
# both come from here, so they cannot disagree.
REPORT_COLUMNS = [
    ("slug", "The report's identifier in this tracker's addresses."),
    ("title", "The report's title."),
    ("type", "The kind of report, as a code (peel, national-thematic, ncpi, jtai, …)."),
    ("published_on", "The report's original publication date (YYYY-MM-DD): the 56-day clock starts here."),
    ("due_on", "The last day for responses: the publication date plus 55 days (s.55(5A))."),
    ("concerns_all_forces", "yes for a national report every local policing body answers; no otherwise."),
    ("forces", "The forces the report concerns, separated by semicolons (empty for a national report)."),
    ("source_url", "Where HMICFRS published the report."),
    ("url", "The report's page on this site."),
]
FINDING_COLUMNS = [
    ("report_slug", "The report the finding is in (the slug column of reports.csv)."),
    ("reference", 'The finding\'s number as printed, for example "Recommendation 3".'),
    ("kind", "recommendation, area-for-improvement, cause-of-concern or accelerated-cause-of-concern."),
    ("text", "The finding's words."),
    ("addressees", "Whom the finding is addressed to, separated by semicolons."),
    ("deadline", "A deadline the finding itself sets: a date (YYYY-MM-DD) if it names one, else its words."),
]
RESPONSE_COLUMNS = [
    ("report_slug", "The report answered (the slug column of reports.csv)."),
    ("body_slug", "The local policing body that answered."),
    ("body_name", "The body's name as published."),
    ("finding_reference", "The finding answered (the reference column of findings.csv)."),
    ("position", "The body's position (s.55(5B)): action-taken, action-proposed, no-action, or empty."),
    ("comment", "The body's comment on the finding, as published."),
    (
        "quoted_text",
        "Empty for the report's own findings. For a finding the response quoted that the report (as"
        " recorded here) does not have: the text as the response quoted it.",
    ),
    ("published_on", "When the response was first published (YYYY-MM-DD); empty if the date is not known."),
    ("on_time", "yes if first published by the due date, no if later, empty if the date is not known."),
    ("imported", "yes for a record of a response first published elsewhere and recorded here later."),
    ("withdrawn", "yes if the body has since withdrawn the response (its text stays public)."),
    ("url", "The response's page on this site."),
    ("signature", "Who signed the response, as published: name and office, one per line; empty if unsigned."),
]


def _cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _yes_no(value):
    return "" if value is None else ("yes" if value else "no")


def _csv_response(filename, columns, rows):
    """Stream `rows` (lists of values) as a UTF-8 CSV download with a header row."""

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([name for name, _ in columns])
        for count, row in enumerate(rows, start=1):
            writer.writerow([_cell(value) for value in row])
            if count % CHUNK_ROWS == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _report_rows(request):
    reports = InspectionReport.objects.prefetch_related("forces").order_by("published_on", "slug")
    for report in reports.iterator(chunk_size=CHUNK_ROWS):
        yield [
            report.slug,
            report.title,
            report.report_type,
            report.published_on.isoformat(),
            report.responses_due_on.isoformat(),
            _yes_no(report.concerns_all_forces),
            "; ".join(force.name for force in report.forces.all()),
            report.source_url,
            request.build_absolute_uri(report.get_absolute_url()),
        ]


def _finding_rows():
    findings = (
        Finding.objects.select_related("report")
        .only("reference", "kind", "text", "deadline_on", "deadline_text", "order", "report__slug")
        .prefetch_related("addressees", "addressed_forces")
        .order_by("report__published_on", "report__slug", "order", "pk")
    )
    for finding in findings.iterator(chunk_size=CHUNK_ROWS):
        addressees = [a.name for a in finding.addressees.all()] + [f.name for f in finding.addressed_forces.all()]
        yield [
            finding.report.slug,
            finding.reference,
            finding.kind,
            finding.text,
            "; ".join(addressees),
            finding.deadline_on.isoformat() if finding.deadline_on else finding.deadline_text,
        ]


def _response_rows(request):
    responses = (
        Response.objects.published()
        .select_related("report", "body", "current_version")
        .only(
            "published_at",
            "publication_date_known",
            "is_imported",
            "status",
            "report__slug",
            "report__published_on",
            "body__slug",
            "current_version__snapshot",
        )
        .order_by("report__published_on", "report__slug", "body__slug")
    )
    for response in responses.iterator(chunk_size=CHUNK_ROWS):
        snapshot = response.current_version.snapshot
        published_on = response.published_on
        facts = [
            published_on.isoformat() if published_on else "",
            _yes_no(response.published_on_time),
            _yes_no(response.is_imported),
            _yes_no(response.is_withdrawn),
            request.build_absolute_uri(response.get_absolute_url()),
            snapshot.get("signature", ""),  # none in versions published before responses carried one
        ]
        for item in snapshot["items"]:
            yield [
                response.report.slug,
                response.body.slug,
                snapshot["body"]["name"],
                item["reference"],
                item["position"],
                item["comment"],
                "",
                *facts,
            ]
        # Findings the response quoted that the report does not have (an imported response's
        # Quotations): published text too, so open data carries it.
        for quotation in snapshot.get("quotations", []):
            yield [
                response.report.slug,
                response.body.slug,
                snapshot["body"]["name"],
                quotation["reference"],
                quotation["position"],
                quotation["comment"],
                quotation["text"],
                *facts,
            ]


def reports_csv(request):
    return _csv_response("reports.csv", REPORT_COLUMNS, _report_rows(request))


def findings_csv(request):
    return _csv_response("findings.csv", FINDING_COLUMNS, _finding_rows())


def responses_csv(request):
    return _csv_response("responses.csv", RESPONSE_COLUMNS, _response_rows(request))


def data(request):
    downloads = [
        ("Reports", reverse("public:reports_csv"), "One row per inspection report.", REPORT_COLUMNS),
        ("Findings", reverse("public:findings_csv"), "One row per finding of every report.", FINDING_COLUMNS),
        (
            "Responses",
            reverse("public:responses_csv"),
            "One row per finding answered in a published response, from the version now published, and"
            " one per finding it quoted that the report, as recorded here, does not have.",
            RESPONSE_COLUMNS,
        ),
    ]
    return render(request, "public/data.html", {"downloads": downloads})
