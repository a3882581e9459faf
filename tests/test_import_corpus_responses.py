"""Published responses as offices really lay them out, and what the importer must make of each.

The fixtures in tests/import_corpus/responses/ are written in our own words in the layouts we see on
OPCC websites: a sign-off after the last comment, an office's own comment labels, a letter to the
Home Secretary, a Word form pasted as text, an archived page, the chief constable's comments inside
the response, a table, footnotes, a numbered list without labels, a bilingual page, and the same
page saved by two browsers. Each test states the exact parse; the last ones check that no word of
the meaningful text is lost (tests/parse_coverage.py).
"""

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from imports.parsers import text
from imports.parsers.parse import parse_response
from imports.parsers.parsed import ImportProblem
from imports.parsers.response_forms import read_position
from imports.parsers.response_text import WHOLE_REPORT, parse_response_text
from tests.parse_coverage import lost_words

CORPUS = Path(__file__).parent / "import_corpus" / "responses"
TITLE_FLAG = 'The report title was not found (expected a line such as "HMICFRS: <title>"): choose the report'


def parse(name):
    return parse_response((CORPUS / name).read_bytes(), name=name)


def summary(parsed):
    """Everything a parse says, as plain values, so a test can state all of it at once."""
    return {
        "report_title": parsed.report_title,
        "body_name": parsed.body_name,
        "published_on": parsed.published_on,
        "report_published_on": parsed.report_published_on,
        "introduction": parsed.introduction,
        "chief_officer_comments": parsed.chief_officer_comments,
        "reply_to_chief_officer": parsed.reply_to_chief_officer,
        "signature": parsed.signature,
        "items": [(item.finding.reference, item.finding.text, item.comment, item.position) for item in parsed.items],
        "flags": [(flag.message, flag.where) for flag in parsed.flags],
    }


def response(**fields):
    """The summary of a parse: blank apart from `fields`."""
    blank = dict.fromkeys(
        ["report_title", "body_name", "introduction", "chief_officer_comments", "reply_to_chief_officer", "signature"],
        "",
    )
    return {**blank, "published_on": None, "report_published_on": None, "items": [], "flags": [], **fields}


# --- 1. A sign-off after the last comment --------------------------------------------------------


def test_a_signed_line_after_the_last_comment_is_the_signature_not_part_of_the_comment():
    assert summary(parse("signoff_signed.txt")) == response(
        report_title="Keeping records of police contact with children in care",
        body_name="Office of the Police and Crime Commissioner for Exshire",
        published_on=datetime.date(2024, 5, 14),
        introduction="I welcome this inspection and the attention it gives to children who spend time in care.",
        signature="Alex Morgan\nPolice and Crime Commissioner for Exshire",
        items=[
            (
                "Recommendation 1",
                "Chief constables should record whether a child they deal with is in care.",
                "the force added a care flag to its custody and crime systems in February.",
                "",
            ),
            (
                "Recommendation 2",
                "Chief constables should share those records with the local authority each month.",
                "a monthly return now goes to the county council's children's services, and I have asked for a "
                "progress report in the autumn.",
                "",
            ),
        ],
    )


def test_a_name_and_office_after_the_last_comment_sign_it_and_their_date_is_the_publication_date():
    assert summary(parse("signoff_name_office.html")) == response(
        report_title="A review of how forces deal with fraud against older people",
        body_name="Exshire Police and Crime Commissioner",
        published_on=datetime.date(2024, 6, 6),
        introduction="Fraud against older people takes their savings and their confidence, and I asked the force to "
        "tell me how it would respond.",
        signature="Sam Okafor\nPolice and Crime Commissioner for Exshire",
        items=[
            (
                "Recommendation 1",
                "By 30 June 2024, chief constables should make sure every victim of fraud over 75 is visited in person.",
                "the force's economic crime unit now visits every victim over 75 within five working days.",
                "",
            ),
            (
                "Recommendation 2",
                "Chief constables should tell banks about fraud patterns they see locally.",
                "the force meets the main high-street banks every quarter to share what it has seen.",
                "",
            ),
        ],
    )


