"""Read a section 55 response that an office has already published on its own website.

Offices paste responses into their sites by hand, so what we get carries the site's debris (cookie
banners, "Skip to main content", a web archive's banner) and the defects of copying: a sentence
split across paragraphs, words lost at the end of a line, a table flattened into one line. We
repair only what cannot change the meaning (whitespace, and paragraphs that are clearly one
sentence) and never change a word. Anything that looks like lost words becomes a Flag, so a person
checks it against the source in the preview before saving.

The shape we expect: the report title ("HMICFRS: <title>"), "Response from: <body>", an
introduction, then each finding as quoted from the report followed by the body's comment
("OPCC comment: …"), perhaps the chief officer's comments and the body's reply, and a sign-off.
A letter that answers the report as a whole is kept whole, for a person to map to the findings.

The work is shared out: text.py (cleaning, debris, dates), response_paragraphs.py, response_header.py,
response_labels.py, response_forms.py, response_items.py, response_signoff.py, response_welsh.py and
response_html.py.
"""

import re

from imports.parsers import response_html
from imports.parsers.parsed import Flag, ImportProblem, ParsedResponse
from imports.parsers.response_header import chief_officer_comments_received_on, read_header, title_in_prose
from imports.parsers.response_items import ItemReader, first_structure, lost_word_flags
from imports.parsers.response_paragraphs import classify, mark_footnotes, paragraphs
from imports.parsers.response_signoff import split_signoff
from imports.parsers.response_welsh import split_welsh, welsh_flag_message
from imports.parsers.text import clean_text

NO_RESPONSE = (
    'No response was found in this text: expected the report title, "Response from: …" '
    "and each recommendation followed by a comment"
)
WHOLE_REPORT = (
    "This text answers the report as a whole, not finding by finding: it is all in the introduction. "
    "In the preview, match its passages to the report's findings"
)
WELSH_ONLY = "This text is in Welsh only: import the English version of the response (the Welsh can be added to it)"
NO_ITEMS = "No recommendations with comments were found: all the text is in the introduction; check against the source"
# What shows that a text answering no finding one by one is still a s.55 response: a letter to the
# Home Secretary, the section it is written under, or a passage answering every recommendation.
ANSWERS_THE_REPORT = re.compile(
    r"^dear\s+(?:home\s+secretary|secretary\s+of\s+state|minister)\b"
    r"|\bsection\s+55\b|\bs\.?\s?55\b|\bpolice\s+act\s+1996\b"
    r"|\b(?:all|each|every)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:recommendations|areas\s+for\s+improvement)\b",
    re.I | re.M,
)


def parse_response_html(html: str) -> ParsedResponse:
    """A response from a saved web page: the page's text, then the same as parse_response_text."""
    html = _as_text(html)
    if not html.strip():
        raise ImportProblem("The file is empty")
    try:
        text, flags = response_html.page_text(html)
    except Exception as error:  # the HTML parser's own failures, for input no browser would show
        raise ImportProblem(f"This page could not be read as HTML: {error}") from None
    if not clean_text(text).strip():
        raise ImportProblem("No text was found in this page")
    parsed = parse_response_text(text)
    parsed.flags = _unique(parsed.flags + flags)
    return parsed


def parse_response_text(text: str) -> ParsedResponse:
    """A response from the text of a published page, with Flags for what a person should check."""
    text = clean_text(_as_text(text))
    if not text.strip():
        raise ImportProblem("The file is empty")
    lines, signoff = split_signoff(text.split("\n"))
    english, welsh = split_welsh(paragraphs(lines))
    if welsh and not english:
        raise ImportProblem(WELSH_ONLY)
    found = mark_footnotes([classify(p) for p in english])
    flags, item_flags = [], []
    header = read_header(found, first_structure(found), flags)
    reader = ItemReader(found[header.content_starts :], item_flags)
    reader.published_on, reader.report_published_on = header.published_on, header.report_published_on
    reader.read()
    _put_leftover_first(header.leftover, reader.introduction, flags)
    whole_report = not reader.items and bool(ANSWERS_THE_REPORT.search("\n".join(reader.introduction)))
    body_name = header.body_name or (signoff.office if signoff else "")
    if not reader.items and (not reader.introduction or not (body_name or whole_report)):
        raise ImportProblem(NO_RESPONSE)
    title, report_published_on = header.title, reader.report_published_on
    if not title and not reader.items:
        title, day_in_prose = title_in_prose(reader.introduction)
        report_published_on = report_published_on or day_in_prose
    if not header.body_name:
        flags.insert(0, Flag(_no_body_line(body_name)))
    if not title:
        flags.insert(
            0, Flag('The report title was not found (expected a line such as "HMICFRS: <title>"): choose the report')
        )
    flags += lost_word_flags(reader.introduction, "Introduction", "the introduction") + item_flags
    if not reader.items:
        flags.append(Flag(WHOLE_REPORT if whole_report else NO_ITEMS))
    if welsh:
        flags.append(Flag(welsh_flag_message(welsh)))
    published_on = _publication_date(reader.published_on, signoff, flags)
    return ParsedResponse(
        report_title=title,
        body_name=body_name,
        introduction="\n\n".join(reader.introduction),
        items=reader.items,
        published_on=published_on,
        report_published_on=report_published_on,
        chief_officer_comments="\n\n".join(reader.chief_officer_comments),
        chief_officer_comments_received_on=chief_officer_comments_received_on(
            reader.introduction + reader.chief_officer_comments
        ),
        reply_to_chief_officer="\n\n".join(reader.reply_to_chief_officer),
        signature=signoff.signature if signoff else "",
        flags=_unique(flags),
    )


def _put_leftover_first(leftover, introduction, flags):
    """Text before the title that is neither title, body nor date: kept, first in the introduction."""
    if leftover:
        introduction[:0] = leftover
        words = " ".join(leftover[0].split()[:8])
        flags.append(
            Flag(
                f'Text before the report title, from "{words}", was put at the start of the introduction: '
                "check whether it belongs in the response",
                where="Introduction",
            )
        )


def _publication_date(stated, signoff, flags):
    """The date the page states, else the sign-off's; a person checks when the two disagree."""
    signed_on = signoff.signed_on if signoff else None
    if stated and signed_on and signed_on != stated:
        flags.append(
            Flag(
                f"The sign-off is dated {_day(signed_on)} but the page says it was published on "
                f"{_day(stated)}: check which is the date it was first published"
            )
        )
    return stated or signed_on


def _no_body_line(from_signature):
    if from_signature:
        return (
            f'No "Response from: …" line was found: the body was taken from the sign-off ("{from_signature}"); check it'
        )
    return 'No "Response from: …" line was found: choose the body that published this response'


def _day(day):
    return f"{day.day} {day:%B %Y}"


def _as_text(value):
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportProblem("The file is not UTF-8 text") from None
    if not isinstance(value, str):
        raise ImportProblem("The file is not text")
    return value


def _unique(flags):
    seen, unique = set(), []
    for flag in flags:
        if (flag.message, flag.where) not in seen:
            seen.add((flag.message, flag.where))
            unique.append(flag)
    return unique
