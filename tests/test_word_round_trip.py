"""The Word round trip: a draft downloaded as .docx, edited in Word, uploaded, checked and accepted part by part."""

import datetime
import io
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from responses import workflow
from responses.models import Response, ResponseEvent, ResponseItem, Revision
from tests import word_files
from tests.factories import FindingFactory, MembershipFactory, ReportFactory, UserFactory
from tracker import limits
from tracker.models import Membership

pytestmark = pytest.mark.django_db


def _url(response, what=""):
    return f"/staff/responses/{response.pk}/word/{what}"


def _download(client, response):
    answer = client.get(_url(response))
    assert answer.status_code == 200
    return answer.content


def _upload(client, response, data, name="draft.docx"):
    return client.post(_url(response, "upload/"), {"document": SimpleUploadedFile(name, data)})


def _accept(client, response, page, keys=None):
    """Submit the changes page, accepting `keys` (default: those the page selected)."""
    context = page.context
    data = {
        "revision": context["revision_number"],
        "base_edit_count": context["base_edit_count"],
        "part": [proposal.key for proposal in context["offered"]],
        "accept": sorted(context["selected"]) if keys is None else keys,
    }
    for proposal in context["offered"]:
        data[f"value-{proposal.key}"] = proposal.proposed
    return client.post(_url(response, "accept/"), data)


def _items(response):
    return list(response.items.order_by("finding__order", "finding__pk"))


def _key(item, what="comment"):
    return f"item-{item.finding_id}-{what}"


def _tables():
    """Everything an upload could change: refused files must leave it exactly as it was."""
    return (
        list(Response.objects.order_by("pk").values()),
        list(ResponseItem.objects.order_by("pk").values()),
        list(Revision.objects.order_by("pk").values_list("pk", "number")),
        ResponseEvent.objects.count(),
    )


@pytest.fixture
def second_drafter(body):
    user = UserFactory(username="second-drafter", first_name="Sam", last_name="Second")
    MembershipFactory(user=user, body=body, role=Membership.Role.DRAFTER)
    return user


# The download -------------------------------------------------------------------------------


def test_the_download_is_a_word_document_with_headings_and_every_part(client, draft, drafter):
    draft.introduction = "We welcome the report.\n\nIt matters to us."
    draft.save()
    client.force_login(drafter)
    answer = client.get(_url(draft))
    assert answer["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert (
        answer["Content-Disposition"].startswith("attachment; filename=") and ".docx" in answer["Content-Disposition"]
    )
    assert answer["Cache-Control"] == "private, no-store"
    doc = word_files.open_docx(answer.content)
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert headings[0] == ("Title", f"{draft.body.name}: response to {draft.report.title}")
    assert ("Heading 1", "Introduction") in headings
    assert ("Heading 1", "The chief officer's comments") in headings
    assert ("Heading 1", "Our reply to the chief officer's comments") in headings
    for item in _items(draft):
        assert ("Heading 2", item.finding.reference) in headings
        assert any(p.style.name == "Quote" and p.text == item.finding.text for p in doc.paragraphs)
        assert word_files.control(doc, _key(item)) is not None
        assert word_files.control(doc, _key(item, "position")) is not None
    introduction = word_files.control(doc, "introduction")
    assert [p for p in introduction.iter(qn("w:t"))][0].text == "We welcome the report."
    assert len(list(introduction.iter(qn("w:p")))) == 2
    properties = zipfile.ZipFile(io.BytesIO(answer.content)).read("docProps/custom.xml").decode()
    assert "TrackerResponse" in properties and f"<vt:lpwstr>{draft.pk}</vt:lpwstr>" in properties
    assert doc.core_properties.title == f"{draft.body.name}: response to {draft.report.title}"


def test_a_file_that_changes_nothing_shows_no_changes(client, draft, drafter):
    client.force_login(drafter)
    draft.introduction = "Windows line ends\r\n\r\nand  a second paragraph."
    draft.save()
    before = _tables()
    page = _upload(client, draft, _download(client, draft))
    assert page.status_code == 200
    assert page.context["offered"] == []
    assert "The Word file makes no changes to the draft" in page.content.decode()
    assert _tables() == before


