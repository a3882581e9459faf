"""The labels that start a comment in a published response, and whose words they introduce.

Offices label their comments in many ways: "OPCC comment:", "PCC Response –", "Commissioner's
response", "Our response", "Update:", "Exshire OPCC Position:". A label names an owner: the body
(the commissioner, the office, "our"), or the chief officer, whose words s.55(5) requires the body
to publish beside its own. The chief officer's comments on the whole report have a label (or a
lead-in sentence) of their own, and so does the body's reply to them.
"""

import re

OWNER_WORD = (
    r"(?:the|our|office|of|and|for|police|fire|crime|commissioner|commissioners|deputy|mayor|opcc|opfcc|pcc|pfcc|mopac"
    r"|chief|constable|officer|force|constabulary|joint|initial|body)"
)
_OWNER_WORDS = rf"(?:{OWNER_WORD}(?:[’']s|s[’'])?[\s,]+)"
# An office may put its place before the owner ("Exshire OPCC Position:"); a place alone is not an owner.
_PLACE = r"(?:(?-i:[A-Z][\w’'-]+)\s+){1,3}"
LABEL = re.compile(
    rf"^(?P<owner>{_PLACE}{_OWNER_WORDS}{{1,7}}|{_OWNER_WORDS}{{0,7}})"
    r"(?P<word>comments?|response|reply|update|position)\b"
    r"(?P<sep>\s*[:\-–—]\s*|\s*$)(?P<rest>.*)$",
    re.I,
)
# Labels that introduce the force's words rather than the body's.
OTHER_OWNER = re.compile(r"\b(?:chief|constable|constabulary|force)\b", re.I)
BODY_OWNER = re.compile(r"\b(?:commissioner|o?pf?cc|mopac|mayor|our|office)\b", re.I)
# A body's label inside a paragraph starts its own: pages often put "<br><strong>OPCC comment:</strong>"
# after the finding, and the line break does not survive as whitespace.
INLINE_LABEL = re.compile(
    r"(?:(?<=\S)\s+|(?<=[.!?;)\"”’]))(?=(?:(?:OPCC|OPFCC|PCC|PFCC|MOPAC)(?:[’']s)?|(?:Police(?:,)?\s+(?:Fire\s+and\s+)?(?:and\s+)?Crime\s+)?Commissioner[’']s"
    r"|Mayor[’']s)\s+(?:comments?|response|reply)\s*:|Response\s+(?:from|by)\s*:)"
)

_CHIEF = r"(?:the\s+)?chief\s+(?:constable|officer)"
# The chief officer's comments on the report as a whole: a heading, or a sentence that leads in to them.
CHIEF_OFFICER_LABEL = re.compile(
    rf"^(?:{_CHIEF}(?:[’']s)?\s+(?:comments?|response)(?:\s+(?:on|to)\s+the\s+(?:report|inspection))?"
    rf"|(?:comments?|response)\s+(?:from|of|by)\s+{_CHIEF})(?P<sep>\s*[:\-–—]\s*|\s*$)(?P<rest>.*)$"
    rf"|^{_CHIEF}(?:[’']s)?\s[^.:]{{0,80}}\b(?:comment|respon)[^.:]{{0,60}}:\s*$",
    re.I,
)
# The body's reply to the chief officer's comments.
REPLY_LABEL = re.compile(
    r"^(?:(?:the\s+)?(?:(?:police(?:,)?\s+(?:fire\s+and\s+)?(?:and\s+)?crime\s+)?commissioner|o?pf?cc|mayor)(?:[’']s)?\s+|our\s+)?"
    rf"(?:reply|response)\s+to\s+{_CHIEF}(?:[’']s)?(?:\s+(?:comments?|response))?"
    r"(?P<sep>\s*[:\-–—]\s*|\s*$)(?P<rest>.*)$",
    re.I,
)


def is_other_owner(owner):
    """Whether a label's owner is the force (the chief officer), not the body."""
    return bool(OTHER_OWNER.search(owner)) and not BODY_OWNER.search(owner)


def is_body_label(match):
    """Whether a LABEL match certainly starts the body's comment: "OPCC comment: …" with its colon,
    or a heading that names the body ("Commissioner's response"), not one that merely says "Response"."""
    if is_other_owner(match["owner"]):
        return False
    return bool(match["sep"].strip()) or bool(match["owner"].strip())


def label_match(paragraph):
    """The LABEL match for `paragraph`, or None. "Position" only counts with an owner: on its own it
    is a form's field ("Position: Accepted"), not a comment."""
    match = LABEL.match(paragraph)
    if match and match["word"].lower() == "position" and not match["owner"].strip():
        return None
    return match
