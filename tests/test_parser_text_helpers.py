"""One home for the text rules the report and response parsers share (imports/parsers/text.py).

The report side and the response side once had a copy each of the debris list, the lost-word
detector, the date reader, the cleaning characters, the sentence end, the list marks, the words of
the kinds of finding and the Welsh detector, and the copies had drifted apart. These tests pin that
both sides use the one rule (the same objects, and no other module writing the rule again), and
that what one side learnt the other now knows.
"""

import ast
import datetime
import re
from pathlib import Path

import pytest

from imports.parsers import (
    finding_details,
    footnotes,
    html_text,
    pdf_layout,
    report_register,
    report_tables,
    report_text,
    response_header,
    response_html,
    response_items,
    response_paragraphs,
    response_signoff,
    response_text,
    response_welsh,
    text,
    text_blocks,
)
from imports.parsers.report_text import parse_report_text
from imports.parsers.response_text import parse_response_html, parse_response_text
from imports.parsers.text_blocks import clean_lines

PARSERS = Path(text.__file__).parent

# --- The same objects on both sides ----------------------------------------------------------------


@pytest.mark.parametrize(
    "module, name, shared",
    [
        (report_text, "is_debris", text.is_debris),
        (response_paragraphs, "is_debris", text.is_debris),
        (response_signoff, "is_debris", text.is_debris),
        (report_text, "is_skip_link", text.is_skip_link),
        (html_text, "is_skip_link", text.is_skip_link),
        (html_text, "FURNITURE_MARKUP", text.FURNITURE_MARKUP),
        (report_text, "lost_word_suspects", text.lost_word_suspects),
        (response_items, "lost_word_suspects", text.lost_word_suspects),
        (finding_details, "parse_date", text.parse_date),
        (report_tables, "parse_date", text.parse_date),
        (report_register, "parse_date", text.parse_date),
        (response_header, "parse_date", text.parse_date),
        (finding_details, "DATE", text.DATE),
        (response_header, "DATE", text.DATE),
        (text_blocks, "clean_text", text.clean_text),
        (response_text, "clean_text", text.clean_text),
        (text_blocks, "ends_sentence", text.ends_sentence),
        (report_text, "ends_sentence", text.ends_sentence),
        (pdf_layout, "ends_sentence", text.ends_sentence),
        (response_paragraphs, "ends_sentence", text.ends_sentence),
        (text_blocks, "BULLET", text.BULLET),
        (response_paragraphs, "DASHED_BULLET", text.DASHED_BULLET),
        (text_blocks, "NUMBERED", text.NUMBERED),
        (response_paragraphs, "NUMBERED", text.NUMBERED),
        (text_blocks, "kind_label", text.kind_label),
        (report_tables, "kind_label", text.kind_label),
        (report_register, "kind_label", text.kind_label),
        (report_text, "finding_kind", text.finding_kind),
        (response_items, "finding_kind", text.finding_kind),
        (response_html, "finding_kind", text.finding_kind),
        (report_text, "is_welsh", text.is_welsh),
        (response_welsh, "is_welsh", text.is_welsh),
        (footnotes, "SUPERSCRIPTS", text.SUPERSCRIPTS),
        (response_paragraphs, "SUPERSCRIPTS", text.SUPERSCRIPTS),
        (report_tables, "NUMBER_COLUMN", text.NUMBER_COLUMN),
        (response_html, "NUMBER_COLUMN", text.NUMBER_COLUMN),
    ],
)
def test_both_parsers_use_the_one_shared_rule(module, name, shared):
    assert getattr(module, name) is shared


# Names a module would give its own copy of a shared rule.
SHARED_NAMES = {
    "DEBRIS",
    "SKIP_LINK",
    "MONTHS",
    "WEEKDAY",
    "INVISIBLE",
    "LINE_BREAKS",
    "LIGATURES",
    "SENTENCE_END",
    "TERMINAL",
    "BULLET",
    "NUMBERED",
    "WELSH_WORDS",
    "ENGLISH_WORDS",
    "KINDS",
    "KIND_LABELS",
    "LOST_WORD",
    "SUPERSCRIPTS",
    "NUMBER_COLUMN",
    "parse_date",
    "is_debris",
    "is_welsh",
    "ends_sentence",
    "clean_text",
    "kind_label",
    "finding_kind",
    "suspected_lost_word",
    "lost_word_suspects",
    "_kind_from_words",
}
# Words that only a copy of a shared rule would write into a parser's patterns: month names (dates),
# cookie banners and skip links (debris), common Welsh words (Welsh).
SHARED_WORDS = re.compile(
    r"january|february|september|november|december|cookie|skip\\s\+to|skip to|javascript|dylai|heddluoedd"
)


