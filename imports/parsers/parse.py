"""One entry point per kind of import: bytes and a format in, Parsed* out."""

from imports.parsers.parsed import ImportProblem
from imports.parsers.sources import decode_text, detect_format


def parse_report(data, *, name="", fmt="auto", title="", published_on=None, report_type=None, progress=None):
    """A ParsedReport from any supported format; `title` etc. fill in what the source lacks (CSV)."""
    from imports.parsers import report_pdf, report_text, structured

    fmt = detect_format(data, name, fmt)
    if fmt == "pdf":
        parsed = report_pdf.parse_report_pdf(data, progress=progress)
    elif fmt == "json":
        parsed = structured.report_from_json(decode_text(data))
    elif fmt == "csv":
        parsed = structured.report_from_csv(
            decode_text(data), title=title, published_on=published_on, report_type=report_type or "other"
        )
    elif fmt == "html":
        parsed = report_pdf.parse_report_html(decode_text(data))
    else:
        parsed = report_text.parse_report_text(decode_text(data), title_hint=title)
    if title:
        parsed.title = title
    if published_on:
        parsed.published_on = published_on
    if report_type:
        parsed.report_type = report_type
    if not parsed.title:
        raise ImportProblem("The report's title was not found: give it with --title, or in the title field")
    return parsed


def parse_response(data, *, name="", fmt="auto"):
    """A ParsedResponse from a published response saved as text, HTML or the JSON format."""
    from imports.parsers import response_text, structured

    fmt = detect_format(data, name, fmt)
    if fmt == "pdf":
        raise ImportProblem(
            "Responses are imported from web pages (HTML), text or JSON, not PDF: save the page and try again"
        )
    if fmt == "csv":
        raise ImportProblem(
            "Responses are imported from web pages (HTML), text or JSON; CSV is for a report's findings"
        )
    text = decode_text(data)
    if fmt == "json":
        return structured.response_from_json(text)
    if fmt == "html":
        return response_text.parse_response_html(text)
    return response_text.parse_response_text(text)