# Upload, diff, accept -----------------------------------------------------------------------


def test_a_changed_comment_and_chief_officers_part_are_shown_and_saved_exactly(client, draft, drafter):
    client.force_login(drafter)
    item = _items(draft)[1]
    edited = word_files.edit(
        _download(client, draft),
        {
            _key(item): f"We will act on {item.finding.reference} by June.",
            "chief_officer_comments": "The force accepts the recommendations.\n\nWork has begun.",
            "chief_officer_comments_received_on": "3 March 2024",
            "reply_to_chief_officer": "We thank the chief constable.",
        },
    )
    page = _upload(client, draft, edited)
    assert page.status_code == 200
    offered = {proposal.key for proposal in page.context["offered"]}
    assert offered == {
        _key(item),
        "chief_officer_comments",
        "chief_officer_comments_received_on",
        "reply_to_chief_officer",
    }
    html = page.content.decode()
    assert '<span class="govuk-visually-hidden">Added: </span>by June' in html
    assert "3 March 2024" in html

    previous = draft.revisions.order_by("-number").first()
    saved = _accept(client, draft, page)
    assert saved.status_code == 302
    latest = draft.revisions.order_by("-number").first()
    assert latest.number == previous.number + 1 and latest.author == drafter

    before, after = previous.snapshot, latest.snapshot
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {
        "chief_officer_comments",
        "chief_officer_comments_received_on",
        "reply_to_chief_officer",
        "items",
    }
    assert after["chief_officer_comments"] == "The force accepts the recommendations.\n\nWork has begun."
    assert after["chief_officer_comments_received_on"] == "2024-03-03"
    assert after["reply_to_chief_officer"] == "We thank the chief constable."
    changed_items = [(b, a) for b, a in zip(before["items"], after["items"], strict=True) if a != b]
    assert len(changed_items) == 1
    old_item, new_item = changed_items[0]
    assert {k for k in new_item if new_item[k] != old_item[k]} == {"comment"}
    assert new_item["comment"] == f"We will act on {item.finding.reference} by June."


def test_only_the_accepted_parts_are_saved(client, draft, drafter):
    client.force_login(drafter)
    first, second = _items(draft)[:2]
    edited = word_files.edit(
        _download(client, draft),
        {
            "introduction": "A new introduction.",
            _key(first): "Accepted comment.",
            _key(second, "position"): "No action",
        },
    )
    page = _upload(client, draft, edited)
    assert {p.key for p in page.context["offered"]} == {"introduction", _key(first), _key(second, "position")}
    assert _accept(client, draft, page, keys=[_key(first)]).status_code == 302
    draft.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert draft.introduction == ""
    assert first.comment == "Accepted comment." and first.position == "action-proposed"
    assert second.position == "action-proposed"


def test_a_position_can_be_changed_in_word(client, draft, drafter):
    client.force_login(drafter)
    item = _items(draft)[0]
    edited = word_files.edit(_download(client, draft), {_key(item, "position"): "Action taken"})
    page = _upload(client, draft, edited)
    assert _accept(client, draft, page).status_code == 302
    item.refresh_from_db()
    assert item.position == "action-taken"
    assert item.comment == f"We will act on {item.finding.reference}."


def test_tracked_changes_are_read_as_if_accepted(client, draft, drafter):
    client.force_login(drafter)
    doc = word_files.open_docx(_download(client, draft))
    content = word_files.control(doc, "introduction").find(qn("w:sdtContent"))
    paragraph = content.find(qn("w:p"))
    for child in list(paragraph):
        paragraph.remove(child)
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    for wrapper, tag, text in ((inserted, "w:t", "Kept words."), (deleted, "w:delText", "Deleted words.")):
        wrapper.set(qn("w:id"), "90")
        wrapper.set(qn("w:author"), "Chief Constable")
        run, element = OxmlElement("w:r"), OxmlElement(tag)
        element.text = text
        run.append(element)
        wrapper.append(run)
        paragraph.append(wrapper)
    sdt_properties = word_files.control(doc, "introduction").find(qn("w:sdtPr"))
    sdt_properties.remove(sdt_properties.find(qn("w:showingPlcHdr")))
    page = _upload(client, draft, word_files.to_bytes(doc))
    assert [(p.key, p.proposed) for p in page.context["offered"]] == [("introduction", "Kept words.")]


