"""Pages every public body's site must have: the accessibility statement and a page about the service.

The accessibility statement follows the structure of the GOV.UK model statement for the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. Its
contact is a deployment's own (ACCESSIBILITY_CONTACT, an email address or a sentence); without
one, the page asks readers to contact the office that published the response.
"""

import datetime

from django.conf import settings
from django.shortcuts import render

from tracker.deadlines import RESPONSE_PERIOD_DAYS, response_due_on
from tracker.models import Finding
from tracker.vocabulary import FindingKind, Position

# When the statement was prepared and last reviewed: change it whenever the statement is revised.
STATEMENT_PREPARED_ON = datetime.date(2026, 11, 26)


def accessibility(request):
    contact = getattr(settings, "ACCESSIBILITY_CONTACT", "").strip()
    return render(
        request,
        "public/accessibility.html",
        {
            "contact": contact,
            "contact_is_email": "@" in contact and " " not in contact,
            "prepared_on": STATEMENT_PREPARED_ON,
        },
    )


# What each kind of finding means, in a reader's words. A kind added to the vocabulary without a
# line here is still listed, by its name alone.
KIND_MEANINGS = {
    FindingKind.RECOMMENDATION: (
        "Something the inspectorate says should be done, often by a named date, and addressed to "
        "someone: chief constables, police and crime commissioners, the Home Office, the College of "
        "Policing, the National Police Chiefs' Council or named forces."
    ),
    FindingKind.AREA_FOR_IMPROVEMENT: (
        "A weakness the inspectorate wants put right, less serious than a cause of concern. Section "
        "55 asks for an explanation of action on recommendations, not on these, but many bodies "
        "say what is being done about them too."
    ),
    FindingKind.CAUSE_OF_CONCERN: (
        "A serious or critical shortcoming in practice, policy or performance. It always comes with "
        "one or more recommendations saying what should change."
    ),
    FindingKind.ACCELERATED_CAUSE_OF_CONCERN: (
        "A cause of concern raised during the inspection, ahead of the report, because the "
        "inspectorate judged that it needed attention straight away."
    ),
}

# An example of the clock for the about page, worked out by the same code as every deadline.
EXAMPLE_REPORT_PUBLISHED_ON = datetime.date(2026, 3, 2)


def about(request):
    kinds = [
        {
            "label": kind.label,
            "meaning": KIND_MEANINGS.get(kind, ""),
            "needs_position": kind in Finding.KINDS_NEEDING_POSITION,
        }
        for kind in FindingKind
    ]
    return render(
        request,
        "public/about.html",
        {
            "kinds": kinds,
            "positions": Position,
            "period_days": RESPONSE_PERIOD_DAYS,
            "example_published_on": EXAMPLE_REPORT_PUBLISHED_ON,
            "example_due_on": response_due_on(EXAMPLE_REPORT_PUBLISHED_ON),
        },
    )
