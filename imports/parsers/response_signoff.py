"""The sign-off at the end of a response: who signed it, in what office, and when.

Offices end a response as they would a letter: "Signed: Jane Smith", or a name on one line and
"Police and Crime Commissioner for Exshire" on the next, often with a date, sometimes after "Yours
sincerely". Read as text, it would be glued onto the last comment; it is the response's signature
instead (name and office, one per line), and its date is when the response was published unless
the page says otherwise.
"""

import re
from dataclasses import dataclass

from imports.parsers.text import is_date_only, is_debris, parse_date, squeeze

_COMMISSIONER = r"(?:police(?:,)?\s+(?:fire\s+and\s+)?(?:and\s+)?crime\s+commissioner|pf?cc|mayor|commissioner)"
OFFICE = re.compile(
    rf"^(?:(?:the\s+)?(?:(?:office\s+of\s+the\s+)?(?:deputy\s+)?{_COMMISSIONER}|chief\s+executive)\b(?:\s+(?:for|of)\s+\S.*)?"
    rf"|(?-i:[A-Z][\w’'&-]*\s+){{1,5}}(?:deputy\s+)?{_COMMISSIONER})$",
    re.I,
)
_HONOURS = r"(?:\s+(?:OBE|MBE|CBE|QPM|KPM|KC|QC|MP|JP|DL))*"
_TITLES = r"(?:(?:Rt\.?\s+Hon\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Sir|Dame|Lord|Baroness|Cllr\.?|Councillor|Prof\.?)\s+)*"
NAME = re.compile(rf"^{_TITLES}[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,4}}{_HONOURS},?$")
SIGNED = re.compile(r"^signed(?:\s+by)?\s*[:\-–—]?\s*(?P<rest>.*)$", re.I)
VALEDICTION = re.compile(r"^(?:yours\s+(?:sincerely|faithfully|truly)|(?:kind|best|with\s+best)\s+regards)[,.]?$", re.I)
DATED = re.compile(r"^(?:date(?:d)?|signed\s+on)\s*[:\-–—]?\s*(?P<date>.+?)\.?$", re.I)


@dataclass
class SignOff:
    signature: str  # name and office, one per line
    signed_on: object = None  # datetime.date or None
    office: str = ""


def _date_of(line):
    match = DATED.match(line)
    text = match["date"] if match else line
    return parse_date(text.rstrip(".")) if (match or is_date_only(line)) else None


def split_signoff(lines):
    """(`lines` without their sign-off, SignOff or None). Only a sign-off at the very end counts,
    and only one that names an office or says "Signed": a short last line alone may be anything."""
    meaningful = [i for i, line in enumerate(lines) if squeeze(line) and not is_debris(squeeze(line))]
    if not meaningful:
        return lines, None
    at = len(meaningful) - 1
    line = lambda k: squeeze(lines[meaningful[k]])  # noqa: E731
    signed_on = _date_of(line(at))
    if signed_on:
        at -= 1
    names, offices, signed = [], [], False
    if at >= 0 and SIGNED.match(line(at)) and "," in line(at):
        # "Signed: Jane Smith, Police and Crime Commissioner for Exshire, 3 March 2019" on one line.
        parts = [part.strip() for part in SIGNED.match(line(at))["rest"].split(",") if part.strip()]
        if len(parts) >= 2 and NAME.match(parts[0]) and OFFICE.match(parts[1]):
            day = _date_of(parts[-1]) if len(parts) > 2 else None
            if len(parts) == 2 or (day and len(parts) == 3):
                names, offices, signed, signed_on = [parts[0]], [parts[1]], True, signed_on or day
                at -= 1
    while not names and at >= 0 and len(offices) < 2 and OFFICE.match(line(at)) and len(line(at).split()) <= 14:
        offices.insert(0, line(at))
        at -= 1
    if not names and at >= 0:
        match = SIGNED.match(line(at))
        candidate = match["rest"] if match else line(at)
        if candidate and NAME.match(candidate) and (match or offices):
            names, signed = [candidate.rstrip(",")], bool(match)
            at -= 1
        elif match and not candidate and offices:
            signed, at = True, at - 1
    if not names and not offices:
        return lines, None
    if not signed and at >= 0 and (SIGNED.fullmatch(line(at)) and not SIGNED.match(line(at))["rest"]):
        at -= 1
    if at >= 0 and VALEDICTION.match(line(at)):
        at -= 1
    if at < 0 and not names:
        return lines, None  # nothing but an office's name: a heading, not a sign-off
    kept = lines[: meaningful[at] + 1] if at >= 0 else []
    return kept, SignOff(
        signature="\n".join(names + offices), signed_on=signed_on, office=offices[0] if offices else ""
    )
