"""What an edited Word file would change, part by part, and what accepting some of it saves.

A three-way comparison, so a Word file made from an older draft never silently undoes another
person's later change: for each part, the text of the revision the file was made from (base),
the text in the tracker now (theirs), and the text in the file (yours).

- yours == base: the file did not change the part, so whatever is in the tracker now stays (if
  someone else changed it meanwhile, the page says their text is kept);
- yours == theirs: nothing to do;
- otherwise the part is offered. If theirs differs from base too, both changed it: the part is
  marked as a conflict and not selected, and accepting it is a deliberate replacement of their text,
  as saving again after a conflict is in the editor.
"""

import datetime
from dataclasses import dataclass

from responses.diff import word_diff
from responses.word import display
from tracker.vocabulary import Position


@dataclass(frozen=True)
class Proposal:
    """One part the file would change. The HTML is safe: built by diff.word_diff."""

    spec: object  # word.PartSpec
    current: str
    proposed: str
    conflict: bool
    old_html: str
    new_html: str

    @property
    def key(self):
        return self.spec.key

    @property
    def label(self):
        return self.spec.label


def proposals(specs, base, current, uploaded):
    """([Proposal], [PartSpec kept as others left it]) for the parts in `uploaded` ({key: value});
    `base` and `current` are word.values_of() of the file's revision and of the working copy."""
    offered, kept = [], []
    for spec in specs:
        if spec.key not in uploaded:
            continue
        yours, was, now = uploaded[spec.key], base.get(spec.key, ""), current.get(spec.key, "")
        if yours == was:
            if now != was:
                kept.append(spec)
            continue
        if yours == now:
            continue
        old_html, new_html = word_diff(display(spec, now), display(spec, yours))
        offered.append(Proposal(spec, now, yours, now != was, old_html, new_html))
    return offered, kept


def save_arguments(specs, snapshot, accepted):
    """(fields, items, errors) for workflow.save from the accepted {key: value}: only those parts
    change; an item's other half (its comment, or its position) is passed on as it is now."""
    fields, items, errors = {}, {}, []
    now = {item["finding_id"]: item for item in snapshot["items"]}
    references = {}
    for spec in specs:
        if spec.key not in accepted:
            continue
        value = accepted[spec.key]
        if spec.finding_id is None:
            if spec.kind == "date":
                value = datetime.date.fromisoformat(value) if value else None
            fields[spec.key] = value
            continue
        item = now[spec.finding_id]
        comment, position = items.get(spec.finding_id, (item["comment"], item["position"]))
        items[spec.finding_id] = (value, position) if spec.kind == "text" else (comment, value)
        references[spec.finding_id] = item["reference"]
    for finding_id, (comment, position) in items.items():
        if position == Position.NO_ACTION and not comment.strip():
            errors.append(f"{references[finding_id]}: Enter why no action is being taken")
    return fields, items, errors
