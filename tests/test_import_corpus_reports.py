"""Report layouts seen to go wrong in real documents, each as a fixture in our own words with the
exact parse it must give, and the check that no meaningful word of it is lost.

The sources live in tests/import_corpus/reports/: text and HTML as they are, PDFs made from HTML by
WeasyPrint (tests/report_pdfs.py) when a test first asks for them.
"""

import datetime
import functools
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from imports.parsers.parsed import ImportProblem
from imports.parsers.report_pdf import parse_report_html, parse_report_pdf
from imports.parsers.report_text import parse_report_text
from tests import report_pdfs
from tests.parse_coverage import lost_words

CORPUS = Path(__file__).resolve().parent / "import_corpus" / "reports"


def _source(name):
    return (CORPUS / name).read_text(encoding="utf-8")


@functools.cache
def _pdf(name, title):
    return report_pdfs.html_to_pdf(report_pdfs.report_html(_source(name), title=title))


def _pdf_pages(name, title):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(_pdf(name, title))).pages]


def _findings(report):
    return [(f.kind, f.reference, f.text, f.cause_of_concern) for f in report.findings]


def _plain(source):
    """A source's words in order: HTML without its tags, text as it is."""
    if source.lstrip().startswith("<"):
        source = BeautifulSoup(source, "html.parser").get_text(" ")
    return " ".join(source.split())


def _meaningful(source, *passages):
    """The passages of `source` a parse must keep, each checked to be in the source word for word."""
    plain = _plain(source)
    for passage in passages:
        assert " ".join(passage.split()) in plain, f"not in the fixture: {passage}"
    return "\n".join(passages)


# 1. A table of contents, and a reference that appears twice


CONTENTS_TITLE = "Police effectiveness and legitimacy: an inspection of Marshmoor Constabulary"
CONTENTS_FINDINGS = [
    (
        "area-for-improvement",
        "Area for improvement 1",
        "The force should improve how quickly it answers non-emergency calls, and tell callers how long they can "
        "expect to wait.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 1",
        "By 1 May 2025, the force should publish its plan for neighbourhood policing and say how it will measure "
        "whether the plan works.",
        "",
    ),
    (
        "area-for-improvement",
        "Area for improvement 2",
        "The force should make sure that officers record the reasons for every stop and search.",
        "",
    ),
]


def test_contents_lines_are_never_findings():
    report = parse_report_text(_source("contents_page.txt"))
    assert report.title == CONTENTS_TITLE
    assert _findings(report) == CONTENTS_FINDINGS


def test_a_reference_given_twice_keeps_the_substantive_wording_and_quotes_the_other():
    report = parse_report_text(_source("contents_page.txt"))
    flags = {flag.where: flag.message for flag in report.flags if "more than once" in flag.message}
    assert flags == {
        "Area for improvement 1": (
            "Area for improvement 1 appears more than once with different wording. Kept: \u201c"
            + CONTENTS_FINDINGS[0][2]
            + "\u201d. Also found: \u201cAnswering calls for service\u201d. Check which the report means"
        ),
        "Recommendation 1": (
            "Recommendation 1 appears more than once with different wording. Kept: \u201c"
            + CONTENTS_FINDINGS[1][2]
            + "\u201d. Also found: \u201cBy 1 May 2025, the force should publish its plan for neighbourhood "
            "policing.\u201d. Check which the report means"
        ),
    }


def test_a_repeated_reference_with_equal_claims_keeps_the_first_and_quotes_the_second():
    report = parse_report_text("Recommendation 1\nChief constables should act.\n\nRecommendation 1\nPCCs should act.")
    assert [f.text for f in report.findings] == ["Chief constables should act."]
    assert "Also found: \u201cPCCs should act.\u201d" in report.flags[-1].message


