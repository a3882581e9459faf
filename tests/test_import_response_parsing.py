"""Reading a response an office already published on its own website (text or a saved page)."""

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imports.parsers.parsed import ImportProblem
from imports.parsers.response_text import NO_RESPONSE, parse_response_html, parse_response_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_8afd4baeb6f5bf21.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"the published Hampshire response is not at {SEED}")

NBSP = "\u00a0"

# A response in the same shape as the ones offices publish, in our own words, with the same defects:
# a cookie banner, a skip link, words lost at a line end and a sentence split across paragraphs.
SYNTHETIC = f"""This website uses cookies

We use analytics cookies to understand how you use our website.

Accept

Reject

Skip to main content

HMICFRS: How forces look for missing people: a national review

Response from: Office of the Police and Crime Commissioner for Anyshire

Published 4 June 2024

Anyshire Police was not one of the forces visited, but we have read the review closely.

Finding people quickly matters to every family involved.

{NBSP}

Recommendations

• We recommend that chief constables record every search decision in one This would let supervisors see the whole picture.

OPCC comment: the force moved to a single search log last spring and we check it at every scrutiny panel.

{NBSP}

• We recommend that chief constables review the training given to call handlers.

OPCC comment: training was refreshed between 3rd and 7th March

{NBSP}

2023, covering how to weigh the risk to a child. We will ask for the results at our next meeting.
"""


def test_it_reads_the_title_body_and_introduction():
    parsed = parse_response_text(SYNTHETIC)

    assert parsed.report_title == "How forces look for missing people: a national review"
    assert parsed.body_name == "Office of the Police and Crime Commissioner for Anyshire"
    assert parsed.published_on == datetime.date(2024, 6, 4)
    assert parsed.introduction == (
        "Anyshire Police was not one of the forces visited, but we have read the review closely.\n\n"
        "Finding people quickly matters to every family involved."
    )


def test_it_pairs_each_finding_with_its_comment():
    parsed = parse_response_text(SYNTHETIC)

    assert [item.finding.reference for item in parsed.items] == ["Recommendation 1", "Recommendation 2"]
    assert [item.finding.kind for item in parsed.items] == ["recommendation", "recommendation"]
    assert (
        parsed.items[1].finding.text == "We recommend that chief constables review the training given to call handlers."
    )
    assert parsed.items[1].finding.addressees == ["chief-constables"]
    assert parsed.items[0].comment == (
        "the force moved to a single search log last spring and we check it at every scrutiny panel."
    )


def test_it_joins_a_sentence_split_across_paragraphs():
    comment = parse_response_text(SYNTHETIC).items[1].comment

    assert comment == (
        "training was refreshed between 3rd and 7th March 2023, covering how to weigh the risk to a child. "
        "We will ask for the results at our next meeting."
    )


def test_it_leaves_out_the_cookie_banner_and_skip_link():
    parsed = parse_response_text(SYNTHETIC)
    everything = str(parsed.to_json()).lower()

    assert "cookie" not in everything
    assert "skip to" not in everything
    assert "accept" not in everything


def test_it_flags_words_lost_at_a_line_end():
    parsed = parse_response_text(SYNTHETIC)

    assert [(flag.message, flag.where) for flag in parsed.flags] == [
        (
            'Possible lost words before "This would" in Recommendation 1: check against the source',
            "Recommendation 1",
        )
    ]


def test_it_never_changes_a_word():
    parsed = parse_response_text(SYNTHETIC)
    source_words = " ".join(SYNTHETIC.replace(NBSP, " ").split())

    for item in parsed.items:
        assert " ".join(item.finding.text.split()) in source_words
    assert " ".join(parsed.items[0].comment.split()) in source_words


# --- The published Hampshire response --------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return parse_response_text(SEED.read_text(encoding="utf-8"))


@needs_seed
def test_seed_title_body_and_introduction(seed):
    assert seed.report_title == "National Child Protection Inspections: 2019 thematic report"
    assert seed.body_name == "Office of the Police and Crime Commissioner, Hampshire"
    assert seed.introduction.startswith("While Hampshire Constabulary was not a part of this thematic inspection")
    assert seed.introduction.endswith("senior officer oversight.")
    assert "  " not in seed.introduction and NBSP not in seed.introduction


