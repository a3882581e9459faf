"""The passages of an imported response, and a person's choice of where each one belongs.

A parser can put a passage in the wrong place (a comment glued onto the next one, the chief
constable's words inside the body's comment), and a letter-style response answers the report as a
whole, with its text all in the introduction. In the preview a person says, for each passage (a
paragraph: text between blank lines), what it is: the introduction, the comment on a finding, the
chief officer's comments, the reply to them, the signature, or debris to leave out.

Everything here works on the import format's JSON (ParsedResponse.to_json), the job's own copy of
the parse, so a rearranged parse is checked as any other when the preview is shown again. Passages
a person leaves out are kept with the job, listed for them and offered back, never lost unseen.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import Truncator

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")

INTRODUCTION = "introduction"
CHIEF_OFFICER = "chief-officer"
REPLY = "reply"
SIGNATURE = "signature"
LEAVE_OUT = "leave-out"

# The places that are one text field of the parse (besides the items' comments).
TEXT_FIELDS = {
    INTRODUCTION: "introduction",
    CHIEF_OFFICER: "chief_officer_comments",
    REPLY: "reply_to_chief_officer",
    SIGNATURE: "signature",
}


def item_place(n):
    return f"item-{n}"


def finding_place(finding):
    return f"finding-{finding.pk}"


def paragraphs(text):
    """The passages of `text`: its paragraphs, split on blank lines, without surrounding space."""
    return [part.strip() for part in PARAGRAPH_BREAK.split(text or "") if part.strip()]


@dataclass(frozen=True)
class Passage:
    key: str  # names it in the form: where it is now and its number there
    place: str  # where it is now, as a place (a choice in the form)
    text: str


def passages(parsed, left_out=()):
    """Every passage of the parse in document order, then those left out before."""
    found = []

    def add(place, text):
        found.extend(Passage(f"{place}-{n}", place, part) for n, part in enumerate(paragraphs(text)))

    add(INTRODUCTION, parsed.get("introduction"))
    for n, item in enumerate(parsed.get("items") or []):
        add(item_place(n), item.get("comment"))
    for place in (CHIEF_OFFICER, REPLY, SIGNATURE):
        add(place, parsed.get(TEXT_FIELDS[place]))
    found.extend(Passage(f"{LEAVE_OUT}-{n}", LEAVE_OUT, text) for n, text in enumerate(left_out))
    return found


def places(items, matched, report_findings):
    """The choices of where a passage may go, as (place, label) pairs and one group of findings.

    The findings are the report's own when it is in the tracker (an item matched to one stands for
    it; `matched` holds the Finding or None for each item), then any quoted finding the report does
    not have; otherwise the findings the response quotes."""
    matched_item = {finding.pk: n for n, finding in enumerate(matched) if finding is not None}
    comments = []
    for finding in report_findings:
        place = item_place(matched_item[finding.pk]) if finding.pk in matched_item else finding_place(finding)
        comments.append((place, _comment_on(finding.reference, finding.text)))
    unmatched = [n for n in range(len(items)) if n not in matched_item.values()]
    for n in unmatched:
        quoted_finding = items[n]["finding"]
        label = _comment_on(quoted_finding["reference"], quoted_finding["text"])
        comments.append((item_place(n), f"{label} (as quoted: not in the report)" if report_findings else label))
    choices = [(INTRODUCTION, "the introduction")]
    if comments:
        choices.append(("Our comment on a finding", comments))
    return choices + [
        (CHIEF_OFFICER, "the chief officer's comments"),
        (REPLY, "our reply to the chief officer"),
        (SIGNATURE, "the signature"),
        (LEAVE_OUT, "leave out (debris)"),
    ]


def _comment_on(reference, text):
    return f"our comment on {reference or 'a finding'}: {Truncator(' '.join(text.split())).words(8)}"


def labels(choices):
    """{place: label} of `places`' choices, groups flattened."""
    flat = {}
    for value, label in choices:
        flat.update(dict(label) if isinstance(label, list) else {value: label})
    return flat


def version(found):
    """A short fingerprint of the passages a page offered: a choice made on an older page (another
    tab moved them since) must not move different text."""
    digest = hashlib.sha256()
    for passage in found:
        digest.update(f"{passage.key}\0{passage.text}\0".encode())
    return digest.hexdigest()[:16]


@dataclass
class Rearranged:
    parsed: dict  # the import format's JSON, with each passage where it was chosen to be
    matches: list  # the chosen match of each item (a Finding pk as text, or "" to match by its words)
    left_out: list  # the texts of the passages left out


def rearrange(parsed, found, choices, matches, report_findings):
    """The parse with each passage moved to the place chosen for it (`choices`: key -> place).

    Each place gets its passages in document order. A finding of the report with no item gets one
    when a passage is given to it, matched to it by hand; an item whose passages all went elsewhere
    (and that has no position) goes, since nothing of the response is left in it. Items keep their
    order, and new ones follow in the report's order.
    """
    parsed = {**parsed, "items": [dict(item) for item in parsed.get("items") or []]}
    placed = defaultdict(list)
    for passage in found:
        placed[choices.get(passage.key, passage.place)].append(passage.text)

    def joined(place):
        return "\n\n".join(placed[place])

    for place, name in TEXT_FIELDS.items():
        parsed[name] = joined(place)
    had_passages = {passage.place for passage in found}
    items, kept_matches = [], []
    for n, item in enumerate(parsed["items"]):
        item["comment"] = joined(item_place(n))
        if item["comment"] or item.get("position") or item_place(n) not in had_passages:
            items.append(item)
            kept_matches.append(matches[n] if n < len(matches) else "")
    for finding in report_findings:
        comment = joined(finding_place(finding))
        if comment:
            items.append({"finding": quoted(finding), "comment": comment, "position": ""})
            kept_matches.append(str(finding.pk))
    parsed["items"] = items
    return Rearranged(parsed=parsed, matches=kept_matches, left_out=placed[LEAVE_OUT])


def quoted(finding):
    """A report's Finding as the import format quotes it, for an item a person created."""
    return {
        "kind": finding.kind,
        "reference": finding.reference,
        "text": finding.text,
        "addressees": [],
        "cause_of_concern": "",
        "deadline_on": None,
        "deadline_text": "",
    }


def moved(found, choices):
    """How many passages the choices move, and how many of them they leave out."""
    changed = [passage for passage in found if choices.get(passage.key, passage.place) != passage.place]
    return len(changed), sum(1 for passage in changed if choices[passage.key] == LEAVE_OUT)
