"""Comparing two revisions of a response: word-level marks and the rows of the comparison table."""

import copy

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from responses.diff import Row, changed_rows, compare, word_diff

DEL = '<del class="app-diff__removed">'
INS = '<ins class="app-diff__added">'


def snapshot(**changes):
    """A snapshot as take_snapshot makes it, with two findings, built without the database."""
    base = {
        "schema": 1,
        "report": {
            "title": "An inspection of custody",
            "slug": "custody",
            "published_on": "2025-01-07",
            "due_on": "2025-03-03",
            "source_url": "https://example.org/custody",
        },
        "body": {"name": "Anyshire PCC", "slug": "anyshire"},
        "is_example": False,
        "introduction": "We welcome the report.\n\nThe force has made progress.",
        "chief_officer_comments": "The chief constable accepts the findings.",
        "chief_officer_comments_received_on": "2025-02-01",
        "reply_to_chief_officer": "",
        "signature": "Alex Morgan\nPolice and Crime Commissioner for Anyshire",
        "change_note": "",
        "change_is_major": False,
        "items": [
            finding(1, "Recommendation 1", comment="Training starts in May.", position="action-proposed"),
            finding(2, "Area for improvement 1", kind="area-for-improvement", comment=""),
        ],
    }
    base.update(changes)
    return base


def finding(finding_id, reference, *, kind="recommendation", comment="", position=""):
    return {
        "finding_id": finding_id,
        "reference": reference,
        "kind": kind,
        "text": f"The text of {reference}.",
        "addressees": ["Chief constables"],
        "deadline": "",
        "cause_of_concern": "",
        "comment": comment,
        "position": position,
    }


def row(rows, label):
    (found,) = [r for r in rows if r.label == label]
    return found


def test_a_changed_word_is_marked_and_the_others_are_not():
    old_html, new_html = word_diff("The force will act quickly.", "The force will act slowly.")

    assert old_html.startswith("The force will act ")
    assert f'{DEL}<span class="govuk-visually-hidden">Removed: </span>quickly</del>.' in old_html
    assert f'{INS}<span class="govuk-visually-hidden">Added: </span>slowly</ins>.' in new_html
    assert old_html.count("<del") == 1 and new_html.count("<ins") == 1
    assert "<ins" not in old_html and "<del" not in new_html
    assert isinstance(old_html, SafeString) and isinstance(new_html, SafeString)


def test_consecutive_changed_words_are_one_mark():
    old_html, new_html = word_diff("a big red dog", "a small blue dog")

    assert old_html.count("<del") == 1 and "big red</del>" in old_html
    assert new_html.count("<ins") == 1 and "small blue</ins>" in new_html


def test_html_in_what_people_typed_is_escaped():
    old_html, new_html = word_diff("Fine & <b>bold</b>", "Fine & <script>alert('x')</script>")

    assert "<script>" not in new_html and "</script>" not in new_html
    assert new_html.startswith("Fine &amp; &lt;") and new_html.endswith("script</ins>&gt;")
    assert "alert(&#x27;x&#x27;)" in new_html
    assert "<b>" not in old_html and "&lt;/" in old_html
    assert "&amp;" in old_html and "&amp;" in new_html


def test_html_is_escaped_in_the_rendered_table():
    old = snapshot()
    new = snapshot(introduction='<script>alert("x")</script>')

    context = {"rows": compare(old, new), "old_label": "Version 1", "new_label": "Version 2"}
    html = render_to_string("responses/staff/_compare_table.html", context)

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_paragraphs_survive():
    old_html, new_html = word_diff("First paragraph.\n\nSecond paragraph.", "First paragraph.\n\nSecond part.")

    assert old_html.startswith("First paragraph.<br><br>Second ")
    assert new_html.startswith("First paragraph.<br><br>Second ")
    assert "part</ins>" in new_html


def test_a_paragraph_break_alone_changing_is_still_marked():
    joined_old, joined_new = word_diff("One.\n\nTwo.", "One. Two.")
    split_old, split_new = word_diff("One. Two.", "One.\n\nTwo.")

    assert joined_old == f'One.{DEL}<span class="govuk-visually-hidden">Removed: </span>¶</del><br><br>Two.'
    assert joined_new == "One. Two."
    assert split_old == "One. Two."
    assert split_new.count("<ins") == 1 and "¶</ins><br><br>Two." in split_new