def test_a_sign_off_dated_otherwise_than_the_publication_date_is_flagged_and_the_page_date_kept():
    assert summary(parse("signoff_date_disagrees.txt")) == response(
        report_title="Police response to stalking",
        body_name="Exshire OPCC",
        published_on=datetime.date(2024, 9, 2),
        introduction="Stalking ruins lives, and I want every victim in Exshire to be believed the first time.",
        signature="Jordan Bell\nExshire Police and Crime Commissioner",
        items=[
            (
                "Recommendation 1",
                "Chief constables should appoint a stalking lead in every force.",
                "a detective superintendent has led on stalking since April.",
                "",
            )
        ],
        flags=[
            (
                "The sign-off is dated 30 August 2024 but the page says it was published on 2 September 2024: "
                "check which is the date it was first published",
                "",
            )
        ],
    )


def test_a_short_last_paragraph_that_names_no_office_is_not_taken_for_a_signature():
    parsed = parse_response_text(
        "HMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\nRecommendation 1: Forces should act.\n\n"
        "OPCC comment: we did.\n\nThank You"
    )

    assert parsed.signature == ""
    assert parsed.items[0].comment == "we did.\n\nThank You"


# --- 2. Other comment labels ----------------------------------------------------------------------


def test_an_offices_own_labels_each_start_a_comment():
    assert summary(parse("other_labels.txt")) == response(
        report_title="An inspection of how forces handle calls from the public",
        body_name="Exshire Office of the Police and Crime Commissioner",
        published_on=datetime.date(2025, 3, 3),
        introduction="Answering the phone quickly is the first promise the police make to the public.",
        items=[
            (
                "Recommendation 1",
                "Chief constables should answer 90 percent of 999 calls within ten seconds.",
                "• the force answered 88 percent of 999 calls within ten seconds last year;\n\n"
                "• two new call handlers start each month until the target is met.",
                "",
            ),
            (
                "Recommendation 2",
                "Chief constables should publish their 101 waiting times every month.",
                "Waiting times have been on the force website since January.",
                "",
            ),
            (
                "Recommendation 3",
                "Forces should offer a call-back instead of a queue.",
                "A call-back service started in the spring.",
                "",
            ),
            (
                "Recommendation 4",
                "Chief constables should review how calls are graded.",
                "the grading review reports to my board in July.",
                "",
            ),
            (
                "Recommendation 5",
                "The College of Policing should write national guidance on grading calls.",
                "I have written to the College of Policing offering our review as evidence.",
                "",
            ),
        ],
    )


@pytest.mark.parametrize(
    "label",
    ["Exshire OPCC Position:", "Commissioner's response", "Our response", "Update:", "PCC Response –"],
)
def test_each_label_on_its_own_line_starts_the_comment(label):
    parsed = parse_response_text(
        "HMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\n"
        f"• Forces should appoint a stalking lead.\n\n{label}\n\na lead was appointed in January."
    )

    assert [(i.finding.text, i.comment) for i in parsed.items] == [
        ("Forces should appoint a stalking lead.", "a lead was appointed in January.")
    ]


def test_a_position_without_an_owner_is_not_a_comment_label():
    parsed = parse_response_text(
        "HMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\nRecommendation 1: Forces should act.\n\n"
        "OPCC comment: we did.\n\nPosition: the board agreed the plan in May and will review it in a year."
    )

    assert parsed.items[0].comment == "we did.\n\nthe board agreed the plan in May and will review it in a year."


# --- 3. Letters and answers to the whole report ---------------------------------------------------


def test_a_letter_to_the_home_secretary_is_kept_whole_and_flagged_for_mapping():
    assert summary(parse("letter_home_secretary.txt")) == response(
        report_title="An inspection of the police response to burglary",
        body_name="Police and Crime Commissioner for Exshire",
        published_on=datetime.date(2019, 4, 12),
        report_published_on=datetime.date(2019, 3, 3),
        introduction="\n\n".join(
            [
                "Office of the Police and Crime Commissioner for Exshire",
                "Police Headquarters",
                "Exbridge EX1 2AB",
                "The Rt Hon the Home Secretary",
                "Home Office",
                "2 Marsham Street",
                "London SW1P 4DF",
                "Dear Home Secretary,",
                "Under section 55 of the Police Act 1996 I am required to comment on the HMICFRS report 'An "
                "inspection of the police response to burglary', published on 3rd March 2019, and to send you a copy "
                "of my comments.",
                "The report makes four recommendations for all forces. I have discussed each of them with the Chief "
                "Constable, and I am satisfied that the force is acting on all four recommendations through its "
                "burglary improvement plan, which my office scrutinises every quarter.",
                "Attendance at burglaries has risen to 97 percent since the plan began, and every victim is now "
                "offered crime prevention advice at the first visit.",
            ]
        ),
        signature="Casey Hughes\nPolice and Crime Commissioner for Exshire",
        flags=[
            (
                'No "Response from: …" line was found: the body was taken from the sign-off ("Police and Crime '
                'Commissioner for Exshire"); check it',
                "",
            ),
            (WHOLE_REPORT, ""),
        ],
    )