def test_changing_nothing_selected_is_refused(client, draft, drafter):
    client.force_login(drafter)
    page = _upload(client, draft, word_files.edit(_download(client, draft), {"introduction": "New."}))
    before = _tables()
    answer = _accept(client, draft, page, keys=[])
    assert answer.status_code == 400
    assert "Select the changes to accept" in answer.content.decode()
    assert _tables() == before


def test_an_accepted_value_over_the_limit_is_refused(client, draft, drafter):
    client.force_login(drafter)
    page = _upload(client, draft, word_files.edit(_download(client, draft), {"introduction": "New."}))
    before = _tables()
    data = {
        "revision": page.context["revision_number"],
        "base_edit_count": page.context["base_edit_count"],
        "part": ["introduction"],
        "accept": ["introduction"],
        "value-introduction": "x" * 50_001,
    }
    answer = client.post(_url(draft, "accept/"), data)
    assert answer.status_code == 400
    assert "Introduction must be 50,000 characters or fewer" in answer.content.decode()
    assert _tables() == before


# Conflicts: never silently undo another person's later change -------------------------------


def _save_in_editor(response, user, introduction):
    current = Response.objects.get(pk=response.pk)
    workflow.save(current, user, current.edit_count, {"introduction": introduction}, {})


def test_a_stale_file_keeps_what_others_saved_since_in_parts_it_did_not_change(client, draft, drafter, second_drafter):
    client.force_login(drafter)
    item = _items(draft)[0]
    edited = word_files.edit(_download(client, draft), {_key(item): "Changed in Word."})
    _save_in_editor(draft, second_drafter, "Sam's introduction, saved after the download.")
    page = _upload(client, draft, edited)
    assert page.status_code == 200
    assert page.context["stale"] is True
    assert [p.key for p in page.context["offered"]] == [_key(item)]
    assert [spec.key for spec in page.context["kept"]] == ["introduction"]
    assert "has been changed in the tracker since this Word file was downloaded" in page.content.decode()
    assert _accept(client, draft, page).status_code == 302
    draft.refresh_from_db()
    item.refresh_from_db()
    assert draft.introduction == "Sam's introduction, saved after the download."
    assert item.comment == "Changed in Word."


def test_a_part_changed_in_both_places_is_marked_and_not_selected(client, draft, drafter, second_drafter):
    client.force_login(drafter)
    edited = word_files.edit(_download(client, draft), {"introduction": "The Word introduction."})
    _save_in_editor(draft, second_drafter, "Sam's introduction.")
    page = _upload(client, draft, edited)
    (proposal,) = page.context["offered"]
    assert proposal.key == "introduction" and proposal.conflict
    assert proposal.current == "Sam's introduction."
    assert "introduction" not in page.context["selected"]
    assert "Also changed in the tracker since the file was downloaded" in page.content.decode()
    # Accepting it after seeing it is a deliberate replacement, as saving again is in the editor.
    assert _accept(client, draft, page, keys=["introduction"]).status_code == 302
    draft.refresh_from_db()
    assert draft.introduction == "The Word introduction."


def test_a_save_between_seeing_the_changes_and_accepting_them_is_a_conflict(client, draft, drafter, second_drafter):
    client.force_login(drafter)
    page = _upload(client, draft, word_files.edit(_download(client, draft), {"introduction": "From Word."}))
    _save_in_editor(draft, second_drafter, "Sam got there first.")
    before = _tables()
    answer = _accept(client, draft, page)
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "Someone else saved this response while you were looking at the changes" in html
    assert "<title>Error: " in html
    assert _tables() == before
    (proposal,) = answer.context["offered"]
    assert proposal.current == "Sam got there first." and proposal.proposed == "From Word."
    assert answer.context["base_edit_count"] == Response.objects.get(pk=draft.pk).edit_count
    assert _accept(client, draft, answer, keys=["introduction"]).status_code == 302
    draft.refresh_from_db()
    assert draft.introduction == "From Word."


# Bad files: a message, a 4xx, nothing changed -----------------------------------------------


