"""One finding across every body: its address, and every body's published answer to it.

The answers are read from each response's current published version (its snapshot), never from
the working copy, which may hold an amendment nobody has approved: the public reads only what was
published. Who should have answered comes from tracker/coverage.py, the one home of that rule.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import slugify

from tracker.vocabulary import Position

# Buckets an answer is counted in: the three s.55(5B) positions, then the rest.
NO_POSITION = "no-position"
WITHDRAWN = "withdrawn"
NO_ANSWER = "no-answer"
BUCKETS = (
    *((position.value, position.label) for position in Position),
    (NO_POSITION, "No position given"),
    (WITHDRAWN, "Withdrawn"),
    (NO_ANSWER, "No answer yet"),
)
BUCKET_LABELS = dict(BUCKETS)
POSITION_LABELS = dict(Position.choices)


def finding_slug(reference, finding_id):
    """The finding's part of its address, from its reference ("Recommendation 3" becomes
    "recommendation-3"), so the address reads as the report prints it and survives re-imports.
    A reference with nothing to slugify falls back to the finding's id."""
    return slugify(reference) or f"finding-{finding_id}"


def finding_url(finding, report_slug=None):
    """The public address of one finding across every body: /reports/<report>/findings/<ref>/.

    Pass `report_slug` when the report is not loaded, to spare a query."""
    return reverse(
        "public:finding",
        kwargs={
            "report_slug": report_slug or finding.report.slug,
            "finding_slug": finding_slug(finding.reference, finding.pk),
        },
    )


def find_by_slug(findings, slug):
    """The finding among `findings` (in report order) whose address is `slug`, or None.

    References are unique per report, but two could slugify alike ("AFI 2", "AFI-2"): the first
    in the report keeps the address."""
    for finding in findings:
        if finding_slug(finding.reference, finding.pk) == slug:
            return finding
    return None


@dataclass
class Answer:
    """One body's published answer to the finding, as the public saw it."""

    response: object
    body_name: str
    url: str
    bucket: str
    position: str
    position_label: str
    comment: str
    in_response: bool
    is_example: bool = False
    is_imported: bool = False

    @property
    def is_withdrawn(self):
        return self.bucket == WITHDRAWN


@dataclass
class Answers:
    answers: list
    not_yet: list  # bodies expected to answer that have no published response
    counts: list = field(default_factory=list)  # (bucket, label, count)

    @property
    def total(self):
        return len(self.answers) + len(self.not_yet)

    def only(self, bucket):
        """The answers in one bucket (all of them for "")."""
        if not bucket:
            return self.answers
        return [answer for answer in self.answers if answer.bucket == bucket]


def _item_for(snapshot, finding_id):
    for item in snapshot.get("items", []):
        if item.get("finding_id") == finding_id:
            return item
    return None


def answers_to(finding, report, published_responses, coverage):
    """Every published answer to `finding`, sorted by body name, with the count in each bucket.

    `published_responses` are the report's published responses with their body and current
    version loaded; `coverage` is the report's Coverage (tracker.coverage.coverage_for). A
    withdrawn response is counted as withdrawn, not under the position it once gave.
    """
    answers = []
    for response in published_responses:
        snapshot = response.current_version.snapshot
        item = _item_for(snapshot, finding.pk)
        position = (item or {}).get("position", "")
        if response.is_withdrawn:
            bucket = WITHDRAWN
        else:
            bucket = position if position in POSITION_LABELS else NO_POSITION
        response_url = reverse("public:response", kwargs={"report_slug": report.slug, "body_slug": response.body.slug})
        answers.append(
            Answer(
                response=response,
                body_name=snapshot.get("body", {}).get("name") or response.body_name,
                url=f"{response_url}#finding-{finding.pk}",
                bucket=bucket,
                position=position if position in POSITION_LABELS else "",
                position_label=POSITION_LABELS.get(position, ""),
                comment=(item or {}).get("comment", ""),
                in_response=item is not None,
                is_example=snapshot.get("is_example", False),
                is_imported=snapshot.get("is_imported", False),
            )
        )
    answers.sort(key=lambda answer: (answer.body_name.casefold(), answer.response.pk))
    not_yet = sorted(coverage.outstanding, key=lambda body: body.name.casefold())
    tally = {bucket: 0 for bucket, _ in BUCKETS}
    for answer in answers:
        tally[answer.bucket] += 1
    tally[NO_ANSWER] = len(not_yet)
    counts = [(bucket, label, tally[bucket]) for bucket, label in BUCKETS if bucket != WITHDRAWN or tally[bucket]]
    return Answers(answers=answers, not_yet=not_yet, counts=counts)