def test_a_passage_answering_all_the_recommendations_gives_no_invented_items():
    assert summary(parse("all_recommendations.html")) == response(
        report_title="Understanding the difference - the police response to hate crime",
        body_name="Office of the Police, Fire and Crime Commissioner for Wyeshire",
        published_on=datetime.date(2018, 10, 20),
        introduction="The Commissioner has considered all seven recommendations together, because the force answers "
        "them in one hate crime action plan.\n\nThe plan gives every hate crime a named investigator, records the "
        "reason a victim gives for the crime, and reports its progress to the Commissioner's scrutiny board twice a "
        "year.",
        flags=[(WHOLE_REPORT, "")],
    )


def test_a_letter_whose_prose_names_no_report_is_imported_with_the_title_flagged():
    parsed = parse_response_text(
        "Dear Home Secretary,\n\nUnder section 55 of the Police Act 1996 I enclose my comments on the recent "
        "inspection of Exshire Police.\n\nThe force has accepted every finding.\n\nYours sincerely,\n\n"
        "Casey Hughes\nPolice and Crime Commissioner for Exshire"
    )

    assert parsed.items == [] and parsed.report_title == ""
    assert [f.message for f in parsed.flags][0] == TITLE_FLAG
    assert parsed.flags[-1].message == WHOLE_REPORT


def test_a_passage_answering_a_range_of_recommendations_goes_to_the_introduction_not_an_invented_item():
    parsed = parse_response_text(
        "HMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\nRecommendation 1: Forces should appoint a lead.\n\n"
        "OPCC comment: done.\n\nRecommendations 2 to 4\n\nThe force accepts these three and has a plan for them.\n\n"
        "Recommendation 5: Forces should train staff.\n\nOPCC comment: all trained."
    )

    assert [(i.finding.reference, i.comment) for i in parsed.items] == [
        ("Recommendation 1", "done."),
        ("Recommendation 5", "all trained."),
    ]
    assert parsed.introduction == "Recommendations 2 to 4\n\nThe force accepts these three and has a plan for them."
    assert [(f.message, f.where) for f in parsed.flags] == [
        (
            'The passage from "Recommendations 2 to 4" answers several findings at once: it was put in the '
            "introduction; in the preview, match it to the report's findings",
            "Introduction",
        )
    ]


# --- 4. Flattened forms and archived pages --------------------------------------------------------


def test_a_flattened_form_is_split_into_its_cells_and_a_clear_status_sets_the_position():
    assert summary(parse("flattened_form.txt")) == response(
        report_title="PEEL 2023-25 An inspection of Exshire Police",
        body_name="Exshire Police and Crime Commissioner",
        published_on=datetime.date(2024, 1, 17),
        introduction="The table below sets out the force's progress against each area for improvement, with my "
        "comments.",
        items=[
            (
                "Area for improvement 1",
                "The force should make sure it answers emergency calls promptly.",
                "The OPCC monitors call answering every month and the force now answers 92 percent of emergency calls "
                "within ten seconds.",
                "action-taken",
            ),
            (
                "Area for improvement 2",
                "The force should improve how it records crimes of violence.",
                "A crime recording audit team was set up in November and reports to the Commissioner's performance "
                "board.",
                "action-proposed",
            ),
            (
                "Area for improvement 3",
                "The force should make sure victims are kept informed.",
                "Victim updates are being added to the new records system.",
                "",
            ),
            (
                "Area for improvement 4",
                "The force should review how it supervises investigations.",
                "The force is consulting supervisors before it decides.",
                "",
            ),
        ],
        flags=[
            (
                'The form says "Position ☐ Accepted ☒ Partially accepted" for Area for improvement 3: choose the '
                "position by hand",
                "Area for improvement 3",
            ),
            (
                'The form says "Accepted Yes No X" for Area for improvement 4: choose the position by hand',
                "Area for improvement 4",
            ),
        ],
    )


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Complete", ("action-taken", False)),
        ("☐ Not started ☒ In progress ☐ Complete", ("action-proposed", False)),
        ("[x] No further action [ ] Complete", ("no-action", False)),
        ("☐ Accepted ☒ Partially accepted", ("", True)),
        ("☒ Complete ☒ In progress", ("", True)),
        ("Yes No X", ("", True)),
        ("Accepted", ("", True)),
    ],
)
def test_a_status_cell_gives_a_position_only_when_it_clearly_says_which(cell, expected):
    assert read_position(cell) == expected


