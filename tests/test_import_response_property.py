"""Whatever it is given, the response importer parses or says what is wrong, and loses no word.

A crash on odd input would show a person a server error instead of a message they can act on; a
word lost would change what the office published without anyone seeing it.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from imports.parsers.parsed import ImportProblem, ParsedResponse
from imports.parsers.response_text import parse_response_html, parse_response_text
from tests.parse_coverage import lost_words, words

NUMBERS = ["1", "2", "3", "12", "one", "two"]
# Words of content: none is a label's word, so each must survive the parse.
WORDS = (
    "force victims officers trained board panel we review of a plan new every child call handlers training quarter "
    "spring January Such It There care records shared monthly results scrutiny 2019 March and I have "
    "asked Police should"
).split()
SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    st.sampled_from(["", ".", ".", ":", ";", "?"]),
)
NUMBER = st.sampled_from(NUMBERS)
KIND = st.sampled_from(["Recommendation", "Area for improvement", "AFI", "Cause of concern"])
BODY_LABEL = st.sampled_from(
    [
        "OPCC comment:",
        "PCC response:",
        "Response:",
        "Commissioner's response",
        "Our response",
        "Update:",
        "PCC Response –",
        "Exshire OPCC Position:",
        "Comment:",
    ]
)
LINES = st.one_of(
    SENTENCE,
    SENTENCE,
    SENTENCE.map(lambda s: f"HMICFRS: {s}"),
    SENTENCE.map(lambda s: f"Response from: {s}"),
    st.sampled_from(
        [
            "Published 4 June 2024",
            "Published: Monday 3rd March 2019",
            "Date published: 03/03/2019",
            "Date: 31 February 2020",
            "Report published: March 3rd, 2019",
            "Recommendations",
            "Recommendations 2 to 4",
            "Areas for improvement",
            "Introduction",
            "Conclusion",
            "Chief Constable's comments",
            "Comments from the Chief Constable",
            "The Chief Constable has commented as follows:",
            "Commissioner's reply to the Chief Constable",
            "Status: Complete",
            "Status ☐ Not started ☒ In progress",
            "Position ☐ Accepted ☒ Partially accepted",
            "Accepted Yes No X",
            "Signed: Alex Morgan",
            "Alex Morgan",
            "Police and Crime Commissioner for Exshire",
            "14 May 2024",
            "Yours sincerely,",
            "Dear Home Secretary,",
            "•",
            "This website uses cookies",
            "Accept",
            "Skip to main content",
            "Back to top",
            "Archived on 12/05/2021",
            "Image: the Commissioner at the launch",
            "Mae pob heddlu yn gwella ac wedi cael cynllun.",
            "Cymraeg",
        ]
    ),
    st.builds(lambda k, n, s: f"{k} {n}: {s}", KIND, NUMBER, SENTENCE),
    st.builds(lambda k, n: f"{k} {n}", KIND, NUMBER),
    st.builds(lambda label, s: f"{label} {s}", BODY_LABEL, SENTENCE),
    BODY_LABEL,
    SENTENCE.map(lambda s: f"• We recommend that chief constables {s}"),
    st.builds(lambda n, s: f"{n}. Chief constables should {s}", st.sampled_from(["1", "2", "3"]), SENTENCE),
    st.builds(
        lambda n, s, r: f"Recommendation {n} Forces should {s} Response The OPCC {r} Status Complete",
        st.sampled_from(["1", "2"]),
        SENTENCE,
        SENTENCE,
    ),
)
# Short runs of letters, digits and punctuation, so lines the pieces above never make are tried too.
JUNK = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ .:-•0123456789\u00a0", max_size=25)
RESPONSE_TEXT = st.lists(st.tuples(st.one_of(LINES, JUNK), st.sampled_from(["\n", "\n\n", "\n \n"])), max_size=25).map(
    lambda pairs: "".join(line + gap for line, gap in pairs)
)
# The words a parse may turn into structure, not text: labels, headings, the debris it drops, the
# number words of "Recommendation one", the statuses it reads as a position, a letter's valediction.
STRUCTURE = (
    "HMICFRS Response from Published Date published Report Monday rd Recommendations Areas for improvement AFI "
    "Introduction OPCC comment PCC Commissioner's Our Update Exshire Position Comment Chief Constable's comments "
    "Comments the The has commented as follows reply to Status Complete Not started In progress Accepted Partially "
    "Signed Yours sincerely This website uses cookies Accept Skip to main content Back top Archived on 12 05 2021 "
    "Image Commissioner at launch Cymraeg one two"
)


def _parses_or_refuses(parse, text):
    try:
        parsed = parse(text)
    except ImportProblem as problem:
        assert str(problem)
        return None
    assert isinstance(parsed, ParsedResponse)
    parsed.to_json()
    return parsed


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), RESPONSE_TEXT))
def test_any_text_parses_or_gives_an_import_problem(text):
    _parses_or_refuses(parse_response_text, text)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            LINES,
            st.sampled_from(
                ["<p>", "</p>", "<li>", "<main>", "<table><tr><th>Recommendation</th><th>Response</th></tr><tr><td>"]
                + ["</td><td>", "</td></tr></table>", "<script>", "<!--", "<![", "&nbsp;", "<", "<br>", '<p lang="cy">']
            ),
        ),
        max_size=40,
    ).map("".join)
)
def test_any_page_parses_or_gives_an_import_problem(html):
    _parses_or_refuses(parse_response_html, html)


@settings(max_examples=300, deadline=None)
@given(RESPONSE_TEXT)
def test_no_item_has_neither_a_finding_nor_a_comment(text):
    parsed = _parses_or_refuses(parse_response_text, text)
    if parsed is not None:
        assert all(item.finding.text or item.comment for item in parsed.items)


def test_the_words_of_content_are_none_of_the_structures_words():
    assert not words(" ".join(WORDS)) & words(STRUCTURE)


@settings(max_examples=300, deadline=None)
@given(RESPONSE_TEXT)
def test_no_word_of_a_response_is_lost(text):
    parsed = _parses_or_refuses(parse_response_text, text)
    if parsed is not None:
        assert lost_words(text, parsed, STRUCTURE) == []
