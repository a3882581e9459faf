"""What the importers produce: plain data, before anything touches the database.

The JSON form of these classes is the documented import format (README, "Import format"), used by
`--json` output and accepted back as input, so a parse can be corrected by machine and re-imported.
"""

import datetime
from dataclasses import asdict, dataclass, field

from tracker import vocabulary

REPORT_FORMAT = "tracker-report/1"
RESPONSE_FORMAT = "tracker-response/1"

# The words of the import format are the domain's own (tracker.vocabulary).
FINDING_KINDS = vocabulary.FINDING_KINDS
POSITIONS = vocabulary.POSITIONS
REPORT_TYPES = vocabulary.REPORT_TYPES
ADDRESSEES = vocabulary.ADDRESSEES


class ImportProblem(Exception):
    """Input the importer cannot use. The message names the problem in words a person can act on."""


class FieldProblem(ImportProblem):
    """A problem with one detail the browser import's preview lets a person correct; `field` names it."""

    def __init__(self, message, field):
        super().__init__(message)
        self.field = field


@dataclass
class Flag:
    """Something a person should check in the preview (a suspected lost word, a guessed date)."""

    message: str
    where: str = ""


@dataclass
class ParsedFinding:
    kind: str
    reference: str
    text: str
    addressees: list = field(default_factory=list)  # Addressee slugs, e.g. "chief-constables"
    cause_of_concern: str = ""  # the reference of the cause of concern this recommendation is under
    deadline_on: datetime.date | None = None
    deadline_text: str = ""
    addressed_forces: list = field(default_factory=list)  # Force slugs, for a finding addressed to named forces


@dataclass
class ParsedReport:
    title: str
    findings: list  # of ParsedFinding, in report order
    published_on: datetime.date | None = None
    report_type: str = "other"
    source_url: str = ""
    summary: str = ""
    concerns_all_forces: bool = True
    forces: list = field(default_factory=list)  # Force slugs, when not all forces
    flags: list = field(default_factory=list)  # of Flag

    def to_json(self):
        data = asdict(self)
        data["format"] = REPORT_FORMAT
        data["published_on"] = _iso(self.published_on)
        for finding in data["findings"]:
            finding["deadline_on"] = _iso(finding["deadline_on"])
        return data


@dataclass
class ParsedItem:
    finding: ParsedFinding
    comment: str
    position: str = ""


@dataclass
class ParsedResponse:
    report_title: str
    body_name: str
    introduction: str
    items: list  # of ParsedItem, in order
    published_on: datetime.date | None = None  # when the response was first published (elsewhere)
    report_published_on: datetime.date | None = None
    original_url: str = ""  # where it was first published
    # s.55(4)-(5): the chief officer's comments on the report, when they were asked for, by when and
    # when received, and the body's reply to them.
    chief_officer_comments: str = ""
    chief_officer_comments_requested_on: datetime.date | None = None
    chief_officer_comments_due_on: datetime.date | None = None
    chief_officer_comments_received_on: datetime.date | None = None
    reply_to_chief_officer: str = ""
    late_explanation: str = ""  # why it was published after the 56 days, as the source says
    signature: str = ""  # the sign-off at its end: name and office, one per line
    flags: list = field(default_factory=list)

    DATES = (
        "published_on",
        "report_published_on",
        "chief_officer_comments_requested_on",
        "chief_officer_comments_due_on",
        "chief_officer_comments_received_on",
    )

    def to_json(self):
        data = asdict(self)
        data["format"] = RESPONSE_FORMAT
        for name in self.DATES:
            data[name] = _iso(getattr(self, name))
        for item in data["items"]:
            item["finding"]["deadline_on"] = _iso(item["finding"]["deadline_on"])
        return data


def _iso(day):
    return day.isoformat() if day else None