def test_an_archived_page_loses_the_archives_banner_and_the_image_caption():
    assert summary(parse("archived_page.html")) == response(
        report_title="Report on an unannounced inspection visit to police custody suites in Exshire",
        body_name="Exshire Police and Crime Commissioner",
        published_on=datetime.date(2021, 3, 3),
        introduction="Custody is where the police hold the most power over a person, and I take its inspection "
        "seriously.",
        items=[
            (
                "Recommendation 1",
                "The force should make sure detainees can see a health professional without delay.",
                "a nurse is now on duty in each custody suite at all times.",
                "",
            ),
            (
                "Recommendation 2",
                "The force should record the use of force in custody accurately.",
                "the custody system now asks for a use of force record before a detainee can be booked out.",
                "",
            ),
        ],
    )


def test_an_archived_page_pasted_as_text_parses_like_the_saved_page():
    pasted = BeautifulSoup((CORPUS / "archived_page.html").read_text(), "html.parser").body.get_text("\n")

    assert parse_response_text(pasted) == parse("archived_page.html")


# --- 5. The chief constable's comments inside the response ---------------------------------------


def test_the_chief_constables_labelled_comments_and_the_reply_fill_their_own_fields():
    assert summary(parse("chief_constable_labelled.txt")) == response(
        report_title="Police response to domestic abuse",
        body_name="Office of the Police and Crime Commissioner for Exshire",
        published_on=datetime.date(2023, 8, 9),
        introduction="I asked the Chief Constable for his comments on the report before writing mine.",
        chief_officer_comments="The force welcomes the report. Domestic abuse is a priority in our plan, and we have "
        "trained every response officer in risk assessment.\n\nWe will report our progress to the Commissioner each "
        "quarter.",
        reply_to_chief_officer="I thank the Chief Constable for his comments and will examine the quarterly reports "
        "at my accountability board.",
        items=[
            (
                "Recommendation 1",
                "Chief constables should make sure every domestic abuse victim is given a risk assessment.",
                "I have seen the force's audit, which shows risk assessments in 96 percent of cases.",
                "",
            ),
            (
                "Recommendation 2",
                "Chief constables should use domestic violence protection orders more often.",
                "the force applied for twice as many orders this year as last.",
                "",
            ),
        ],
    )


def test_the_chief_constables_comments_introduced_in_prose_fill_their_own_field():
    assert summary(parse("chief_constable_prose.html")) == response(
        report_title="An inspection of vetting, misconduct and misogyny in the police service",
        body_name="Exshire Police, Fire and Crime Commissioner",
        published_on=datetime.date(2023, 5, 30),
        introduction="Public confidence depends on knowing that the people who police us are fit to do so.",
        chief_officer_comments="Exshire Police has reviewed the vetting of every officer and member of staff. We "
        "found no case that needed to be reopened, and we have doubled the size of our vetting unit.",
        items=[
            (
                "Recommendation 1",
                "By 31 October 2023, chief constables should review the vetting decisions made on all officers.",
                "the review was finished in August and I have read its findings.",
                "",
            )
        ],
    )