def _parser_modules():
    return [path for path in sorted(PARSERS.glob("*.py")) if path.name not in ("text.py", "__init__.py")]


def _own_definitions(tree):
    """Names the module defines itself at its top level (not those it imports)."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            yield node.name
        elif isinstance(node, ast.Assign):
            yield from (target.id for target in node.targets if isinstance(target, ast.Name))


def _non_doc_strings(tree):
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def test_the_parser_modules_are_all_looked_at():
    names = {path.name for path in _parser_modules()}
    assert {"report_text.py", "text_blocks.py", "html_text.py", "finding_details.py", "response_items.py"} <= names


@pytest.mark.parametrize("path", _parser_modules(), ids=lambda path: path.name)
def test_no_parser_module_defines_its_own_copy_of_a_shared_rule(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert sorted(set(_own_definitions(tree)) & SHARED_NAMES) == []
    assert [s for s in _non_doc_strings(tree) if SHARED_WORDS.search(s)] == []


def test_the_one_home_check_would_see_a_copy():
    copy = ast.parse('MONTHS = {"january": 1}\nDEBRIS = re.compile(r"cookie|skip to")\n')
    assert sorted(set(_own_definitions(copy)) & SHARED_NAMES) == ["DEBRIS", "MONTHS"]
    assert [s for s in _non_doc_strings(copy) if SHARED_WORDS.search(s)] == ["january", "cookie|skip to"]


# --- What one side knew, the other now knows ----------------------------------------------------------

REPORT_TOP = "An inspection of how forces answer calls about knife crime\n\n"
RESPONSE_TOP = "HMICFRS: An inspection of how forces answer calls about knife crime\n\nResponse from: Exshire PCC\n\n"


def test_a_report_reads_dates_as_response_pages_write_them():
    report = parse_report_text(
        REPORT_TOP + "Published: Tuesday 12 March 2024\n\nRecommendation 1\n"
        "By 3rd of March 2025, chief constables should publish a plan for knife crime calls.\n"
    )
    assert report.published_on == datetime.date(2024, 3, 12)
    assert report.flags == []
    finding = report.findings[0]
    assert (finding.deadline_text, finding.deadline_on) == ("By 3rd of March 2025", datetime.date(2025, 3, 3))


def test_a_report_title_is_not_taken_from_page_furniture_the_response_side_knows():
    report = parse_report_text(
        "Back to top\n\nSign in\n\n" + REPORT_TOP + "Recommendation 1\nChief constables should publish a plan.\n"
    )
    assert report.title == "An inspection of how forces answer calls about knife crime"


def test_a_response_drops_the_furniture_the_report_side_knew():
    response = parse_response_text(
        "Sign in\n\nPlease enable JavaScript to use this site.\n\n" + RESPONSE_TOP + "Recommendation 1\n"
        "Chief constables should publish a plan.\n\nPCC response: The force published its plan in May.\n"
    )
    assert response.introduction == ""
    assert [(i.finding.reference, i.comment) for i in response.items] == [
        ("Recommendation 1", "The force published its plan in May.")
    ]


def test_a_word_lost_between_sentences_is_quoted_alike_by_both_parsers():
    finding = "Chief constables should end the needless criminalisation of Such steps would help children."
    report = parse_report_text(REPORT_TOP + f"Recommendation 1\n{finding}\n")
    response = parse_response_text(
        RESPONSE_TOP + f"Recommendation 1\n{finding}\n\nPCC response: The force agreed in May.\n"
    )
    assert [f.message for f in report.flags if f.where == "Recommendation 1"] == [
        "A word may be missing before \u201cSuch steps\u201d: check against the report"
    ]
    assert [f.message for f in response.flags] == [
        'Possible lost words before "Such steps" in Recommendation 1: check against the source'
    ]


def test_a_report_finding_that_stops_short_is_ended_by_the_reader_not_flagged():
    report = parse_report_text(REPORT_TOP + "Recommendations\n\n1. Chief constables should publish a plan for calls\n")
    assert report.findings[0].text == "Chief constables should publish a plan for calls."
    assert [f for f in report.flags if "missing" in f.message] == []


def test_windows_line_breaks_are_one_break_in_a_report_as_in_a_response():
    assert clean_lines("Recommendation 1\r\nChief constables should act.\r\nThey should act now.") == [
        "Recommendation 1",
        "Chief constables should act.",
        "They should act now.",
    ]
    report = parse_report_text(
        REPORT_TOP.replace("\n", "\r\n")
        + "Recommendation 1\r\nChief constables should act.\r\nThey should act now.\r\n"
    )
    assert [f.text for f in report.findings] == ["Chief constables should act. They should act now."]


def test_cleaning_keeps_soft_hyphens_only_for_the_report_dehyphenation():
    assert text.clean_text("organ\u00ad\nisations\u200b\x1f") == "organ\nisations"
    assert text.clean_text("organ\u00ad\nisations", keep_soft_hyphens=True) == "organ\u00ad\nisations"
    assert clean_lines("The force should help organ\u00ad\nisations in Exshire.") == [
        "The force should help organisations",
        "in Exshire.",
    ]


def test_ligatures_from_a_pdf_are_spelt_out_for_both_parsers():
    assert text.clean_text("e\ufb03cient \ufb01ndings") == "efficient findings"


def test_a_report_reads_the_bullets_response_pages_use():
    report = parse_report_text(
        REPORT_TOP
        + "Recommendations\n\n\u25ab The force should publish a plan.\n\n\u25ab The force should train staff.\n"
    )
    assert [(f.reference, f.text) for f in report.findings] == [
        ("Recommendation 1", "The force should publish a plan."),
        ("Recommendation 2", "The force should train staff."),
    ]


@pytest.mark.parametrize(
    "line, bullet, dashed",
    [
        ("\u2022 The force should act.", True, True),
        ("- The force should act.", True, True),
        ("\u2013 which the force agreed.", False, True),
        ("\u2014 which the force agreed.", False, True),
        ("\u2013", False, False),
    ],
)
def test_dashes_start_list_items_only_on_response_pages(line, bullet, dashed):
    assert bool(text.BULLET.match(line)) is bullet
    assert bool(text.DASHED_BULLET.match(line)) is dashed


@pytest.mark.parametrize(
    "line, number", [("3. The force…", "3"), ("3) The force…", "3"), ("(3) The force…", "3"), ("112. The…", "112")]
)
def test_numbered_items_are_read_alike(line, number):
    assert text.NUMBERED.match(line)["number"] == number


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Recommendations", "recommendation"),
        ("Findings", "recommendation"),
        ("AFI", "area-for-improvement"),
        ("AFIs:", "area-for-improvement"),
        ("Areas for improvement", "area-for-improvement"),
        ("Cause of concern", "cause-of-concern"),
        ("Causes of concern", "cause-of-concern"),
        ("COC", "cause-of-concern"),
        ("Accelerated causes of concern", "accelerated-cause-of-concern"),
        ("ACOC", "accelerated-cause-of-concern"),
    ],
)
def test_the_kind_of_finding_is_read_from_its_words_once(words, kind):
    assert text.finding_kind(words) == kind


def test_a_response_table_of_causes_of_concern_gives_causes_of_concern():
    html = (
        "<main><h1>HMICFRS: An inspection of how forces answer calls about knife crime</h1>"
        "<p>Response from: Exshire PCC</p><table><tr><th>Causes of concern</th><th>Response</th></tr>"
        "<tr><td>The force does not record calls well enough.</td><td>The force has a plan.</td></tr></table></main>"
    )
    response = parse_response_html(html)
    assert [(i.finding.reference, i.finding.kind, i.finding.text, i.comment) for i in response.items] == [
        (
            "Cause of concern 1",
            "cause-of-concern",
            "The force does not record calls well enough.",
            "The force has a plan.",
        )
    ]


@pytest.mark.parametrize(
    "passage, welsh",
    [
        ("Mae'r Comisiynydd wedi cytuno i'r argymhelliad ac mae'r heddlu wedi cyhoeddi cynllun.", True),
        ("Dylai prif gwnstabliaid sicrhau bod pob plentyn yn cael ei ddiogelu.", True),
        ("The Commissioner met Heddlu Dyfed-Powys and the force agreed to the plan.", False),
        ("Rydym yn croesawu'r adroddiad.", True),
    ],
)
def test_welsh_is_told_from_english_alike_on_both_sides(passage, welsh):
    assert text.is_welsh(passage) is welsh
    english, found = response_welsh.split_welsh([passage])
    assert found == ([passage] if welsh else [])


@pytest.mark.parametrize(
    "line, clause, ends",
    [
        ("The force agreed.", False, True),
        ("The force agreed in May.\u00b2", False, True),
        ("The force agreed\u2026", False, True),
        ("The force should:", False, False),
        ("The force should:", True, True),
        ("the people; and", True, False),
        ("the people;", True, True),
        ("The force agreed to act", True, False),
    ],
)
def test_a_sentence_end_is_one_rule_with_clauses_for_the_response_side(line, clause, ends):
    assert text.ends_sentence(line, clause=clause) is ends
