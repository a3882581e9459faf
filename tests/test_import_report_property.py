"""Whatever it is given, the report importer either parses or says what is wrong (ImportProblem).

A crash on odd input would show a person a server error instead of a message they can act on.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.parsers.parsed import ImportProblem, ParsedReport
from imports.parsers.report_pdf import parse_report_html, parse_report_pdf
from imports.parsers.report_text import parse_report_text
from tests import report_pdfs

# Pieces of real report text, so generated input reaches the finding reader and not just the
# "nothing found" exit.
FRAGMENTS = st.sampled_from(
    [
        "Recommendation",
        "Recommendations",
        "Area for improvement",
        "Areas for improvement",
        "AFI",
        "Cause of concern",
        "Accelerated cause of concern",
        "Causes of concern",
        "1",
        "2",
        "12",
        "3.",
        "1)",
        "(a)",
        "\u2022",
        "-",
        "*",
        "-\n",
        ":",
        ".",
        " ",
        "\n",
        "\n\n",
        "\f",
        "\u00ad",
        "\ufffe",
        "By 31 March 2024,",
        "By 31 February 2024",
        "With immediate effect",
        "Within six months",
        "chief constables should",
        "the force should:",
        "PCCs",
        "NPCC",
        "We recommend that",
        "organ-",
        "isations",
        "Published: 12/03/2024",
        "99/99/2024",
        "\u201c",
        "\u2019",
        "\u00a0",
        "\x00",
        # Contents lines, tables, footnote calls and notes, Welsh, register numbers.
        "Contents",
        "Introduction 3",
        "Areas for improvement 6",
        "Recommendations ........ 12",
        "Recommendation | Owner | Deadline",
        " | ",
        "|",
        "Chief constables | 31 March 2025",
        "services.12",
        "research15",
        "\u00b9\u00b2",
        "12 Home Office guidance",
        "Argymhelliad 1",
        "Dylai'r heddlu",
        "Reference: 2023/045",
    ]
)
REPORTISH_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=60).map("".join)

PDF = report_pdfs.make_report_pdf()


def _parses_or_refuses(parse, data):
    try:
        assert isinstance(parse(data), ParsedReport)
    except ImportProblem as problem:
        assert str(problem)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_parses_or_gives_an_import_problem(text):
    _parses_or_refuses(parse_report_text, text)


@settings(max_examples=200, deadline=None)
@given(REPORTISH_TEXT, st.text(max_size=30))
def test_text_made_of_report_fragments_parses_or_gives_an_import_problem(text, title_hint):
    try:
        report = parse_report_text(text, title_hint=title_hint)
    except ImportProblem:
        return
    references = [f.reference for f in report.findings]
    assert len(references) == len(set(references)), "references must be unique in a report"
    assert all(f.text.strip() for f in report.findings), "no finding without words"
    concerns = {f.reference for f in report.findings if "concern" in f.kind}
    assert {f.cause_of_concern for f in report.findings} <= concerns | {""}


# Random bytes dressed as a PDF (header and end marker), so some get past the first checks.
PDF_SHAPED = st.binary(max_size=2048).map(lambda middle: b"%PDF-1.7\n" + middle + b"\n%%EOF\n")


@settings(max_examples=50, deadline=None)
@given(st.one_of(st.binary(max_size=4096), PDF_SHAPED))
def test_any_bytes_parse_or_give_an_import_problem(data):
    _parses_or_refuses(parse_report_pdf, data)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(PDF) - 1), st.binary(min_size=1, max_size=64), st.booleans())
def test_a_damaged_real_pdf_parses_or_gives_an_import_problem(at, junk, overwrite):
    """Bytes overwritten or inserted inside a real report: past the "is it a PDF" check, into the reader."""
    damaged = PDF[:at] + junk + PDF[at + (len(junk) if overwrite else 0) :]
    _parses_or_refuses(parse_report_pdf, damaged)


# Pieces of web pages: a register's details and status history, tables, numbered lists, notes.
TAGS = st.sampled_from(
    [
        "<dl>",
        "</dl>",
        "<dt>Reference:</dt>",
        "<dd>2023/045</dd>",
        "<dd>AFI-2022-012</dd>",
        "<dt>Status</dt><dd>Open</dd>",
        "<dt>Type</dt><dd>Area for improvement</dd>",
        "<h2>Our commentary</h2>",
        "<h2>Status history</h2>",
        "<table>",
        "</table>",
        "<tr><th>Recommendation</th><th>Owner</th><th>Deadline</th></tr>",
        "<tr><td>1. Forces should act.</td><td>Chief constables</td><td>Immediately</td></tr>",
        "<tr><td></td><td>",
        '<ol start="4">',
        '<ol start="x">',
        "</ol>",
        "<li>",
        '<li value="-1">',
        "<sup>12</sup>",
        '<p id="fn12">12 A note.</p>',
        '<p lang="cy">Dylai\'r heddlu</p>',
        "<main>",
        "<article>",
        "</article>",
        "<p>",
        "</p>",
        "<h3>",
        "</h3>",
    ]
)
HTMLISH = st.lists(st.one_of(TAGS, FRAGMENTS, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(HTMLISH)
def test_web_pages_and_register_pages_parse_or_give_an_import_problem(html):
    try:
        report = parse_report_html(html)
    except ImportProblem as problem:
        assert str(problem)
        return
    assert isinstance(report, ParsedReport)
    assert all(f.text.strip() for f in report.findings), "no finding without words"
    references = [f.reference for f in report.findings]
    assert len(references) == len(set(references)), "references must be unique in a report"


# Boxed findings, tables and notes laid out by WeasyPrint: slow, so few examples.
PDF_PIECES = st.sampled_from(
    [
        '<div style="border: 1pt solid; background: #eee">',
        "</div>",
        "<h3>Recommendation 1</h3>",
        "<h3>Area for improvement 2</h3>",
        "<p>The force should act.</p>",
        "<p>It should also report.</p>",
        "<table><tr><th>Recommendation</th><th>Owner</th></tr><tr><td>1. Forces should act.</td><td>PCCs</td></tr></table>",
        '<p style="font-size: 7pt">12 A note at the foot.</p>',
        "<p>services<sup>12</sup> and more.</p>",
        '<div style="height: 200mm"></div>',
        "<p>Contents</p><p>Introduction 3</p>",
    ]
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PDF_PIECES, min_size=1, max_size=12).map("".join))
def test_laid_out_pdfs_with_boxes_tables_and_notes_parse_or_give_an_import_problem(body):
    try:
        report = parse_report_pdf(report_pdfs.html_to_pdf(report_pdfs.report_html(body)))
    except ImportProblem as problem:
        assert str(problem)
        return
    assert all(f.text.strip() for f in report.findings), "no finding without words"