@pytest.mark.parametrize(
    "label", ["Comments from the Chief Constable", "Chief Constable's response:", "The Chief Constable's comments"]
)
def test_other_chief_constable_headings_start_the_chief_officers_comments(label):
    parsed = parse_response_text(
        "HMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\nRecommendation 1: Forces should act.\n\n"
        f"OPCC comment: we did.\n\n{label}\n\nThe force accepts the report."
    )

    assert (parsed.items[0].comment, parsed.chief_officer_comments) == ("we did.", "The force accepts the report.")


def test_the_day_the_chief_constables_comments_were_received_is_read_from_the_text():
    parsed = parse_response_text(
        "HMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\nThe Chief Constable's comments were received on "
        "Tuesday 2nd April 2024.\n\nRecommendation 1: Forces should act.\n\nOPCC comment: we did."
    )

    assert parsed.chief_officer_comments_received_on == datetime.date(2024, 4, 2)


# --- Other layouts --------------------------------------------------------------------------------


def test_a_table_of_findings_responses_and_positions_becomes_one_item_a_row():
    assert summary(parse("table_columns.html")) == response(
        report_title="PEEL 2021/22 - An inspection of Exshire Constabulary",
        body_name="Office of the Police and Crime Commissioner for Exshire",
        published_on=datetime.date(2022, 12, 1),
        introduction="The table gives my response to each area for improvement the inspectors identified.",
        items=[
            (
                "Area for improvement 1",
                "The force should make sure it understands the demand on its neighbourhood teams.",
                "A demand study was completed in September.\n\nIts results have changed the shift pattern.",
                "action-taken",
            ),
            (
                "Area for improvement 2",
                "The force should make sure it records the outcome of every stop and search.",
                "The search app will make the outcome a required field from January.",
                "action-proposed",
            ),
        ],
    )


def test_footnotes_stay_with_their_words_and_the_notes_go_to_the_introduction_flagged():
    assert summary(parse("footnotes.txt")) == response(
        report_title="State of policing - the annual assessment of policing in England and Wales",
        body_name="Office of the Police and Crime Commissioner for Exshire",
        published_on=datetime.date(2022, 8, 2),
        introduction="\n\n".join(
            [
                "The Chief Inspector's assessment1 is a useful check on how Exshire compares with other forces.",
                "1 HMICFRS publishes its assessment each year under section 54 of the Police Act 1996.",
                "2 The funding recommendation is in chapter 2 of the assessment.",
                "3 The Police Foundation set out its view in its strategic review of policing.",
            ]
        ),
        items=[
            (
                "Recommendation 1",
                "The Home Office should set out a long-term funding settlement for policing.2",
                "I have asked the Home Office for a three-year settlement, as the Police Foundation has also urged.³",
                "",
            )
        ],
        flags=[
            (
                'The text after the last comment, from "1 HMICFRS publishes its assessment each year under", was put '
                "at the end of the introduction: check where it belongs in the response",
                "Introduction",
            )
        ],
    )


def test_a_numbered_list_without_labels_takes_the_paragraph_after_each_finding_as_its_comment_flagged():
    parsed = parse("numbered_without_labels.txt")

    assert summary(parsed) == response(
        report_title="An inspection of how the police deal with missing children",
        body_name="Exshire Police, Fire and Crime Commissioner",
        published_on=datetime.date(2025, 2, 6),
        items=[
            (
                "Recommendation 1",
                "We recommend that chief constables treat every missing child as at risk until they know otherwise.",
                "The force changed its missing persons policy in December so that no child is graded as low risk "
                "without a supervisor's review.",
                "",
            ),
            (
                "Recommendation 2",
                "We recommend that chief constables hold a return interview with every child who is found.",
                "Return interviews are now carried out by the children's charity the council commissions, and the "
                "force receives each report within 72 hours.",
                "",
            ),
        ],
        flags=[
            (
                f'No label such as "OPCC comment:" was found after Recommendation {n}: the paragraphs after it were '
                "taken as the comment; check against the source",
                f"Recommendation {n}",
            )
            for n in (1, 2)
        ],
    )


@pytest.mark.parametrize(
    "line, text", [("1. Forces should act.", "Forces should act."), ("2. Forces should act.", "2. Forces should act.")]
)
def test_a_numbered_finding_under_a_heading_loses_its_number_only_when_the_heading_gives_it(line, text):
    parsed = parse_response_text(
        f"HMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\nRecommendation 1\n\n{line}\n\nOPCC comment: we did."
    )

    assert [(i.finding.reference, i.finding.text) for i in parsed.items] == [("Recommendation 1", text)]


