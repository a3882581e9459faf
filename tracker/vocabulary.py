"""The domain's vocabulary, in one place: kinds of finding, positions, report types, addressees.

Models, forms, parsers, the import format and the templates all take their words from here, so a
new kind of finding (or report, or addressee) is added by adding one line below. The values are
the stable ones used in URLs, the database and the documented import format; the labels are what
people read.
"""

from django.db import models


class FindingKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    AREA_FOR_IMPROVEMENT = "area-for-improvement", "Area for improvement"
    CAUSE_OF_CONCERN = "cause-of-concern", "Cause of concern"
    ACCELERATED_CAUSE_OF_CONCERN = "accelerated-cause-of-concern", "Accelerated cause of concern"


FINDING_KIND_PLURALS = {
    FindingKind.RECOMMENDATION: "Recommendations",
    FindingKind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
    FindingKind.CAUSE_OF_CONCERN: "Causes of concern",
    FindingKind.ACCELERATED_CAUSE_OF_CONCERN: "Accelerated causes of concern",
}

# Section 55(5B) asks for an explanation of action taken, proposed or not taken on each of these.
KINDS_NEEDING_POSITION = frozenset(
    {FindingKind.RECOMMENDATION, FindingKind.CAUSE_OF_CONCERN, FindingKind.ACCELERATED_CAUSE_OF_CONCERN}
)
# A recommendation may be made under one of these.
CONCERN_KINDS = frozenset({FindingKind.CAUSE_OF_CONCERN, FindingKind.ACCELERATED_CAUSE_OF_CONCERN})


class Position(models.TextChoices):
    """A body's s.55(5B) position on a finding: action taken, action proposed, or why none."""

    ACTION_TAKEN = "action-taken", "Action taken"
    ACTION_PROPOSED = "action-proposed", "Action proposed"
    NO_ACTION = "no-action", "No action"


class ReportType(models.TextChoices):
    PEEL = "peel", "PEEL"
    NATIONAL_THEMATIC = "national-thematic", "National thematic"
    NCPI = "ncpi", "National Child Protection Inspection"
    JTAI = "jtai", "Joint Targeted Area Inspection"
    CRIME_DATA_INTEGRITY = "crime-data-integrity", "Crime data integrity"
    CUSTODY = "custody", "Custody"
    PCC_COMMISSIONED = "pcc-commissioned", "PCC-commissioned (s.54(2BA))"
    HOME_SECRETARY_COMMISSIONED = "home-secretary-commissioned", "Home Secretary-commissioned (s.54(2B))"
    OTHER = "other", "Other"


class AddresseeKind(models.TextChoices):
    """Whom a finding is addressed to. Addressee rows (for the many-to-many) are made from these."""

    CHIEF_CONSTABLES = "chief-constables", "Chief constables"
    POLICE_AND_CRIME_COMMISSIONERS = "police-and-crime-commissioners", "Police and crime commissioners"
    HOME_OFFICE = "home-office", "Home Office"
    COLLEGE_OF_POLICING = "college-of-policing", "College of Policing"
    NATIONAL_POLICE_CHIEFS_COUNCIL = "national-police-chiefs-council", "National Police Chiefs' Council"


FINDING_KINDS = tuple(FindingKind.values)
POSITIONS = ("", *Position.values)  # blank: not given yet
REPORT_TYPES = tuple(ReportType.values)
ADDRESSEES = tuple(AddresseeKind.values)
