"""Whatever it is given, the report importer either parses or says what is wrong (ImportProblem).

A crash on odd input would show a person a server error instead of a message they can act on.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.parsers.parsed import ImportProblem, ParsedReport
from imports.parsers.report_pdf import parse_report_pdf
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