@needs_seed
def test_seed_has_three_recommendations_each_with_its_whole_comment(seed):
    assert [item.finding.reference for item in seed.items] == [
        "Recommendation 1",
        "Recommendation 2",
        "Recommendation 3",
    ]
    assert {item.finding.kind for item in seed.items} == {"recommendation"}
    expected = [
        (
            "We recommend that chief constables take steps",
            "lower level crimes.",
            "with the force adopting a trauma informed approach",
            "we continue to closely monitor this area.",
        ),
        (
            "We recommend that chief constables should review performance management",
            "one part of effective practice.",
            "a key role of our office is the continued scrutiny of the force",
            "utilised in the decision making process.",
        ),
        (
            "We recommend that chief constables on those forces not yet inspected",
            "a regional or national learning event.",
            "Hampshire Constabulary was inspected by the Joint Targeted Area Inspection",
            "we continue to work tirelessly to ensure the safety of children is paramount.",
        ),
    ]
    for item, (text_start, text_end, comment_start, comment_end) in zip(seed.items, expected, strict=True):
        assert item.finding.text.startswith(text_start)
        assert item.finding.text.endswith(text_end)
        assert item.comment.startswith(comment_start)
        assert item.comment.endswith(comment_end)
        assert "comment:" not in item.comment.lower()


@needs_seed
def test_seed_sentence_split_across_paragraphs_is_one_sentence(seed):
    comment = seed.items[2].comment

    assert "between 5th and 9th December 2016, looking at" in comment
    assert "\n" not in comment


@needs_seed
def test_seed_has_no_web_debris(seed):
    everything = str(seed.to_json()).lower()

    for debris in ("cookie", "skip to main content", "google analytics", "this site uses"):
        assert debris not in everything


@needs_seed
def test_seed_flags_the_lost_words(seed):
    messages = [flag.message for flag in seed.flags]

    assert len(messages) >= 2
    assert 'Possible lost words before "Such steps" in Recommendation 1: check against the source' in messages
    assert any('"The purpose"' in m or '"This may"' in m for m in messages)
    assert {flag.where for flag in seed.flags} <= {"Recommendation 1", "Recommendation 2", "Recommendation 3"}


# --- Saved web pages -------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="en"><head><title>Our response | Anyshire OPCC</title>
<script>window.dataLayer = [];</script><style>body {{ color: black }}</style></head>
<body>
<a href="#main" class="govuk-skip-link">Skip to main content</a>
<div class="cookie-banner"><p>This site uses cookies</p><p>We use cookies to count visits to our site.</p>
<button>Accept</button><button>Reject</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
{main_open}
<h1>HMICFRS: How forces look for missing people: a national review</h1>
<p>Response from: Office of the Police and Crime Commissioner for Anyshire</p>
<p>Published 4 June 2024</p>
<p>Anyshire Police was not one of the forces visited, but we have read the review closely.</p>
<p>Finding people quickly matters to every family involved.</p>
<p>&nbsp;</p>
<h2>Recommendations</h2>
<ul><li>We recommend that chief constables record every search decision in one This would let supervisors see the whole picture.</li></ul>
<p><strong>OPCC comment:</strong> the force moved to a single search log last spring and we check it at every scrutiny panel.</p>
<p>&nbsp;</p>
<ul><li>We recommend that chief constables review the training given to call handlers.</li></ul>
<p>OPCC comment: training was refreshed between 3rd and 7th March</p>
<p>&nbsp;</p>
<p>2023, covering how to weigh the risk to a child. We will ask for the results at our next meeting.</p>
{main_close}
<footer><p>&copy; Anyshire OPCC</p></footer>
<script>trackPage();</script>
</body></html>
"""


def test_a_saved_page_parses_like_its_text():
    html = PAGE.format(main_open='<main id="main">', main_close="</main>")

    assert parse_response_html(html) == parse_response_text(SYNTHETIC)


def test_a_saved_page_without_a_main_element_still_loses_its_banner():
    html = PAGE.format(main_open="<div>", main_close="</div>").replace('class="cookie-banner"', 'class="notice"')

    parsed = parse_response_html(html)

    assert parsed == parse_response_text(SYNTHETIC)
    assert "cookie" not in str(parsed.to_json()).lower()


# --- Other ways offices lay out a response ---------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "PCC response:",
        "Response:",
        "Commissioner's response:",
        "Commissioner’s response:",
        "Our response:",
        "Comment:",
        "opcc COMMENT:",
    ],
)
def test_it_reads_other_comment_labels(label):
    text = f"""Custody suites: a joint inspection