def test_a_long_text_with_one_word_changed_has_one_mark_each_side():
    words = [f"word{n}" for n in range(600)]
    old = " ".join(words) + ".\n\n" + " ".join(words)
    words[300] = "changed"
    new = " ".join(words) + ".\n\n" + " ".join(words[:300] + ["word300"] + words[301:])

    old_html, new_html = word_diff(old, new)

    assert old_html.count("<del") == 1 and "word300</del>" in old_html
    assert new_html.count("<ins") == 1 and "changed</ins>" in new_html


def test_identical_snapshots_have_no_changed_rows():
    rows = compare(snapshot(), copy.deepcopy(snapshot()))

    assert rows
    assert changed_rows(rows) == []
    assert all("<del" not in r.old_html and "<ins" not in r.new_html for r in rows)


def test_rows_follow_the_document():
    labels = [r.label for r in compare(snapshot(), snapshot(change_note="Corrected a date."))]

    assert labels == [
        "Introduction",
        "The chief officer's comments",
        "Date the chief officer's comments were received",
        "Our reply to the chief officer's comments",
        "Change note",
        "Recommendation 1: comment",
        "Recommendation 1: position",
        "Area for improvement 1: comment",
        "Signed by",
    ]


def test_no_change_note_row_when_neither_has_one():
    assert "Change note" not in [r.label for r in compare(snapshot(), snapshot())]


def test_an_added_finding_comment_is_a_changed_row():
    new = snapshot()
    new["items"][1]["comment"] = "We have appointed a lead."

    (changed,) = changed_rows(compare(snapshot(), new))

    assert changed.label == "Area for improvement 1: comment"
    assert changed.old_html == ""
    assert "We have appointed a lead.</ins>" in changed.new_html


def test_a_position_change_shows_the_labels():
    new = snapshot()
    new["items"][0]["position"] = "action-taken"

    (changed,) = changed_rows(compare(snapshot(), new))

    assert changed == row(compare(snapshot(), new), "Recommendation 1: position")
    assert "Action" in changed.old_html and "proposed</del>" in changed.old_html
    assert "taken</ins>" in changed.new_html
    assert "action-" not in changed.old_html + changed.new_html


def test_the_date_is_shown_as_people_write_it():
    rows = compare(snapshot(), snapshot(chief_officer_comments_received_on="2025-02-03"))

    dated = row(rows, "Date the chief officer's comments were received")
    assert dated.changed
    assert dated.old_html.endswith("1</del> February 2025")
    assert "3</ins> February 2025" in dated.new_html


def test_findings_on_one_side_only_get_rows():
    old = snapshot()
    new = snapshot(items=[old["items"][1], finding(3, "Recommendation 2", comment="Done.", position="action-taken")])

    rows = compare(old, new)

    assert [r.label for r in rows[4:-1]] == [
        "Recommendation 1: comment",
        "Recommendation 1: position",
        "Area for improvement 1: comment",
        "Recommendation 2: comment",
        "Recommendation 2: position",
    ]
    removed = row(rows, "Recommendation 1: comment")
    assert removed.changed and removed.new_html == "" and "Training starts in May.</del>" in removed.old_html
    added = row(rows, "Recommendation 2: position")
    assert added.changed and added.old_html == "" and "Action taken</ins>" in added.new_html


def test_the_table_names_both_versions_and_each_row():
    rows = [Row("Introduction", "Same", "Same", False), Row("Change note", "", "New", True)]

    html = render_to_string(
        "responses/staff/_compare_table.html", {"rows": rows, "old_label": "Version 3", "new_label": "Version 4"}
    )

    assert '<th scope="col" class="govuk-table__header app-diff__version">Version 3</th>' in html
    assert '<th scope="col" class="govuk-table__header app-diff__version">Version 4</th>' in html
    assert html.count('<th scope="row"') == 2
    assert html.count("app-diff__row--unchanged") == 1
    assert "Not given" in html


def test_a_changed_signature_is_a_changed_row_marked_word_by_word():
    new = snapshot(signature="Sam Okafor\nPolice and Crime Commissioner for Anyshire")

    signed = row(compare(snapshot(), new), "Signed by")

    assert signed.changed
    assert signed.old_html == (
        f'{DEL}<span class="govuk-visually-hidden">Removed: </span>Alex Morgan</del><br>'
        "Police and Crime Commissioner for Anyshire"
    )
    assert signed.new_html == (
        f'{INS}<span class="govuk-visually-hidden">Added: </span>Sam Okafor</ins><br>'
        "Police and Crime Commissioner for Anyshire"
    )


def test_a_snapshot_from_before_signatures_compares_as_unsigned():
    old = snapshot()
    del old["signature"]

    rows = compare(old, snapshot())

    assert [r.label for r in changed_rows(rows)] == ["Signed by"]
    assert row(rows, "Signed by").old_html == ""