def test_a_bilingual_page_keeps_the_english_and_hands_the_welsh_to_a_person():
    assert summary(parse("welsh_bilingual.html")) == response(
        report_title="An inspection of the police response to rape",
        body_name="Office of the Police and Crime Commissioner for Dyfedshire",
        published_on=datetime.date(2022, 7, 12),
        introduction="Every survivor of rape deserves to be believed and supported.",
        items=[
            (
                "Recommendation 1",
                "Chief constables should give every rape survivor a named officer.",
                "every survivor now has a named officer from the first report.",
                "",
            )
        ],
        flags=[
            (
                "The page gives the response in Welsh too (3 passages): the English was imported, and the Welsh is "
                "kept here for the Welsh version: Mae pob goroeswr trais yn haeddu cael ei gredu a'i gefnogi. / "
                "Argymhelliad 1: Dylai prif gwnstabliaid roi swyddog penodol i bob goroeswr trais. / Sylw'r Swyddfa: "
                "mae gan bob goroeswr swyddog penodol o'r adroddiad cyntaf.",
                "",
            )
        ],
    )


def test_a_page_in_welsh_only_is_refused_with_a_message_that_says_so():
    with pytest.raises(ImportProblem, match="^This text is in Welsh only: import the English version"):
        parse_response_text(
            "Mae pob heddlu yn gwella ac wedi cael cynllun.\n\nSylw'r Swyddfa: mae gan bob goroeswr swyddog."
        )


def test_the_same_page_saved_by_chrome_and_by_firefox_parses_the_same():
    chrome, firefox = parse("saved_by_chrome.html"), parse("saved_by_firefox.html")

    assert chrome == firefox
    assert summary(chrome) == response(
        report_title="Roads policing - not optional",
        body_name="Exshire Police and Crime Commissioner",
        published_on=datetime.date(2021, 2, 14),
        introduction="Safer roads were a promise in my police and crime plan.",
        items=[
            (
                "Recommendation 1",
                "Chief constables should make sure roads policing has enough trained officers.",
                "the roads policing unit has grown by twelve officers since April.",
                "",
            )
        ],
    )


def test_text_before_the_title_goes_to_the_introduction_flagged():
    parsed = parse_response_text(
        "Papers for the Exshire Police and Crime Panel.\n\nHMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\n"
        "Recommendation 1: Forces should act.\n\nOPCC comment: we did."
    )

    assert parsed.introduction == "Papers for the Exshire Police and Crime Panel."
    assert [(f.message, f.where) for f in parsed.flags] == [
        (
            'Text before the report title, from "Papers for the Exshire Police and Crime Panel.", was put at the start '
            "of the introduction: check whether it belongs in the response",
            "Introduction",
        )
    ]


# --- Dates in every form --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "2019-03-03",
        "3 March 2019",
        "3rd March 2019",
        "3rd of March 2019",
        "March 3rd, 2019",
        "March 3 2019",
        "Mar. 3, 2019",
        "03/03/2019",
        "3.3.2019",
        "Monday 3 March 2019",
        "Monday, 3rd March 2019",
        "Sunday March 3rd, 2019",
    ],
)
def test_a_date_is_read_in_every_common_form(written):
    assert text.parse_date(written) == datetime.date(2019, 3, 3)


def test_a_numeric_date_is_read_day_first_and_a_day_that_does_not_exist_is_none():
    assert text.parse_date("04/03/2019") == datetime.date(2019, 3, 4)
    assert text.parse_date("31 February 2019") is None
    assert text.parse_date("13/13/2019") is None
    assert text.parse_date("Smarch 3 2019") is None


@pytest.mark.parametrize(
    "line, published_on",
    [
        ("Published: Monday 3rd March 2019", datetime.date(2019, 3, 3)),
        ("Date published: March 3rd, 2019", datetime.date(2019, 3, 3)),
        ("Publication date - 03/03/2019", datetime.date(2019, 3, 3)),
        ("Published on 2019-03-03", datetime.date(2019, 3, 3)),
    ],
)
def test_a_response_reads_its_publication_date_in_any_form(line, published_on):
    parsed = parse_response_text(
        f"HMICFRS: Stalking\n\nResponse from: Exshire OPCC\n\n{line}\n\nRecommendation 1: Forces should act.\n\n"
        "OPCC comment: we did."
    )

    assert parsed.published_on == published_on