Response from: Anyshire Police, Fire and Crime Commissioner

• We recommend that chief constables publish how long detainees wait for a nurse.

{label} waiting times go on the force website every quarter from April.

• We recommend that chief constables check cell call bells every shift.

{label} this is already part of the shift handover checklist.
"""
    parsed = parse_response_text(text)

    assert parsed.report_title == "Custody suites: a joint inspection"
    assert [item.comment for item in parsed.items] == [
        "waiting times go on the force website every quarter from April.",
        "this is already part of the shift handover checklist.",
    ]
    assert parsed.flags == []


def test_it_reads_numbered_recommendation_headings():
    text = """HMICFRS – Roads policing: not optional

Response by: Mayor of Anytown

Recommendation 4

By 30 September 2025, chief constables should review how collisions are recorded.

PCC response: a review started in May and reports to the panel in the autumn.

Recommendation 5: The Home Office should fund a national road safety campaign.

Response: we have written to the minister in support.
"""
    parsed = parse_response_text(text)

    assert parsed.report_title == "Roads policing: not optional"
    assert parsed.body_name == "Mayor of Anytown"
    first, second = parsed.items
    assert (first.finding.reference, second.finding.reference) == ("Recommendation 4", "Recommendation 5")
    assert first.finding.text == "By 30 September 2025, chief constables should review how collisions are recorded."
    assert first.finding.deadline_on == datetime.date(2025, 9, 30)
    assert first.finding.deadline_text == "By 30 September 2025"
    assert second.finding.text == "The Home Office should fund a national road safety campaign."
    assert second.finding.addressees == ["home-office"]
    assert second.comment == "we have written to the minister in support."


def test_it_reads_a_numbered_list_and_areas_for_improvement():
    text = """HMICFRS: Anyshire PEEL inspection

Response from: Anyshire Police and Crime Commissioner

We welcome the report.

Recommendations

1. The force should answer non-emergency calls faster.

OPCC comment: a new call centre rota starts next month.

Areas for improvement

Area for improvement 2: The force should record the ethnicity of people it stops.

OPCC comment: recording is now mandatory in the stop app.
"""
    parsed = parse_response_text(text)

    assert parsed.introduction == "We welcome the report."
    assert [(i.finding.kind, i.finding.reference) for i in parsed.items] == [
        ("recommendation", "Recommendation 1"),
        ("area-for-improvement", "Area for improvement 2"),
    ]
    assert parsed.items[0].finding.text == "The force should answer non-emergency calls faster."


def test_a_finding_without_a_comment_is_flagged_not_refused():
    text = """HMICFRS: Vetting and misconduct

Response from: Anyshire OPCC

• We recommend that chief constables recheck the vetting of all officers.

• We recommend that chief constables publish misconduct outcomes.

OPCC comment: outcomes are on the force website.
"""
    parsed = parse_response_text(text)

    assert [item.comment for item in parsed.items] == ["", "outcomes are on the force website."]
    assert [(f.message, f.where) for f in parsed.flags] == [
        ("No comment was found for Recommendation 1: check against the source", "Recommendation 1")
    ]


def test_it_does_not_join_paragraphs_that_end_a_sentence():
    text = """HMICFRS: Vetting and misconduct

Response from: Anyshire OPCC

• We recommend that chief constables publish misconduct outcomes.

OPCC comment: outcomes are on the force website.