def test_contents_page_loses_no_text():
    source = _source("contents_page.txt")
    meaningful = _meaningful(
        source,
        CONTENTS_TITLE,
        "Published: 4 June 2024",
        "Area for improvement 1 Answering calls for service",
        "Recommendation 1 By 1 May 2025, the force should publish its plan for neighbourhood policing.",
        "Area for improvement 1 The force should improve how quickly it answers non-emergency calls, and tell "
        "callers how long they can expect to wait.",
        "Area for improvement 2 The force should make sure that officers record the reasons for every stop and search.",
        "Recommendation 1 By 1 May 2025, the force should publish its plan for neighbourhood policing and say how "
        "it will measure whether the plan works.",
    )
    assert lost_words(meaningful, parse_report_text(source), structure="Published") == []


CONTENTS_PDF_TITLE = "Marshmoor Constabulary: crimes against older people"
CONTENTS_PDF_FINDINGS = [
    (
        "area-for-improvement",
        "Area for improvement 1",
        "The constabulary should make sure that crimes against older people are allocated to an investigator "
        "within two days of being reported.",
        "",
    ),
    (
        "cause-of-concern",
        "Cause of concern 1",
        "The constabulary does not give victims of fraud the support they are entitled to.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 1",
        "To address this, by 30 November 2024 the constabulary should make sure every victim of fraud is offered "
        "a needs assessment.",
        "Cause of concern 1",
    ),
    (
        "recommendation",
        "Recommendation 2",
        "To address this, by 30 November 2024 the constabulary should refer those who ask for support to the "
        "local victims' service.",
        "Cause of concern 1",
    ),
]


def test_a_pdf_contents_page_with_page_numbers_at_the_right_gives_no_finding():
    pages = _pdf_pages("contents_page_pdf.html", CONTENTS_PDF_TITLE)
    assert pages[1].startswith("Contents Summary 3 Area for improvement 1 4 Cause of concern 5")  # the fixture's layout
    report = parse_report_pdf(_pdf("contents_page_pdf.html", CONTENTS_PDF_TITLE))
    assert _findings(report) == CONTENTS_PDF_FINDINGS
    assert not [flag for flag in report.flags if "more than once" in flag.message]


def test_a_pdf_contents_page_loses_no_text():
    source = _source("contents_page_pdf.html")
    meaningful = _meaningful(
        source,
        "Area for improvement 1 The constabulary should make sure that crimes against older people are allocated "
        "to an investigator within two days of being reported.",
        "Cause of concern The constabulary does not give victims of fraud the support they are entitled to.",
        "To address this, by 30 November 2024 the constabulary should:",
        "make sure every victim of fraud is offered a needs assessment; and",
        "refer those who ask for support to the local victims' service.",
    )
    report = parse_report_pdf(_pdf("contents_page_pdf.html", CONTENTS_PDF_TITLE))
    assert lost_words(meaningful, report, structure="and") == []  # the "; and" joining two items is dropped


# 2. A finding set in a box that a page break cuts in two


BOXED_TITLE = "Kentshire Police: an inspection of how the force answers calls"
BOXED_FINDINGS = [
    (
        "area-for-improvement",
        "Area for improvement 1",
        "The force should make sure that call handlers in its control room use the risk assessment tool on every "
        "call about a person who may be vulnerable, record the answers they are given, and pass the result to the "
        "officers who attend. Officers told us they often arrive knowing nothing of the risk. It should also audit "
        "a sample of calls each month to check that the tool is used as call handlers were trained to use it.",
        "",
    ),
    (
        "area-for-improvement",
        "Area for improvement 2",
        "The force should tell callers how long they are likely to wait for an officer and call them back when "
        "that time changes.",
        "",
    ),
]


def test_a_boxed_finding_split_by_a_page_break_is_read_whole():
    pages = _pdf_pages("boxed_findings.html", BOXED_TITLE)
    # The fixture's layout: the box of Area for improvement 1 ends a page after a finished sentence and
    # goes on, past the running footer and header, with its next paragraph.
    assert "knowing nothing of the risk. HMICFRS" in pages[1]
    assert pages[2].startswith("It should also audit a sample")
    report = parse_report_pdf(_pdf("boxed_findings.html", BOXED_TITLE))
    assert _findings(report) == BOXED_FINDINGS