# --- The shared text helpers ---------------------------------------------------------------------


def test_cleaning_makes_one_kind_of_line_break_and_drops_invisible_characters():
    assert text.clean_text("a\r\nb\u2028c\x00d\u200be\ufeff\u00adf") == "a\nb\ncdef"


@pytest.mark.parametrize(
    "line",
    [
        "This is an archived version of the page, captured on 12 May 2021.",
        "Archived on 12/05/2021",
        "Image: the Commissioner at the opening of the new custody suite",
        "www.exshire-pcc.example",
        "2–3 minutes",
        "Cymraeg",
        "We use cookies to make our site work.",
    ],
)
def test_page_furniture_is_debris(line):
    assert text.is_debris(line)


@pytest.mark.parametrize(
    "line", ["Image-based abuse is a growing crime.", "Archived records were reviewed.", "0.AA", "Home Office"]
)
def test_sentences_that_start_like_furniture_are_not_debris(line):
    assert not text.is_debris(line)


def test_lost_words_are_suspected_where_a_sentence_runs_on_or_stops_short_but_not_after_a_name():
    assert text.lost_word_suspects("the unnecessary criminalisation of Such steps could help") == [
        ("before", "Such steps"),
        ("after", "steps could help"),
    ]
    assert text.lost_word_suspects("Office of the Police and Crime Commissioner for Exshire") == []
    assert text.lost_word_suspects("The force agreed the plan in May.2") == []


# --- Nothing lost ---------------------------------------------------------------------------------

# Per fixture, the words a parse turns into structure (labels and headings), named one by one;
# the page furniture that a parse drops is marked in the HTML fixtures (header, nav, footer, and
# elements with a data-debris attribute). Every other word must be in the parse or its flags.
STRUCTURE = {
    "signoff_signed.txt": "HMICFRS Response from Published Recommendations OPCC comment Signed",
    "signoff_name_office.html": "HMICFRS Response from Recommendations OPCC comment Thursday",
    "signoff_date_disagrees.txt": "HMICFRS Response from Date published OPCC comment Yours sincerely Dated",
    "other_labels.txt": "HMICFRS Response from Published OPCC Position Commissioner's response Our Update PCC",
    "letter_home_secretary.txt": "Yours sincerely",
    "all_recommendations.html": "HMICFRS Response from Published Response to the recommendations",
    "flattened_form.txt": "HMICFRS Response from Date published Response Status Complete In progress Not started",
    "archived_page.html": "HMICFRS Response from Published on OPCC comment",
    "chief_constable_labelled.txt": "HMICFRS Response from Published OPCC comment Chief Constable's comments "
    "Commissioner's reply to the Chief Constable",
    "chief_constable_prose.html": "HMICFRS Response from Published Recommendations Commissioner's response "
    "The Chief Constable has commented as follows",
    "table_columns.html": "HMICFRS Response from Published No Area for improvement Response Position Action taken "
    "In progress",
    "footnotes.txt": "HMICFRS Response from Published OPCC comment",
    "numbered_without_labels.txt": "HMICFRS Response from Published",
    "welsh_bilingual.html": "HMICFRS Response from Published OPCC comment",
    "saved_by_chrome.html": "HMICFRS Response from Published PCC Response",
    "saved_by_firefox.html": "HMICFRS Response from Published PCC Response",
}


def _meaningful_text(name):
    source = (CORPUS / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        soup = BeautifulSoup(source, "html.parser")
        for tag in soup(["script", "style", "head", "header", "nav", "footer"]) + soup.select("[data-debris]"):
            if not tag.decomposed:
                tag.decompose()
        return soup.get_text(" ")
    return source


def test_every_fixture_is_checked_for_lost_words():
    assert sorted(STRUCTURE) == sorted(path.name for path in CORPUS.iterdir())


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_no_meaningful_word_of_a_fixture_is_lost(name):
    assert lost_words(_meaningful_text(name), parse(name), STRUCTURE[name]) == []