and the panel reviews them twice a year.
"""
    comment = parse_response_text(text).items[0].comment

    assert comment == "outcomes are on the force website.\n\nand the panel reviews them twice a year."


def test_hand_wrapped_lines_are_joined_into_paragraphs():
    wrapped = "the panel looked at a sample of cases from the last year\nand " * 2000
    text = f"""HMICFRS: Vetting and misconduct
Response from: Anyshire OPCC
• We recommend that chief constables publish
misconduct outcomes.
OPCC comment: outcomes are published by the multi-
agency board, and {wrapped}found them sound.
"""
    item = parse_response_text(text).items[0]

    assert item.finding.text == "We recommend that chief constables publish misconduct outcomes."
    assert item.comment.startswith("outcomes are published by the multi-agency board, and the panel looked")
    assert item.comment.endswith("from the last year and found them sound.")
    assert "\n" not in item.comment


def test_it_flags_a_paragraph_that_stops_mid_sentence():
    text = """HMICFRS: Vetting and misconduct

Response from: Anyshire OPCC

• We recommend that chief constables publish misconduct outcomes.

OPCC comment: outcomes are published on the force website within

The panel reviews them twice a year.
"""
    parsed = parse_response_text(text)

    assert (
        'Possible lost words after "force website within" in the comment on Recommendation 1: check against the source'
        in [f.message for f in parsed.flags]
    )


def test_recommendations_after_a_cause_of_concern_come_under_it():
    text = """HMICFRS: Vetting and misconduct

Response from: Anyshire OPCC

Cause of concern 1: Forces are too slow to deal with officers who abuse their position.

OPCC comment: the force has cut the time to a first decision by a third.

Recommendation 1: Chief constables should set a target time for assessments.

OPCC comment: a 28-day target applies from June.

Areas for improvement

Area for improvement 1: The force should explain outcomes to complainants.

OPCC comment: letters were rewritten with the complaints team.
"""
    parsed = parse_response_text(text)

    assert [(i.finding.reference, i.finding.kind, i.finding.cause_of_concern) for i in parsed.items] == [
        ("Cause of concern 1", "cause-of-concern", ""),
        ("Recommendation 1", "recommendation", "Cause of concern 1"),
        ("Area for improvement 1", "area-for-improvement", ""),
    ]


def test_a_wrapped_title_and_body_name_are_joined():
    text = """HMICFRS: An inspection of how well the police and
National Crime Agency tackle online abuse

Response from: Office of the Police and Crime Commissioner for
Anyshire and the Isles

Introduction

We welcome the inspection.

1. We recommend that chief constables act on every referral.

OPCC comment: referrals are reviewed within a day.
"""
    parsed = parse_response_text(text)

    assert parsed.report_title == "An inspection of how well the police and National Crime Agency tackle online abuse"
    assert parsed.body_name == "Office of the Police and Crime Commissioner for Anyshire and the Isles"
    assert parsed.introduction == "We welcome the inspection."


def test_the_chief_constables_words_stay_labelled_in_the_comment():
    text = """HMICFRS: Stalking

Response from: Anyshire PCC

Recommendation 1
Chief constables should appoint a stalking lead.
Chief Constable's response: a lead was appointed in January.
PCC comment: I will hold the lead to account at my board.
"""
    item = parse_response_text(text).items[0]

    assert item.finding.text == "Chief constables should appoint a stalking lead."
    assert item.comment == (
        "Chief Constable's response: a lead was appointed in January.\n\n"
        "PCC comment: I will hold the lead to account at my board."
    )


def test_text_after_the_last_comment_goes_to_the_introduction_and_is_flagged():
    text = """HMICFRS: Stalking

Response from: Anyshire PCC

• We recommend that chief constables appoint a stalking lead.

PCC comment: a lead was appointed in January.

Conclusion

I will publish an update in six months.

