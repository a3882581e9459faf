"""Reading an HMICFRS report's findings from its PDF, its web page or its text. No database needed."""

import datetime
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from imports.parsers.parsed import ImportProblem
from imports.parsers.report_pdf import parse_report_html, parse_report_pdf, pdf_to_text
from imports.parsers.report_text import parse_report_text
from imports.parsers.text_blocks import clean_lines
from tests import report_pdfs

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_8afd4baeb6f5bf21.txt"

REC_1 = (
    "By 31 March 2025, chief constables should make sure that officers record every report of harm to a "
    "vulnerable person, share it with partner organisations the same day, and take part in multi-agency "
    "meetings about the people most at risk."
)
REC_2 = (
    "With immediate effect, the Home Office and the National Police Chiefs' Council should agree how police "
    "forces share information about vulnerable people with health services and local authorities so that "
    "every team working with a vulnerable person sees the same record and nobody has to tell their story "
    "twice to different agencies."
)
REC_5 = (
    "By 30 September 2024, the College of Policing should update its guidance on vulnerability so that it "
    "explains how officers should recognise the signs of exploitation, how they should record what they see, "
    "and how supervisors should check that the right partner agencies have been told about each person at "
    "risk. The guidance should include examples drawn from the forces we inspected, and the College should "
    "ask victims' groups to review it before it is published."
)
CONCERN = (
    "The force does not always respond quickly enough to calls from vulnerable people, and it does not know "
    "how often this happens."
)
EXPECTED_PDF_FINDINGS = [
    ("recommendation", "Recommendation 1", REC_1, ""),
    ("recommendation", "Recommendation 2", REC_2, ""),
    (
        "area-for-improvement",
        "Area for improvement 1",
        "The force should improve how it records the ethnicity of the people it stops and searches.",
        "",
    ),
    (
        "area-for-improvement",
        "Area for improvement 2",
        "The force should make sure that its control room staff identify callers who ring repeatedly about the same problem.",
        "",
    ),
    (
        "area-for-improvement",
        "Area for improvement 3",
        "The force should review how supervisors oversee investigations into domestic abuse.",
        "",
    ),
    ("cause-of-concern", "Cause of concern 1", CONCERN, ""),
    (
        "recommendation",
        "Recommendation 3",
        "Within six months, the force should introduce a way of measuring how long it takes to respond to calls "
        "from vulnerable people.",
        "Cause of concern 1",
    ),
    (
        "recommendation",
        "Recommendation 4",
        "Within six months, the force should make sure that its control room prioritises calls from vulnerable "
        "people according to the risk they face.",
        "Cause of concern 1",
    ),
    ("recommendation", "Recommendation 5", REC_5, ""),
    (
        "recommendation",
        "Recommendation 6",
        "Police and crime commissioners should make sure that the services they commission for victims of crime "
        "are open to vulnerable people who have not reported a crime to the police.",
        "",
    ),
]


def _words(text):
    return " ".join(text.split())


def _findings(report):
    return [(f.kind, f.reference, _words(f.text), f.cause_of_concern) for f in report.findings]


def _finding(report, reference):
    return next(f for f in report.findings if f.reference == reference)


@pytest.fixture(scope="module")
def pdf_report():
    return parse_report_pdf(report_pdfs.make_report_pdf())