def test_a_boxed_finding_loses_no_text():
    source = _source("boxed_findings.html")
    meaningful = _meaningful(source, *(f"{reference} {text}" for _, reference, text, _ in BOXED_FINDINGS))
    report = parse_report_pdf(_pdf("boxed_findings.html", BOXED_TITLE))
    assert lost_words(meaningful, report) == []


# 3. Pages of HMICFRS's web register of recommendations


def test_a_register_page_of_one_recommendation_gives_the_finding_without_its_status_or_commentary():
    report = parse_report_html(_source("register_recommendation.html"))
    assert report.title == "Hate crime: an inspection of the police response to victims"
    assert report.published_on == datetime.date(2023, 2, 14)
    assert _findings(report) == [
        (
            "recommendation",
            "Recommendation 2023/045",
            "By 31 October 2023, chief constables should make sure that every crime a victim perceives to be "
            "motivated by hostility is flagged as a hate crime on their crime recording systems, and that the flag "
            "is checked by a supervisor within seven days.",
            "",
        )
    ]
    assert report.findings[0].deadline_on == datetime.date(2023, 10, 31)


def test_a_register_page_keeps_the_status_history_and_commentary_in_the_summary_and_says_so():
    report = parse_report_html(_source("register_recommendation.html"))
    assert report.summary == (
        "From the register's page \u201cForces should flag every hate crime\u201d.\n\n"
        "Recommendation 2023/045\n"
        "Type: Recommendation\n"
        "Report: Hate crime: an inspection of the police response to victims\n"
        "Date published: 14 February 2023\n"
        "Addressed to: Chief constables\n"
        "Status history: Date: 14 February 2023, Status: Open; Date: 2 November 2023, Status: In progress; "
        "Date: 19 June 2024, Status: Complete\n"
        "Commentary: When we revisited six forces in spring 2024 we found that all of them now flag hate crimes "
        "when the victim asks, and supervisors check the flags in weekly meetings. We consider this "
        "recommendation to be met."
    )
    assert (
        "The register's details, status history and commentary for 2023/045 are kept in the report's summary, "
        "not in the finding's text"
    ) in [flag.message for flag in report.flags]


def test_a_register_page_loses_no_text():
    source = _source("register_recommendation.html")
    main = source[source.index("<h1>") : source.index("</main>")]
    report = parse_report_html(source)
    # The headings and labels of the register's markup become the summary's structure.
    assert lost_words(_plain(main), report, structure="Reference: Our commentary") == []


REGISTER_THEME_FINDINGS = [
    (
        "area-for-improvement",
        "Area for improvement AFI-2022-012",
        "The force should make sure that detainees are told how to complain about their treatment while they are "
        "in custody.",
        "",
    ),
    (
        "recommendation",
        "Recommendation REC-2022-013",
        "Within three months, the force should: make sure that every detainee at risk of self-harm is seen by a "
        "healthcare professional; and record the outcome of each assessment on the custody record.",
        "",
    ),
]


def test_a_register_theme_page_gives_each_entry_as_a_finding_of_its_kind():
    report = parse_report_html(_source("register_theme.html"))
    assert report.title == "Theme: custody"
    assert report.published_on == datetime.date(2022, 3, 3)
    assert _findings(report) == REGISTER_THEME_FINDINGS
    assert report.summary.split("\n\n")[1:] == [
        "Area for improvement AFI-2022-012\n"
        "Status history: Status: Open; Since: 3 March 2022; Status: Complete; Since: 8 December 2022\n"
        "Commentary: Posters explaining the complaints procedure are now displayed in every cell corridor.",
        "Recommendation REC-2022-013\n"
        "Status history: Status: In progress; Since: 8 December 2022\n"
        "Commentary: Healthcare cover at night is still being arranged with the new provider.",
    ]


def test_a_register_theme_page_loses_no_text():
    source = _source("register_theme.html")
    main = source[source.index("<main>") : source.index("</main>")]
    assert lost_words(_plain(main), parse_report_html(source), structure="Reference: Follow-up") == []