Back to top
"""
    parsed = parse_response_text(text)

    assert parsed.items[0].comment == "a lead was appointed in January."
    assert parsed.introduction == "Conclusion\n\nI will publish an update in six months."
    assert [f.message for f in parsed.flags] == [
        'The text after the last comment, from "Conclusion", was put at the end of the introduction: '
        "check where it belongs in the response"
    ]


def test_a_label_after_a_line_break_in_a_page_starts_the_comment():
    html = (
        "<main><h1>HMICFRS: Stalking</h1><p>Response from: Anyshire PCC</p>"
        "<p>&#8226; We recommend that chief constables appoint a stalking lead.<br>"
        "<strong>PCC comment:</strong> a lead was appointed in January.</p></main>"
    )
    item = parse_response_html(html).items[0]

    assert item.finding.text == "We recommend that chief constables appoint a stalking lead."
    assert item.comment == "a lead was appointed in January."


# --- Input that is not a response ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n  ", f"{NBSP}\n{NBSP}\n", "\ufeff"])
def test_empty_text_is_refused(text):
    with pytest.raises(ImportProblem, match="^The file is empty$"):
        parse_response_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Minutes of the police and crime panel meeting.\n\nApologies were received from two members.",
        "This site uses cookies\n\nAccept\n\nReject\n\nSkip to main content",
        "Response from: Anyshire OPCC",
    ],
)
def test_text_without_a_response_is_refused(text):
    with pytest.raises(ImportProblem) as problem:
        parse_response_text(text)

    assert str(problem.value) == NO_RESPONSE
    assert str(problem.value).startswith(
        'No response was found in this text: expected the report title, "Response from: …"'
    )


def test_an_empty_page_is_refused():
    with pytest.raises(ImportProblem, match="^The file is empty$"):
        parse_response_html("")
    with pytest.raises(ImportProblem, match="^No text was found in this page$"):
        parse_response_html("<html><body><script>x()</script><nav>Home</nav></body></html>")


# --- Anything at all -------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "Response from:",
        "Response from: Anyshire OPCC",
        "OPCC comment:",
        "PCC response: ",
        "Response:",
        "•",
        "• ",
        "Recommendation 1",
        "Recommendation",
        "Recommendation one:",
        "1. ",
        "Recommendations",
        "Areas for improvement",
        "HMICFRS: ",
        "HMICFRS – A report",
        "Published 31 February 2020",
        "Date: ",
        "We recommend that",
        "chief constables",
        "of",
        "Such",
        "The",
        "2016,",
        "December",
        "Conclusion",
        "Cookies",
        "Accept",
        "Skip to main content",
        "\n",
        "\n\n",
        " ",
        NBSP,
        "\r",
        "\t",
        ".",
        ":",
        "-",
        "\u2028",
        "\x00",
        "é",
        "İ",
    ]
)
ANY_TEXT = st.one_of(st.text(), st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join))


def _parses_or_refuses(parse, text):
    try:
        parsed = parse(text)
    except ImportProblem as problem:
        assert str(problem)
        return
    parsed.to_json()


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_any_text_parses_or_is_refused_with_an_import_problem(text):
    _parses_or_refuses(parse_response_text, text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(
            FRAGMENTS, st.sampled_from(["<p>", "</p>", "<li>", "<main>", "<script>", "<!--", "<![", "&nbsp;", "<"])
        ),
        max_size=40,
    ).map("".join)
)
def test_any_page_parses_or_is_refused_with_an_import_problem(html):
    _parses_or_refuses(parse_response_html, html)


def test_the_json_format_carries_the_original_address_and_date_and_round_trips():
    import json

    from imports.parsers.structured import response_from_json

    data = {
        "format": "tracker-response/1",
        "report_title": "A report",
        "body_name": "Office of the Police and Crime Commissioner for Anyshire",
        "introduction": "",
        "published_on": "2024-06-04",
        "original_url": "https://www.example.org/our-response",
        "items": [
            {
                "finding": {"kind": "recommendation", "reference": "Recommendation 1", "text": "Act."},
                "comment": "We did.",
            }
        ],
    }
    parsed = response_from_json(json.dumps(data))
    assert parsed.original_url == "https://www.example.org/our-response"
    assert parsed.published_on == datetime.date(2024, 6, 4)
    assert response_from_json(json.dumps(parsed.to_json())) == parsed
    del data["original_url"]
    assert response_from_json(json.dumps(data)).original_url == ""