def _zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_members(data, extra=(), replace=None):
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {name: source.read(name) for name in source.namelist()}
    members.update(replace or {})
    members.update(dict(extra))
    return _zip(members)


def _another_responses_file(client, body, drafter):
    report = ReportFactory()
    FindingFactory(report=report)
    other = workflow.start(report, body, drafter)
    return _download(client, other)


def _without_box(data, key):
    doc = word_files.open_docx(data)
    sdt = word_files.control(doc, key)
    sdt.getparent().remove(sdt)
    return word_files.to_bytes(doc)


def _retagged(data, key, new_key):
    doc = word_files.open_docx(data)
    word_files.control(doc, key).find(f"{qn('w:sdtPr')}/{qn('w:tag')}").set(qn("w:val"), f"tracker:{new_key}")
    return word_files.to_bytes(doc)


def _box_twice(data, key):
    import copy

    doc = word_files.open_docx(data)
    sdt = word_files.control(doc, key)
    sdt.addnext(copy.deepcopy(sdt))
    return word_files.to_bytes(doc)


def _plain_word_file():
    from docx import Document

    doc = Document()
    doc.add_paragraph("Comments from the chief constable.")
    return word_files.to_bytes(doc)


BAD_FILES = {
    "not a docx": (
        lambda good, **_: b"These are the chief constable's comments.",
        "draft.docx",
        "is not a Word document",
    ),
    "a PDF": (lambda good, **_: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "draft.docx", "is not a Word document"),
    "encrypted": (
        lambda good, **_: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048,
        "draft.docx",
        "password-protected (encrypted)",
    ),
    "named .docm": (lambda good, **_: good, "draft.docm", "contains macros"),
    "with a VBA project": (
        lambda good, **_: _with_members(good, {"word/vbaProject.bin": b"\0" * 64}),
        "draft.docx",
        "contains macros",
    ),
    "macro-enabled content type": (
        lambda good, **_: _with_members(
            good,
            replace={
                "[Content_Types].xml": zipfile.ZipFile(io.BytesIO(good))
                .read("[Content_Types].xml")
                .replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            },
        ),
        "draft.docx",
        "contains macros",
    ),
    "a zip bomb": (
        lambda good, **_: _with_members(good, {"word/media/huge.bin": b"\0" * (60 * 1024 * 1024)}),
        "draft.docx",
        "zip bomb",
    ),
    "a damaged zip": (lambda good, **_: good[: len(good) // 2], "draft.docx", "damaged"),
    "a zip that is not Word": (lambda good, **_: _zip({"hello.txt": b"hi"}), "draft.docx", "is not a Word document"),
    "a Word file not from the tracker": (
        lambda good, **_: _plain_word_file(),
        "comments.docx",
        "was not downloaded from the tracker",
    ),
    "another response's file": (
        lambda good, other, **_: other,
        "draft.docx",
        "downloaded from a different response",
    ),
    "a box deleted": (
        lambda good, item, **_: _without_box(good, f"item-{item.finding_id}-comment"),
        "draft.docx",
        "boxes for these parts are missing",
    ),
    "a box with an unknown id": (
        lambda good, item, **_: _retagged(good, f"item-{item.finding_id}-comment", "item-999999-comment"),
        "draft.docx",
        "boxes for parts this response does not have",
    ),
    "a box copied": (lambda good, **_: _box_twice(good, "introduction"), "draft.docx", "appears twice"),
    "an impossible date": (
        lambda good, **_: word_files.edit(good, {"chief_officer_comments_received_on": "31 February 2024"}),
        "draft.docx",
        "Enter a real date",
    ),
    "a date in the future": (
        lambda good, **_: word_files.edit(
            good,
            {
                "chief_officer_comments_received_on": (datetime.date.today() + datetime.timedelta(days=40)).strftime(
                    "%d %B %Y"
                )
            },
        ),
        "draft.docx",
        "must be today or in the past",
    ),
    "an unknown position": (
        lambda good, item, **_: word_files.edit(good, {f"item-{item.finding_id}-position": "Thinking about it"}),
        "draft.docx",
        "Select action taken, action proposed or no action",
    ),
    "no action without a reason": (
        lambda good, item, **_: word_files.edit(
            good, {f"item-{item.finding_id}-position": "No action", f"item-{item.finding_id}-comment": ""}
        ),
        "draft.docx",
        "Enter why no action is being taken",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_message_and_changes_nothing(client, draft, drafter, case):
    client.force_login(drafter)
    make, name, message = BAD_FILES[case]
    good = _download(client, draft)
    data = make(good, other=_another_responses_file(client, draft.body, drafter), item=_items(draft)[0])
    before = _tables()
    answer = _upload(client, draft, data, name)
    if answer.status_code == 200 and case == "no action without a reason":
        # Refused when accepted: the file is read, but the part cannot be saved as it is.
        answer = _accept(client, draft, answer)
    assert 400 <= answer.status_code < 500, answer.status_code
    html = answer.content.decode()
    assert message in html
    assert "<title>Error: " in html
    assert _tables() == before


def test_a_file_over_the_limit_is_refused_naming_the_limit(client, draft, drafter, settings):
    settings.WORD_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(drafter)
    data = _with_members(
        _download(client, draft), {"word/media/photo.jpg": random.Random(1).randbytes(2 * 1024 * 1024)}
    )
    before = _tables()
    answer = _upload(client, draft, data)
    assert answer.status_code == 413
    assert "over the 1 MB limit for a Word file (WORD_UPLOAD_MAX_MB)" in answer.content.decode()
    assert _tables() == before


def test_no_file_chosen_is_an_error(client, draft, drafter):
    client.force_login(drafter)
    answer = client.post(_url(draft, "upload/"), {})
    assert answer.status_code == 400
    assert "Select the Word file to upload" in answer.content.decode()


# Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("drafter", 200), ("reviewer", 200), ("publisher", 200), ("site_admin", 200), ("outsider", 404)],
)
def test_anyone_who_may_read_the_draft_may_download_it(client, request, draft, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(draft)).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("drafter", 200), ("publisher", 200), ("reviewer", 403), ("site_admin", 403), ("outsider", 404)],
)
def test_only_those_who_may_edit_may_upload(client, request, draft, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(draft, "upload/")).status_code == expected


@pytest.mark.parametrize(("persona", "expected"), [("reviewer", 403), ("site_admin", 403), ("outsider", 404)])
def test_those_who_may_not_edit_can_neither_upload_nor_accept(client, request, draft, drafter, persona, expected):
    client.force_login(drafter)
    edited = word_files.edit(_download(client, draft), {"introduction": "New."})
    page = _upload(client, draft, edited)
    client.force_login(request.getfixturevalue(persona))
    before = _tables()
    assert _upload(client, draft, edited).status_code == expected
    assert _accept(client, draft, page).status_code == expected
    assert _tables() == before


@pytest.mark.parametrize("what", ["", "upload/"])
def test_signing_in_is_required(client, draft, what):
    answer = client.get(_url(draft, what))
    assert answer.status_code == 302 and "/staff/sign-in/" in answer["Location"]


def test_a_tampered_changes_form_is_refused(client, draft, drafter):
    client.force_login(drafter)
    page = _upload(client, draft, word_files.edit(_download(client, draft), {"introduction": "New."}))
    before = _tables()
    for data in (
        {"revision": "x", "base_edit_count": 0, "part": ["introduction"], "accept": ["introduction"]},
        {"revision": page.context["revision_number"], "base_edit_count": 0, "part": ["item-99999-comment"]},
        {"revision": 99999, "base_edit_count": 0, "part": ["introduction"], "accept": ["introduction"]},
    ):
        answer = client.post(_url(draft, "accept/"), data)
        assert answer.status_code == 400
        assert "Those changes could not be read" in answer.content.decode()
    assert _tables() == before


def test_accepting_is_post_only(client, draft, drafter):
    client.force_login(drafter)
    assert client.get(_url(draft, "accept/")).status_code == 405


def test_a_draft_in_review_cannot_take_an_upload(client, draft, drafter):
    client.force_login(drafter)
    edited = word_files.edit(_download(client, draft), {"introduction": "New."})
    page = _upload(client, draft, edited)
    workflow.submit(draft, drafter)
    before = _tables()
    answer = _upload(client, draft, edited)
    assert answer.status_code == 409
    assert "You cannot edit a response that is in review" in answer.content.decode()
    assert _accept(client, draft, page).status_code == 409
    assert _tables() == before
    assert client.get(_url(draft, "upload/")).status_code == 302
    assert client.get(_url(draft)).status_code == 200  # it can still be downloaded to circulate


def test_the_links_are_on_the_response_page_and_in_the_editor(client, draft, drafter, reviewer):
    client.force_login(drafter)
    for page in (f"/staff/responses/{draft.pk}/", f"/staff/responses/{draft.pk}/edit/"):
        html = client.get(page).content.decode()
        assert f'href="{_url(draft)}">Download as Word</a>' in html
        assert f'href="{_url(draft, "upload/")}">Upload an edited Word file</a>' in html
    client.force_login(reviewer)
    html = client.get(f"/staff/responses/{draft.pk}/").content.decode()
    assert "Download as Word" in html
    assert "Upload an edited Word file" not in html


# The signature: a part like the reply, its lines kept -------------------------------------------

SIGNATURE = "Alex Morgan\nPolice and Crime Commissioner for Aberwen"


def _sign(response, user):
    """Sign the draft through the editor's path, so the file's revision has the signature too."""
    current = Response.objects.get(pk=response.pk)
    workflow.save(current, user, current.edit_count, {"signature": SIGNATURE}, {})


def test_the_download_ends_with_the_signature_one_line_each_and_reads_back_unchanged(client, draft, drafter):
    _sign(draft, drafter)
    client.force_login(drafter)
    data = _download(client, draft)

    doc = word_files.open_docx(data)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == ["Our reply to the chief officer's comments", "Signed by"]
    box = word_files.control(doc, "signature")
    (paragraph,) = box.iter(qn("w:p"))
    assert [t.text for t in paragraph.iter(qn("w:t"))] == ["Alex Morgan", "Police and Crime Commissioner for Aberwen"]
    assert len(list(paragraph.iter(qn("w:br")))) == 1
    assert _upload(client, draft, data).context["offered"] == []


def test_a_signature_changed_in_word_is_offered_and_saved_exactly(client, draft, drafter):
    _sign(draft, drafter)
    client.force_login(drafter)
    edited = word_files.edit(
        _download(client, draft), {"signature": "Sam Okafor\nPolice and Crime Commissioner for Aberwen"}
    )

    page = _upload(client, draft, edited)

    assert [(proposal.key, proposal.label) for proposal in page.context["offered"]] == [("signature", "Signed by")]
    assert '<span class="govuk-visually-hidden">Added: </span>Sam Okafor' in page.content.decode()
    assert _accept(client, draft, page).status_code == 302
    draft.refresh_from_db()
    assert draft.signature == "Sam Okafor\nPolice and Crime Commissioner for Aberwen"
    assert draft.revisions.order_by("-number").first().snapshot["signature"] == draft.signature


def test_a_file_made_before_it_had_a_signature_box_is_read_and_leaves_the_signature(client, draft, drafter):
    _sign(draft, drafter)
    client.force_login(drafter)
    older = _without_box(word_files.edit(_download(client, draft), {"introduction": "Words from Word."}), "signature")

    page = _upload(client, draft, older)

    assert page.status_code == 200
    assert [proposal.key for proposal in page.context["offered"]] == ["introduction"]
    _accept(client, draft, page)
    draft.refresh_from_db()
    assert (draft.introduction, draft.signature) == ("Words from Word.", SIGNATURE)


def test_an_accepted_signature_over_its_limit_is_refused(client, draft, drafter):
    client.force_login(drafter)
    page = _upload(client, draft, word_files.edit(_download(client, draft), {"signature": "Alex Morgan"}))
    before = _tables()
    data = {
        "revision": page.context["revision_number"],
        "base_edit_count": page.context["base_edit_count"],
        "part": ["signature"],
        "accept": ["signature"],
        "value-signature": "x" * (limits.SIGNATURE_MAX + 1),
    }

    answer = client.post(_url(draft, "accept/"), data)

    assert answer.status_code == 400
    assert f"Signed by must be {limits.SIGNATURE_MAX:,} characters or fewer" in answer.content.decode()
    assert _tables() == before