@pytest.fixture(scope="module")
def pdf_pages():
    """The fixture PDF's pages as pypdf reads them, to check the fixture lays out what we claim."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(report_pdfs.make_report_pdf())).pages]


# The PDF fixture


def test_a_pdf_gives_exactly_the_findings_of_the_report(pdf_report):
    assert _findings(pdf_report) == EXPECTED_PDF_FINDINGS


def test_a_recommendation_carried_over_a_page_break_is_read_whole(pdf_report, pdf_pages):
    assert "With immediate effect" in pdf_pages[1] and "agencies." not in pdf_pages[1]
    assert "twice to different" in pdf_pages[1] + pdf_pages[2] and "agencies." in pdf_pages[2]
    assert _finding(pdf_report, "Recommendation 2").text == REC_2


def test_a_word_split_at_a_line_end_is_joined_and_a_real_hyphen_kept(pdf_report, pdf_pages):
    assert "organ-\nisations" in pdf_pages[1] and "multi-\nagency" in pdf_pages[1]
    text = _finding(pdf_report, "Recommendation 1").text
    assert "partner organisations the same day" in text
    assert "multi-agency meetings" in text


def test_a_two_column_page_is_read_a_column_at_a_time(pdf_report):
    page = pdfium.PdfDocument(report_pdfs.make_report_pdf())[4]
    text_page = page.get_textpage()
    searcher = text_page.search("Recommendation", match_case=True, match_whole_word=True)
    starts = []
    while (match := searcher.get_next()) is not None:
        starts.append(text_page.get_charbox(match[0])[0])
    assert starts[0] < page.get_width() / 2 < starts[1], "the fixture should set the page in two columns"
    assert _finding(pdf_report, "Recommendation 5").text == REC_5


def test_numbered_areas_for_improvement_keep_their_numbers(pdf_report):
    improvements = [f.reference for f in pdf_report.findings if f.kind == "area-for-improvement"]
    assert improvements == ["Area for improvement 1", "Area for improvement 2", "Area for improvement 3"]


def test_recommendations_under_a_cause_of_concern_point_to_it(pdf_report):
    under = [f.reference for f in pdf_report.findings if f.cause_of_concern == "Cause of concern 1"]
    assert under == ["Recommendation 3", "Recommendation 4"]
    assert _finding(pdf_report, "Recommendation 5").cause_of_concern == ""


def test_running_headers_footers_and_page_numbers_are_left_out():
    text = pdf_to_text(report_pdfs.make_report_pdf())
    assert "HMICFRS \u2013" not in text
    assert "Page 2 of 5" not in text and "of 5" not in text


def test_the_title_and_date_come_from_the_title_page(pdf_report):
    assert pdf_report.title == report_pdfs.REPORT_TITLE
    assert pdf_report.published_on == datetime.date(2024, 3, 12)
    assert pdf_report.flags == []


def test_addressees_and_deadlines_come_from_the_wording(pdf_report):
    got = {f.reference: (f.addressees, f.deadline_on, f.deadline_text) for f in pdf_report.findings}
    assert got["Recommendation 1"] == (["chief-constables"], datetime.date(2025, 3, 31), "By 31 March 2025")
    assert got["Recommendation 2"] == (["home-office", "national-police-chiefs-council"], None, "With immediate effect")
    assert got["Recommendation 3"] == (["chief-constables"], None, "Within six months")
    assert got["Recommendation 5"] == (["college-of-policing"], datetime.date(2024, 9, 30), "By 30 September 2024")
    assert got["Recommendation 6"] == (["police-and-crime-commissioners"], None, "")
    assert got["Cause of concern 1"] == ([], None, "")


def test_a_report_to_all_chief_constables_is_a_national_thematic(pdf_report):
    assert pdf_report.report_type == "national-thematic"
    assert pdf_report.concerns_all_forces is True


# Bad PDFs


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: b"", "The file is empty"),
        (lambda: b"  \n\t", "The file is empty"),
        (lambda: b"PK\x03\x04 a Word document, say" * 40, "This file is not a PDF"),
        (lambda: bytes(range(256)) * 8, "This file is not a PDF"),
        (report_pdfs.make_truncated_pdf, "The PDF is damaged or incomplete"),
        (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n", "The PDF is damaged or incomplete"),
        (report_pdfs.make_encrypted_pdf, "The PDF is password-protected: save an unprotected copy and try again"),
    ],
    ids=["empty", "blank", "word-document", "random-bytes", "truncated", "corrupt", "encrypted"],
)
def test_a_bad_pdf_is_refused_with_a_clear_message(make, message):
    with pytest.raises(ImportProblem) as problem:
        parse_report_pdf(make())
    assert str(problem.value) == message


def test_a_scan_without_a_text_layer_is_refused_with_advice():
    with pytest.raises(ImportProblem) as problem:
        parse_report_pdf(report_pdfs.make_scanned_pdf())
    assert str(problem.value).startswith("The PDF has no text layer (it may be a scan): ")


# Web pages


def test_a_web_page_gives_its_findings_without_the_site_furniture():
    report = parse_report_html(report_pdfs.REPORT_PAGE_HTML)
    assert _findings(report) == [
        (
            "recommendation",
            "Recommendation 1",
            "By 31 March 2025, chief constables should make sure that officers record every report of harm to a "
            "vulnerable person.",
            "",
        ),
        (
            "recommendation",
            "Recommendation 2",
            "The College of Policing should publish guidance on working with partner agencies.",
            "",
        ),
        (
            "area-for-improvement",
            "Area for improvement 1",
            "The force should improve how it supervises investigations.",
            "",
        ),
        (
            "accelerated-cause-of-concern",
            "Accelerated cause of concern 1",
            "The force is not answering emergency calls quickly enough.",
            "",
        ),
        (
            "recommendation",
            "Recommendation 3",
            "We recommend that, with immediate effect, the force should make sure that there are enough call "
            "handlers at busy times.",
            "Accelerated cause of concern 1",
        ),
        (
            "recommendation",
            "Recommendation 4",
            "We recommend that, with immediate effect, the force should review how it prioritises emergency calls.",
            "Accelerated cause of concern 1",
        ),
    ]


def test_a_web_page_takes_its_title_from_the_h1_and_flags_its_date():
    report = parse_report_html(report_pdfs.REPORT_PAGE_HTML)
    assert report.title == report_pdfs.REPORT_TITLE
    assert report.published_on == datetime.date(2024, 3, 12)
    assert [f.where for f in report.flags] == ["publication date"]
    assert "later date" in report.flags[0].message


def test_a_web_page_without_an_h1_takes_its_title_without_the_site_name():
    html = report_pdfs.REPORT_PAGE_HTML.replace("<h1>", "<p>").replace("</h1>", "</p>")
    assert parse_report_html(html).title == report_pdfs.REPORT_TITLE


# Plain text


def test_inline_markers_give_their_numbers_and_text():
    report = parse_report_text(
        "A report\n\nRecommendation 3: By 31 March 2024, chief constables should review\ntheir training.\n\n"
        "AFI 2 \u2013 The force should improve its records.\n\nArea for improvement 5\nThe force should check.\n"
    )
    assert _findings(report) == [
        ("recommendation", "Recommendation 3", "By 31 March 2024, chief constables should review their training.", ""),
        ("area-for-improvement", "Area for improvement 2", "The force should improve its records.", ""),
        ("area-for-improvement", "Area for improvement 5", "The force should check.", ""),
    ]


def test_a_numbered_list_under_recommendations_keeps_its_numbers():
    report = parse_report_text(
        "Recommendations\n\n1. Chief constables should do one thing.\n2) Chief constables should do\n"
        "another thing.\n(3) The Home Office should do a third."
    )
    assert [(f.reference, f.text) for f in report.findings] == [
        ("Recommendation 1", "Chief constables should do one thing."),
        ("Recommendation 2", "Chief constables should do another thing."),
        ("Recommendation 3", "The Home Office should do a third."),
    ]


@pytest.mark.parametrize("bullet", ["\u2022", "-", "*", "\u25aa"])
def test_bulleted_areas_for_improvement_are_numbered_in_order(bullet):
    report = parse_report_text(
        f"Areas for improvement\n\n{bullet} The force should record outcomes;\n{bullet} The force should\n"
        f"supervise cases.\n"
    )
    assert [(f.reference, f.text) for f in report.findings] == [
        ("Area for improvement 1", "The force should record outcomes."),
        ("Area for improvement 2", "The force should supervise cases."),
    ]


def test_lettered_items_stay_inside_their_recommendation():
    report = parse_report_text(
        "Recommendation 1\nChief constables should:\n(a) train officers;\n(b) check records.\n\n"
        "Recommendation 2\nThe NPCC should report."
    )
    assert [f.text for f in report.findings] == [
        "Chief constables should: train officers; check records.",
        "The NPCC should report.",
    ]
    assert report.findings[1].addressees == ["national-police-chiefs-council"]


def test_a_numbered_cause_of_concern_owns_the_recommendations_until_the_next_section():
    report = parse_report_text(
        "Cause of concern 1\nThe force is not safeguarding children well enough.\n\n"
        "Recommendation 1\nWithin three months, the force should review its referrals.\n\n"
        "Recommendation 2\nWithin three months, the force should train its staff.\n\n"
        "Areas for improvement\n\n1. The force should publish its data.\n\n"
        "Next steps\n\nRecommendation 3\nThe Home Office should fund training."
    )
    assert [(f.reference, f.cause_of_concern) for f in report.findings] == [
        ("Cause of concern 1", ""),
        ("Recommendation 1", "Cause of concern 1"),
        ("Recommendation 2", "Cause of concern 1"),
        ("Area for improvement 1", ""),
        ("Recommendation 3", ""),
    ]


def test_a_cause_of_concern_ending_with_a_lead_in_keeps_only_its_own_sentences():
    report = parse_report_text(
        "Cause of concern\nThe force is not answering calls. To address this, we recommend that within "
        "three months the force should:\n\u2022 hire call handlers;\n\u2022 review its rota.\n"
    )
    assert [(f.reference, f.text, f.cause_of_concern) for f in report.findings] == [
        ("Cause of concern 1", "The force is not answering calls.", ""),
        (
            "Recommendation 1",
            "To address this, we recommend that within three months the force should hire call handlers.",
            "Cause of concern 1",
        ),
        (
            "Recommendation 2",
            "To address this, we recommend that within three months the force should review its rota.",
            "Cause of concern 1",
        ),
    ]


def test_a_list_of_recommendations_made_in_an_earlier_report_is_not_imported():
    report = parse_report_text(
        "Recommendation 1\nChief constables should act.\n\n"
        "In our 2019 report we recommended that:\n\u2022 forces should review their policies."
    )
    assert [f.reference for f in report.findings] == ["Recommendation 1"]


def test_a_finding_ends_at_a_heading_or_the_discussion_after_it():
    report = parse_report_text(
        "Recommendation 1\nChief constables should act.\n\nWe found that forces did not act.\n\n"
        "Recommendation 2\nPCCs should fund the work\n\nMain findings\n\nForces should also do more."
    )
    assert [f.text for f in report.findings] == ["Chief constables should act.", "PCCs should fund the work"]


def test_a_sentence_split_over_a_paragraph_break_is_joined():
    report = parse_report_text("Recommendation 1\nChief constables should review how\n\nthey record crime.")
    assert report.findings[0].text == "Chief constables should review how they record crime."


def test_the_same_recommendation_in_summary_and_chapter_is_one_finding():
    summary = "Recommendation 1\nChief constables should act.\n\n"
    report = parse_report_text(summary + "Chapter 1\n\nWe looked at x.\n\n" + summary)
    assert [f.reference for f in report.findings] == ["Recommendation 1"]
    assert report.flags[1:] == []


def test_a_repeated_reference_with_other_wording_is_flagged():
    report = parse_report_text("Recommendation 1\nChief constables should act.\n\nRecommendation 1\nPCCs should act.")
    assert [f.text for f in report.findings] == ["Chief constables should act."]
    assert report.flags[-1].where == "Recommendation 1"


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["partner organ-", "isations met"], ["partner organisations", "met"]),  # split word: join
        (["manage-", "ment of cases"], ["management", "of cases"]),
        (["COVID-", "19 rules"], ["COVID-19", "rules"]),  # next part is not lowercase: keep
        (["well-", "being of staff"], ["well-being", "of staff"]),  # a prefix English keeps hyphenated
        (["co-", "ordinate work"], ["co-ordinate", "work"]),
        (["re-", "view of cases; a review"], ["review", "of cases; a review"]),  # joined form elsewhere
        (["data-", "sharing and data-sharing"], ["data-sharing", "and data-sharing"]),  # hyphenated form elsewhere
        (["organ\u00ad", "isations"], ["organisations"]),  # a soft hyphen always joins
        (["the force -", "and others"], ["the force -", "and others"]),  # a dash, not a hyphen
    ],
)
def test_words_hyphenated_at_a_line_end(lines, joined):
    assert clean_lines("\n".join(lines)) == joined


def test_deadlines_are_read_only_where_the_wording_sets_one():
    report = parse_report_text(
        "Recommendations\n\n1. By 1st April 2025, PCCs should publish plans.\n"
        "2. The force should make sure suspects are charged within 28 days.\n"
        "3. By 31 February 2025, the Home Office should act.\n"
        "4. The force should, within three months of the publication of this report, act."
    )
    got = [(f.deadline_text, f.deadline_on) for f in report.findings]
    assert got == [
        ("By 1st April 2025", datetime.date(2025, 4, 1)),
        ("", None),
        ("By 31 February 2025", None),
        ("Within three months", None),
    ]
    assert [f.where for f in report.flags if "not a real date" in f.message] == ["Recommendation 3"]


def test_addressees_are_the_subject_of_should():
    report = parse_report_text(
        "Recommendations\n\n1. Chief constables should work with the College of Policing.\n"
        "2. Police, fire and crime commissioners and the NPCC should agree a plan.\n"
        "3. Kent Police should review its policy.\n"
        "4. We recommend that the Home Secretary and the College of Policing review the law."
    )
    assert [f.addressees for f in report.findings] == [
        ["chief-constables"],
        ["police-and-crime-commissioners", "national-police-chiefs-council"],
        ["chief-constables"],
        ["home-office", "college-of-policing"],
    ]


@pytest.mark.parametrize(
    "opening, published_on, flagged",
    [
        ("Publication date: 12/03/2024", datetime.date(2024, 3, 12), False),
        ("Published on 5 June 2023", datetime.date(2023, 6, 5), False),
        ("Tuesday 12 March 2024", datetime.date(2024, 3, 12), True),
        ("An inspection of forces", None, True),
    ],
)
def test_the_publication_date_is_read_and_a_guess_is_flagged(opening, published_on, flagged):
    report = parse_report_text(f"The report\n\n{opening}\n\nRecommendation 1\nChief constables should act.")
    assert report.published_on == published_on
    assert any(f.where == "publication date" for f in report.flags) == flagged


@pytest.mark.parametrize(
    "title, finding, report_type",
    [
        ("PEEL 2023\u201325: An inspection of Kent Police", "The force should act.", "peel"),
        ("National Child Protection Inspection: Kent", "The force should act.", "ncpi"),
        ("Joint targeted area inspection of Kent", "The force should act.", "jtai"),
        ("Crime data integrity inspection 2024", "The force should act.", "crime-data-integrity"),
        ("Report on an inspection of police custody in Kent", "The force should act.", "custody"),
        ("An inspection of vetting", "Chief constables should act.", "national-thematic"),
        ("An inspection of Kent Police", "The force should act.", "other"),
    ],
)
def test_the_report_type_is_guessed_from_the_title(title, finding, report_type):
    report = parse_report_text(f"{title}\n\nRecommendation 1\n{finding}")
    assert (report.title, report.report_type) == (title, report_type)


def test_a_title_hint_wins_over_the_first_heading():
    report = parse_report_text("Contents\n\nRecommendation 1\nChief constables should act.", title_hint=" A  report ")
    assert report.title == "A report"


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x0c\u200b"])
def test_empty_text_is_refused(text):
    with pytest.raises(ImportProblem, match="^The file is empty$"):
        parse_report_text(text)


def test_text_without_findings_is_refused():
    with pytest.raises(ImportProblem) as problem:
        parse_report_text("Minutes of the meeting\n\nThe panel discussed the budget.")
    assert (
        str(problem.value) == "No recommendations, areas for improvement or causes of concern were found in this text"
    )


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds (not in a user's clone)")
def test_a_copied_web_page_with_lost_words_gives_its_recommendations_and_flags_them():
    report = parse_report_text(SEED.read_text(encoding="utf-8"))
    assert report.title == "HMICFRS: National Child Protection Inspections: 2019 thematic report"
    assert report.report_type == "ncpi"
    assert [(f.reference, f.addressees) for f in report.findings] == [
        (f"Recommendation {n}", ["chief-constables"]) for n in (1, 2, 3)
    ]
    assert report.findings[1].text.startswith("We recommend that chief constables should review performance management")
    assert [f.where for f in report.flags if "missing" in f.message] == [f"Recommendation {n}" for n in (1, 2, 3)]