def test_a_register_page_whose_entry_has_no_words_is_refused_clearly():
    html = "<main><h1>Theme</h1><dl><dt>Reference:</dt><dd>2023/001</dd><dt>Status</dt><dd>Open</dd></dl></main>"
    with pytest.raises(ImportProblem, match="^No recommendations"):
        parse_report_html(html)


# 4. Findings grouped under theme headings, without numbers

THEMED_FINDINGS = [
    (
        "area-for-improvement",
        "Area for improvement 1",
        "The force should answer emergency calls within ten seconds more often, especially on Friday and Saturday "
        "nights.",
        "",
    ),
    (
        "area-for-improvement",
        "Area for improvement 2",
        "The force should make sure that officers complete a risk assessment at every domestic abuse incident they "
        "attend.",
        "",
    ),
    (
        "area-for-improvement",
        "Area for improvement 3",
        "The force should reduce the backlog of visits to registered sex offenders.",
        "",
    ),
]


def test_findings_under_theme_headings_are_read_until_a_heading_with_discussion_under_it():
    report = parse_report_text(_source("themed_sections.txt"))
    assert report.report_type == "peel"
    assert _findings(report) == THEMED_FINDINGS


def test_findings_under_theme_headings_lose_no_text():
    source = _source("themed_sections.txt")
    meaningful = _meaningful(
        source,
        "PEEL 2023\u201325: an inspection of Eastvale Police",
        "Published: 21 November 2024",
        *(text for _, _, text, _ in THEMED_FINDINGS),
    )
    assert lost_words(meaningful, parse_report_text(source), structure="Published") == []


# 5. Numbered lists without "Recommendation" labels


NUMBERED_FINDINGS = [
    (
        "recommendation",
        "Recommendation 1",
        "We recommend that by 31 January 2025, chief constables should make sure that stalking is recorded as "
        "stalking and not as harassment when the behaviour fits the legal definition.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 2",
        "We recommend that by 31 March 2025, the College of Policing should add stalking to its training for first "
        "responders.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 3",
        "We recommend that the Home Office should fund a helpline for victims of stalking in every region.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 5",
        "Police and crime commissioners should commission specialist advocates for victims of stalking.",
        "",
    ),
]


def test_a_numbered_list_takes_its_numbers_from_the_page_and_its_lead_in_ends_with_it():
    report = parse_report_html(_source("numbered_without_labels.html"))
    assert _findings(report) == NUMBERED_FINDINGS
    assert [f.addressees for f in report.findings] == [
        ["chief-constables"],
        ["college-of-policing"],
        ["home-office"],
        ["police-and-crime-commissioners"],
    ]


def test_a_numbered_list_loses_no_text():
    source = _source("numbered_without_labels.html")
    meaningful = _meaningful(
        source,
        "Stalking and harassment: a joint inspection",
        "We recommend that:",
        "by 31 January 2025, chief constables should make sure that stalking is recorded as stalking and not as "
        "harassment when the behaviour fits the legal definition;",
        "by 31 March 2025, the College of Policing should add stalking to its training for first responders; and",
        "the Home Office should fund a helpline for victims of stalking in every region.",
        "Police and crime commissioners should commission specialist advocates for victims of stalking.",
    )
    assert lost_words(meaningful, parse_report_html(source), structure="and") == []


def test_a_numbered_list_in_a_pdf_keeps_each_number_with_its_item():
    pdf = _pdf("numbered_without_labels_pdf.html", "Stalking and harassment: a joint inspection")
    assert _findings(parse_report_pdf(pdf)) == NUMBERED_FINDINGS[:3]


# 6. A table of findings: "Recommendation | Owner | Deadline"


TABLE_FINDINGS = [
    (
        "recommendation",
        "Recommendation 1",
        "Forces should make sure that every report of stalking is reviewed by a specialist officer within two days "
        "of being recorded.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 2",
        "The College of Policing should publish guidance on stalking protection orders.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 3",
        "The force should appoint a single point of contact for stalking in each district.",
        "",
    ),
]
TABLE_COLUMNS = [
    (["chief-constables"], datetime.date(2025, 3, 31), "31 March 2025"),
    (["college-of-policing"], datetime.date(2025, 6, 30), "30 June 2025"),
    (["chief-constables"], None, "Immediately"),
]


def _columns(report):
    return [(f.addressees, f.deadline_on, f.deadline_text) for f in report.findings]


@pytest.fixture(
    params=["html", "pdf"],
)
def table_report(request):
    if request.param == "html":
        return parse_report_html(_source("findings_table.html"))
    return parse_report_pdf(_pdf("findings_table_pdf.html", "Stalking: how forces protect victims"))


def test_a_findings_table_gives_a_finding_a_row(table_report):
    assert _findings(table_report) == TABLE_FINDINGS


def test_a_findings_tables_owner_and_deadline_columns_give_addressees_and_deadlines(table_report):
    assert _columns(table_report) == TABLE_COLUMNS


def test_an_owner_that_names_no_addressee_is_kept_in_a_flag(table_report):
    assert [(flag.where, flag.message) for flag in table_report.flags if "table" in flag.message] == [
        ("Recommendation 3", "The table also gives Recommendation 3: Owner: Head of public protection")
    ]


def test_a_findings_table_loses_no_text(table_report):
    source = _source("findings_table.html")
    meaningful = _meaningful(
        source,
        "Recommendation Owner Deadline",
        "1 Forces should make sure that every report of stalking is reviewed by a specialist officer within two "
        "days of being recorded. Chief constables 31 March 2025",
        "2 The College of Policing should publish guidance on stalking protection orders. College of Policing 30 "
        "June 2025",
        "3 The force should appoint a single point of contact for stalking in each district. Head of public "
        "protection Immediately",
    )
    assert lost_words(meaningful, table_report, structure="Owner Deadline") == []


# 7. Footnote calls stuck to words, and the notes at the foot of the page


FOOTNOTE_FINDINGS = [
    (
        "recommendation",
        "Recommendation 1",
        "By 31 May 2025, chief constables should make sure that every victim of domestic abuse is referred to "
        "specialist support services. The referral should be made within one day of the report.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 2",
        "The College of Policing should revise its guidance on risk assessment in the light of new research and "
        "share it with every force.",
        "",
    ),
]
FOOTNOTE_FLAGS = [
    ("Recommendation 1", "Footnote 12 of Recommendation 1: Home Office, Domestic abuse statutory guidance, 2022."),
    ("Recommendation 2", "Footnote 15 of Recommendation 2: Safe Lives, Getting it right first time, 2023."),
]


@pytest.fixture(params=["footnotes.txt", "footnotes.html"])
def footnoted(request):
    source = _source(request.param)
    return source, (parse_report_html if request.param.endswith(".html") else parse_report_text)(source)


def test_footnote_calls_are_taken_out_of_the_findings(footnoted):
    assert _findings(footnoted[1]) == FOOTNOTE_FINDINGS


def test_the_note_a_finding_calls_is_kept_in_a_flag_on_it(footnoted):
    assert [(f.where, f.message) for f in footnoted[1].flags if "ootnote" in f.message] == FOOTNOTE_FLAGS


def test_footnoted_findings_lose_no_text(footnoted):
    source, report = footnoted
    meaningful = _meaningful(
        source,
        "Domestic abuse: how forces keep victims safe",
        "By 31 May 2025, chief constables should make sure that every victim of domestic abuse is referred to "
        "specialist support services.",
        "The College of Policing should revise its guidance on risk assessment in the light of new research",
        "and share it with every force.",
        "Home Office, Domestic abuse statutory guidance, 2022.",
        "Safe Lives, Getting it right first time, 2023.",
    )
    assert lost_words(meaningful, report) == []


def test_a_number_that_is_not_a_call_stays_in_the_text():
    report = parse_report_text(
        "Recommendation 1\nBy 1 June 2025, forces should apply Code C and section 55 to the 2024 data of 12 forces."
    )
    assert report.findings[0].text == (
        "By 1 June 2025, forces should apply Code C and section 55 to the 2024 data of 12 forces."
    )


FOOTNOTE_PDF_TITLE = "Custody: the rights of detainees"
FOOTNOTE_PDF_FINDINGS = [
    (
        "recommendation",
        "Recommendation 1",
        "By 30 April 2025, chief constables should make sure that every detainee who asks for a solicitor is put "
        "in touch with one within an hour, as the code of practice requires, and that custody records show the "
        "time the request was made and the time the solicitor was contacted, so that supervisors can check how "
        "long detainees wait and act where the wait is too long.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 2",
        "The Home Office should publish data on deaths following police contact every year.",
        "",
    ),
]


def test_a_pdf_finding_read_past_the_notes_at_the_foot_of_its_page():
    pages = _pdf_pages("footnotes_pdf.html", FOOTNOTE_PDF_TITLE)
    # The fixture's layout: Recommendation 1 stops before the notes of its page and goes on on the next.
    assert "contacted, so that 1 His Majesty's" in pages[1]
    assert pages[2].startswith("supervisors can check")
    report = parse_report_pdf(_pdf("footnotes_pdf.html", FOOTNOTE_PDF_TITLE))
    assert _findings(report) == FOOTNOTE_PDF_FINDINGS
    assert [(f.where, f.message) for f in report.flags if "ootnote" in f.message] == [
        (
            "Recommendation 1",
            "Footnote 2 of Recommendation 1: Police and Criminal Evidence Act 1984, Code C, paragraph 6, which sets "
            "out a detainee's right to legal advice and how soon it must be arranged.",
        ),
        (
            "Recommendation 2",
            "Footnote 3 of Recommendation 2: Independent Office for Police Conduct, Deaths during or following "
            "police contact, 2024.",
        ),
    ]


def test_a_pdf_with_footnotes_loses_no_text():
    source = _source("footnotes_pdf.html")
    meaningful = _meaningful(
        source,
        *(text.split(" as the code")[0] for _, _, text, _ in FOOTNOTE_PDF_FINDINGS),
        "Police and Criminal Evidence Act 1984, Code C, paragraph 6, which sets out a detainee's right to legal "
        "advice and how soon it must be arranged.",
        "Independent Office for Police Conduct, Deaths during or following police contact, 2024.",
    )
    report = parse_report_pdf(_pdf("footnotes_pdf.html", FOOTNOTE_PDF_TITLE))
    assert lost_words(meaningful, report) == []


# 8. Pages saved by different browsers


BROWSER_FINDINGS = [
    (
        "area-for-improvement",
        "Area for improvement 1",
        "The force should agree with its partners which data it will share about knife crime, and how often.",
        "",
    ),
    (
        "area-for-improvement",
        "Area for improvement 2",
        "The force should evaluate the programmes it funds to divert young people from violence.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 1",
        "By 31 March 2025, chief constables should make sure that each violence reduction partnership has a named "
        "senior officer who attends its meetings.",
        "",
    ),
]


@pytest.fixture(params=["saved_by_chrome.html", "saved_by_firefox_reader.html"])
def saved_page(request):
    source = _source(request.param)
    return source, parse_report_html(source)


def test_a_saved_page_gives_the_same_findings_whatever_the_browser_wrapped_it_in(saved_page):
    _, report = saved_page
    assert report.title == "How forces are working under the serious violence duty"
    assert report.published_on == datetime.date(2024, 9, 26)
    assert _findings(report) == BROWSER_FINDINGS


def test_a_saved_page_loses_no_text(saved_page):
    source, report = saved_page
    meaningful = _meaningful(
        source,
        "How forces are working under the serious violence duty",
        "Published: 26 September 2024",
        *(f"{reference}: {text}" for _, reference, text, _ in BROWSER_FINDINGS[:2]),
        BROWSER_FINDINGS[2][2],
    )
    assert lost_words(meaningful, report, structure="Published") == []


# 9. Welsh after each English passage


WELSH_FINDINGS = [
    (
        "recommendation",
        "Recommendation 1",
        "By 30 November 2024, the force should make sure that every child who goes missing is spoken to by an "
        "officer within three days of coming home.",
        "",
    ),
    (
        "recommendation",
        "Recommendation 2",
        "The force should train its call handlers to recognise when a caller is a child at risk of exploitation.",
        "",
    ),
]
WELSH_REC_1 = (
    "Erbyn 30 Tachwedd 2024, dylai'r heddlu sicrhau bod swyddog yn siarad \u00e2 phob plentyn sy'n mynd ar goll o "
    "fewn tri diwrnod iddo ddod adref."
)


def test_a_bilingual_page_keeps_the_english_as_the_finding_and_the_welsh_beside_it():
    report = parse_report_html(_source("bilingual_welsh.html"))
    assert _findings(report) == WELSH_FINDINGS
    assert [(f.where, f.message) for f in report.flags if "Welsh" in f.message] == [
        (
            "Welsh text",
            "Welsh text before the first finding: Heddlu Gwentshire: arolwg o sut mae'r heddlu yn amddiffyn plant",
        ),
        ("Welsh text", "Welsh text before the first finding: Cyhoeddwyd: 14 Mai 2024"),
        ("Welsh text", "Welsh text before the first finding: Argymhellion"),
        ("Recommendation 1", f"Welsh text after Recommendation 1, kept out of the finding: {WELSH_REC_1}"),
        (
            "Recommendation 2",
            "Welsh text after Recommendation 2, kept out of the finding: Dylai'r heddlu hyfforddi ei drinwyr "
            "galwadau i adnabod pan fo galwr yn blentyn sydd mewn perygl o gael ei gam-fanteisio.",
        ),
        (
            "Recommendation 2",
            "Welsh text after Recommendation 2, kept out of the finding: Edrychon ni ar 80 achos o blant yr "
            "adroddwyd eu bod ar goll.",
        ),
    ]


def test_a_bilingual_page_loses_no_text():
    source = _source("bilingual_welsh.html")
    main = source[source.index("<h1>") : source.index("<h2>About")]
    assert lost_words(_plain(main), parse_report_html(source), structure="Published Recommendations") == []


def test_welsh_under_a_marker_is_not_read_as_the_findings_text():
    report = parse_report_text(_source("bilingual_welsh.txt"))
    assert _findings(report) == [
        WELSH_FINDINGS[0],
        (
            "area-for-improvement",
            "Area for improvement 1",
            "The force should record the ethnicity of every child it searches.",
            "",
        ),
    ]
    assert [f.where for f in report.flags if "Welsh" in f.message] == [
        "Welsh text",
        "Recommendation 1",
        "Recommendation 1",
        "Area for improvement 1",
        "Area for improvement 1",
    ]


def test_a_bilingual_text_loses_no_text():
    source = _source("bilingual_welsh.txt")
    assert lost_words(source, parse_report_text(source), structure="Published") == []


def test_a_welsh_force_name_in_an_english_finding_stays_in_it():
    report = parse_report_text(
        "Recommendation 1\nDyfed-Powys Police (Heddlu Dyfed-Powys) should publish its plan for rural crime."
    )
    assert report.findings[0].text == (
        "Dyfed-Powys Police (Heddlu Dyfed-Powys) should publish its plan for rural crime."
    )
    assert report.flags[1:] == []


def test_a_register_entry_without_words_is_flagged_not_dropped():
    html = (
        "<main><h1>Theme: custody</h1>"
        "<article><p>Reference: AFI-2022-012</p><p>The force should tell detainees how to complain.</p></article>"
        "<article><p>Reference: AFI-2022-014</p><dl><dt>Status</dt><dd>Withdrawn</dd></dl></article></main>"
    )
    report = parse_report_html(html)
    assert [f.reference for f in report.findings] == ["Area for improvement AFI-2022-012"]
    assert "Register entry AFI-2022-014 gives no finding's words: see the summary" in [f.message for f in report.flags]
    assert "Status history: Status: Withdrawn" in report.summary
