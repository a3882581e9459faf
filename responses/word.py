"""The Word round trip: a response's working draft as a .docx, and an edited .docx read back.

Offices circulate drafts in Word (to the chief officer for comment, to the commissioner, to
legal). Copying text out of the tracker and back in by hand is where words get lost, so the
export is built to come back: every part staff can edit sits in a Word content control whose tag
names it (`tracker:introduction`, `tracker:item-12-comment`, …), and the document's custom
properties say which response, edit count and revision it was made from. Reading it back never
depends on where text sits on the page or on what the headings say: a part is found by its tag,
and a file whose tags or properties do not fit this response is refused as a whole.

Tracked changes are read as if accepted (inserted text counts, deleted text does not); comments
in the margin are not read. What is read is only proposed: responses/views/word.py shows the
differences per part and saves the parts the person accepts through workflow.save, like the editor.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from tracker import limits
from tracker.vocabulary import KINDS_NEEDING_POSITION, FindingKind, Position

FORMAT = "tracker-word/1"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TAG_PREFIX = "tracker:"

# The parts of a response that the Word file carries and can change.
TEXT_FIELDS = {
    "introduction": "Introduction",
    "chief_officer_comments": "The chief officer's comments",
    "reply_to_chief_officer": "Our reply to the chief officer's comments",
    "signature": "Signed by",
}
# Each text part's limit, as the editor's (responses/forms.py): the response text's unless named here.
TEXT_LIMITS = {"signature": limits.SIGNATURE_MAX}
# Parts added after Word files were already in circulation: a file downloaded before has no box
# for them, and leaves them as they are rather than being refused.
LATER_PARTS = {"signature"}
DATE_FIELD = "chief_officer_comments_received_on"
DATE_LABEL = "Date the chief officer's comments were received"
POSITION_LABELS = dict(Position.choices)
# What an empty part shows in Word. A file saved with it still in place reads as empty.
PLACEHOLDERS = {"text": "Not written yet.", "date": "Not received yet.", "position": "Not chosen yet."}

CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx, and old .doc, are OLE files
ZIP_SIGNATURE = b"PK\x03\x04"


class WordProblem(Exception):
    """A file the tracker will not read; the message is shown as it is. `status` is the HTTP status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class PartSpec:
    """One editable part: its key (also the content control's tag, after TAG_PREFIX), its label as
    the diff names it, its kind (text, date or position), and the finding it belongs to, if any."""

    key: str
    label: str
    kind: str
    finding_id: int | None = None


def item_key(finding_id, what):
    return f"item-{finding_id}-{what}"


def part_specs(snapshot):
    """The editable parts of a response, in the order the Word file gives them."""
    specs = [PartSpec("introduction", TEXT_FIELDS["introduction"], "text")]
    for item in snapshot["items"]:
        reference = item["reference"]
        specs.append(
            PartSpec(item_key(item["finding_id"], "comment"), f"{reference}: comment", "text", item["finding_id"])
        )
        if item["kind"] in KINDS_NEEDING_POSITION:
            specs.append(
                PartSpec(
                    item_key(item["finding_id"], "position"), f"{reference}: position", "position", item["finding_id"]
                )
            )
    specs += [
        PartSpec("chief_officer_comments", TEXT_FIELDS["chief_officer_comments"], "text"),
        PartSpec(DATE_FIELD, DATE_LABEL, "date"),
        PartSpec("reply_to_chief_officer", TEXT_FIELDS["reply_to_chief_officer"], "text"),
        PartSpec("signature", TEXT_FIELDS["signature"], "text"),
    ]
    return specs


def values_of(snapshot):
    """{key: value} of a snapshot's editable parts, in their canonical form (see `normalise`)."""
    # .get: a snapshot written before a part existed (LATER_PARTS) has it empty.
    values = {name: normalise(snapshot.get(name)) for name in TEXT_FIELDS}
    values[DATE_FIELD] = snapshot[DATE_FIELD] or ""
    for item in snapshot["items"]:
        values[item_key(item["finding_id"], "comment")] = normalise(item["comment"])
        values[item_key(item["finding_id"], "position")] = item["position"] or ""
    return values


def normalise(text):
    """Text as it comes back from Word: paragraphs separated by one blank line, none empty, no
    spaces at either end of a paragraph, line breaks as \\n. Stored text is compared in this form,
    so a round trip that changed nothing shows no difference."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (paragraph.strip() for paragraph in re.split(r"\n[ \t]*\n", text))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def display(spec, value):
    """A part's value as a person reads it (dates and positions in words), for the diff."""
    if spec.kind == "date":
        return _long_date(datetime.date.fromisoformat(value)) if value else ""
    if spec.kind == "position":
        return POSITION_LABELS.get(value, value)
    return value


def _long_date(day):
    return f"{day.day} {day:%B %Y}"


# Export -------------------------------------------------------------------------------------


def filename(response, revision_number):
    return f"{response.report.slug}-{response.body.slug}-draft-revision-{revision_number}.docx"[-180:]


def export(response, snapshot, revision_number, user):
    """The working draft (`snapshot`, the working copy as of `revision_number`) as .docx bytes."""
    builder = _Builder(snapshot)
    builder.build(response, revision_number, user)
    _set_custom_properties(
        builder.doc,
        {
            "TrackerFormat": FORMAT,
            "TrackerResponse": str(response.pk),
            "TrackerEditCount": str(response.edit_count),
            "TrackerRevision": str(revision_number),
        },
    )
    _drop_thumbnail(builder.doc)
    out = io.BytesIO()
    builder.doc.save(out)
    return out.getvalue()


class _Builder:
    def __init__(self, snapshot):
        self.snapshot = snapshot
        self.doc = Document()
        self.next_id = 1

    def build(self, response, revision_number, user):
        snapshot, doc = self.snapshot, self.doc
        title = f"{snapshot['body']['name']}: response to {snapshot['report']['title']}"
        properties = doc.core_properties
        properties.title, properties.subject = title, snapshot["report"]["title"]
        properties.author = properties.last_modified_by = snapshot["body"]["name"]
        properties.language, properties.comments = "en-GB", "Working draft exported from the tracker"
        _set_language(doc, "en-GB")
        doc.add_heading(title, level=0)
        today = _long_date(timezone.localdate())
        doc.add_paragraph(
            f"Working draft, revision {revision_number}, downloaded on {today} by "
            f"{user.get_full_name() or user.username}. Report published {_long_date(_day(snapshot['report']['published_on']))}; "
            f"the response is due by {_long_date(_day(snapshot['report']['due_on']))}."
        )
        doc.add_paragraph(
            "Change the text inside the boxes (the introduction, each comment and position, the chief "
            "officer's comments, the date they were received, our reply and who signs the response), then "
            "upload this file to the tracker to see and accept the changes. Do not delete the boxes. Tracked "
            "changes are read as if accepted; comments in the margin are not read.",
            style="Intense Quote",
        )
        doc.add_heading("Introduction", level=1)
        self.text_part("introduction", snapshot["introduction"])
        doc.add_heading("The report's findings", level=1)
        for item in snapshot["items"]:
            self.finding(item)
        doc.add_heading("The chief officer's comments", level=1)
        self.text_part("chief_officer_comments", snapshot["chief_officer_comments"])
        received = snapshot[DATE_FIELD]
        self.inline_part(
            doc.add_paragraph("Date received: "),
            DATE_FIELD,
            _long_date(_day(received)) if received else "",
            "date",
            _date_picker(received),
        )
        doc.add_heading("Our reply to the chief officer's comments", level=1)
        self.text_part("reply_to_chief_officer", snapshot["reply_to_chief_officer"])
        doc.add_heading(TEXT_FIELDS["signature"], level=1)
        self.text_part("signature", snapshot.get("signature"))

    def finding(self, item):
        doc = self.doc
        kind = FindingKind(item["kind"]).label if item["kind"] in FindingKind.values else item["kind"]
        doc.add_heading(item["reference"], level=2)
        facts = [f"Kind: {kind}."]
        if item.get("addressees"):
            facts.append(f"Addressed to: {', '.join(item['addressees'])}.")
        if item.get("deadline"):
            facts.append(f"Deadline: {item['deadline']}.")
        if item.get("cause_of_concern"):
            facts.append(f"Under {item['cause_of_concern']}.")
        doc.add_paragraph(" ".join(facts))
        for paragraph in normalise(item["text"]).split("\n\n"):
            doc.add_paragraph(paragraph, style="Quote")
        doc.add_heading(f"Our response to {item['reference']}", level=3)
        self.text_part(item_key(item["finding_id"], "comment"), item["comment"])
        if item["kind"] in KINDS_NEEDING_POSITION:
            self.inline_part(
                doc.add_paragraph("What is being done: "),
                item_key(item["finding_id"], "position"),
                POSITION_LABELS.get(item["position"], ""),
                "position",
                _drop_down(),
            )

    def _properties(self, key, empty, extra=None):
        properties = OxmlElement("w:sdtPr")
        for name, value in (("w:alias", _alias(key)), ("w:tag", TAG_PREFIX + key), ("w:id", str(self.next_id))):
            element = OxmlElement(name)
            element.set(qn("w:val"), value)
            properties.append(element)
        self.next_id += 1
        if empty:
            properties.append(OxmlElement("w:showingPlcHdr"))
        if extra is not None:
            properties.append(extra)
        return properties

    def text_part(self, key, text):
        """A block content control holding one Word paragraph per paragraph of `text`."""
        text = normalise(text)
        anchor = self.doc.add_paragraph()
        control = OxmlElement("w:sdt")
        control.append(self._properties(key, not text))
        content = OxmlElement("w:sdtContent")
        control.append(content)
        anchor._p.addprevious(control)
        for paragraph in (text or PLACEHOLDERS["text"]).split("\n\n"):
            content.append(self.doc.add_paragraph(paragraph)._p)
        anchor._p.getparent().remove(anchor._p)

    def inline_part(self, paragraph, key, text, kind, extra):
        """An inline content control (a date picker or a drop-down list) at the end of `paragraph`."""
        control = OxmlElement("w:sdt")
        control.append(self._properties(key, not text, extra))
        content = OxmlElement("w:sdtContent")
        control.append(content)
        paragraph._p.append(control)
        run = paragraph.add_run(text or PLACEHOLDERS[kind])
        content.append(run._r)


def _alias(key):
    """The name Word shows on a content control."""
    if key in TEXT_FIELDS:
        return TEXT_FIELDS[key]
    if key == DATE_FIELD:
        return DATE_LABEL
    return "Our response" if key.endswith("-comment") else "What is being done"


def _day(iso):
    return datetime.date.fromisoformat(iso)


def _date_picker(iso):
    picker = OxmlElement("w:date")
    if iso:
        picker.set(qn("w:fullDate"), f"{iso}T00:00:00Z")
    for name, value in (("w:dateFormat", "d MMMM yyyy"), ("w:lid", "en-GB"), ("w:calendar", "gregorian")):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        picker.append(element)
    return picker


def _drop_down():
    drop_down = OxmlElement("w:dropDownList")
    for value, label in Position.choices:
        choice = OxmlElement("w:listItem")
        choice.set(qn("w:displayText"), label)
        choice.set(qn("w:value"), value)
        drop_down.append(choice)
    return drop_down


def _set_language(doc, language):
    """Mark the text British English, for spelling and screen readers."""
    style = doc.styles.element
    defaults = style.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_properties = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if run_properties is None:
        return
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _drop_thumbnail(doc):
    """python-docx's template carries a picture of a blank page, which file browsers would show."""
    rels = doc.part.package.rels
    for rel_id in [rel_id for rel_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(rel_id)


def _set_custom_properties(doc, properties):
    """docProps/custom.xml (File > Info > Properties > Advanced > Custom in Word): python-docx
    writes the core properties only, so this part is made by hand."""
    root = etree.Element(f"{{{CUSTOM_PROPERTIES}}}Properties", nsmap={None: CUSTOM_PROPERTIES, "vt": VT})
    for pid, (name, value) in enumerate(properties.items(), start=2):
        element = etree.SubElement(
            root,
            f"{{{CUSTOM_PROPERTIES}}}property",
            fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
            pid=str(pid),
            name=name,
        )
        etree.SubElement(element, f"{{{VT}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = doc.part.package
    part = Part(
        PackURI("/docProps/custom.xml"),
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        blob,
        package,
    )
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


# Reading a file back ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadBack:
    """What an uploaded file says: which response and revision it came from, and each part's value."""

    response_id: int
    edit_count: int
    revision_number: int
    values: dict  # {key: canonical value}, every key of the file's controls


def max_bytes():
    return settings.WORD_UPLOAD_MAX_BYTES


def read(data, name=""):
    """Check an uploaded file and read its parts. Raises WordProblem, naming what is wrong."""
    _check_container(data, name)
    try:
        doc = Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds on a damaged file
        raise WordProblem(
            "The file is damaged or is not a Word document (.docx). Open it in Word, save it as a Word "
            "document, then upload it again."
        ) from error
    properties = _custom_properties(doc)
    if properties.get("TrackerFormat") != FORMAT:
        raise WordProblem(
            "This Word file was not downloaded from the tracker, or the information linking it to its "
            "response has been removed. Download the Word file from this response, make the changes in "
            "that, and upload it."
        )
    try:
        response_id = int(properties["TrackerResponse"])
        edit_count = int(properties["TrackerEditCount"])
        revision_number = int(properties["TrackerRevision"])
    except (KeyError, ValueError):
        raise WordProblem(
            "The information linking this Word file to its response is damaged. Download the Word file "
            "again and make the changes in that."
        ) from None
    return ReadBack(response_id, edit_count, revision_number, _parts(doc))


def _check_container(data, name):
    limit = max_bytes()
    if len(data) > limit:
        raise WordProblem(too_big(len(data)), status=413)
    if not data:
        raise WordProblem("The file is empty.")
    if data.startswith(OLE_SIGNATURE):
        raise WordProblem(
            "The file is password-protected (encrypted), or is an old Word 97-2003 document (.doc). The "
            "tracker reads only Word documents (.docx) without a password: remove the password, or save "
            "it as a Word document (.docx), then upload it again."
        )
    if name.lower().endswith((".docm", ".dotm")):
        raise WordProblem(_MACROS)
    if not data.startswith(ZIP_SIGNATURE):
        raise WordProblem("The file is not a Word document (.docx). Upload the .docx file you downloaded from here.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_not_a_bomb(members, len(data))
            names = {member.filename.lower() for member in members}
            if any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in names):
                raise WordProblem(_MACROS)
            if "[content_types].xml" not in names or "word/document.xml" not in names:
                raise WordProblem(
                    "The file is not a Word document (.docx). Upload the .docx file you downloaded from here."
                )
            content_types = archive.read("[Content_Types].xml")
    except zipfile.BadZipFile:
        raise WordProblem("The file is damaged or is not a Word document (.docx).") from None
    if b"macroEnabled" in content_types:
        raise WordProblem(_MACROS)


_MACROS = (
    "The file contains macros (a macro-enabled document, .docm). The tracker does not accept macros: "
    "save it in Word as a Word document (.docx), then upload that."
)


def too_big(size):
    limit_mb = max_bytes() // (1024 * 1024)
    return (
        f"The file is {size / (1024 * 1024):.1f} MB, over the {limit_mb} MB limit for a Word file (WORD_UPLOAD_MAX_MB)."
    )


def _check_not_a_bomb(members, size):
    """Refuse an archive that would unpack to far more than any draft needs before reading any of
    it. The sizes come from the archive's directory; Python's zipfile never unpacks more of a member
    than its directory entry says, so a lying entry cannot get round this."""
    unpacked = sum(member.file_size for member in members)
    if (
        len(members) > limits.WORD_MAX_PARTS
        or unpacked > limits.WORD_MAX_UNPACKED_BYTES
        or unpacked > max(size, 1) * limits.WORD_MAX_COMPRESSION_RATIO
    ):
        raise WordProblem(
            "The file unpacks to far more than a Word document of a response needs (it may be a "
            "\u201czip bomb\u201d). It has not been read. Upload the .docx file you downloaded from here."
        )


def _custom_properties(doc):
    try:
        part = doc.part.package.part_related_by(RT.CUSTOM_PROPERTIES)
    except KeyError:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(part.blob, parser)
    except etree.XMLSyntaxError:
        return {}
    properties = {}
    for element in root.findall(f"{{{CUSTOM_PROPERTIES}}}property"):
        values = [child.text or "" for child in element]
        properties[element.get("name")] = values[0] if values else ""
    return properties


def _parts(doc):
    """{key: raw text} of every content control tagged by the tracker. A tag twice is refused:
    a copied box would make the file say two things about one part."""
    found = {}
    for control in doc.element.body.iter(qn("w:sdt")):
        tag = control.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        value = tag.get(qn("w:val")) if tag is not None else ""
        if not (value or "").startswith(TAG_PREFIX):
            continue
        key = value[len(TAG_PREFIX) :]
        if key in found:
            raise WordProblem(
                "A box of this Word file appears twice (it may have been copied). Download the Word file "
                "again and make the changes in that."
            )
        found[key] = _control_text(control)
    return found


# Text that counts: not deleted with tracked changes (w:delText is never read, and moved-away text
# is skipped); tabs and line breaks as characters.
_TEXT = etree.XPath(
    ".//w:t[not(ancestor::w:del) and not(ancestor::w:moveFrom)]"
    " | .//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)]/w:tab"
    " | .//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)]/w:br"
    " | .//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)]/w:cr"
    " | .//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)]/w:noBreakHyphen",
    namespaces={"w": W},
)
_PARAGRAPHS = etree.XPath(".//w:p", namespaces={"w": W})
_CHARACTERS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}


def _text_of(element):
    return "".join((node.text or "") if node.tag == qn("w:t") else _CHARACTERS[node.tag] for node in _TEXT(element))


def _control_text(control):
    content = control.find(qn("w:sdtContent"))
    if content is None:
        return ""
    if control.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None:
        return ""
    paragraphs = _PARAGRAPHS(content)
    if not paragraphs:
        return _text_of(content)
    return "\n\n".join(_text_of(p) for p in paragraphs)


# Checking what was read ---------------------------------------------------------------------


def check_fits(read_back, response, specs):
    """Refuse a file that is not this response's, or whose boxes no longer match its parts."""
    if read_back.response_id != response.pk:
        raise WordProblem(
            "This Word file was downloaded from a different response. Download the Word file from this "
            "response, make the changes in that, and upload it."
        )
    keys = {spec.key for spec in specs}
    unknown = set(read_back.values) - keys
    if unknown:
        raise WordProblem(
            "This Word file has boxes for parts this response does not have: it may come from another "
            "response, or the report's findings have changed. Download the Word file again."
        )
    missing = [spec.label for spec in specs if spec.key not in read_back.values and spec.key not in LATER_PARTS]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise WordProblem(
            f"The boxes for these parts are missing from the Word file (they may have been deleted): {shown}. "
            "Download the Word file again, make the changes inside the boxes, and upload it."
        )
    if not response.revisions.filter(number=read_back.revision_number).exists():
        raise WordProblem("This Word file names a revision this response does not have. Download it again.")


def clean(specs, raw):
    """({key: canonical value}, [error]) for the raw texts of the parts in `raw`, with the editor's
    rules and GOV.UK wording: the field limits, a real date not in the future, a known position."""
    values, errors = {}, []
    by_key = {spec.key: spec for spec in specs}
    for key, text in raw.items():
        spec = by_key[key]
        text = text.strip()
        if spec.kind == "text":
            text = normalise(text)
            if text == PLACEHOLDERS["text"]:
                text = ""
            limit = TEXT_LIMITS.get(key, limits.RESPONSE_TEXT_MAX)
            if len(text) > limit:
                errors.append(f"{spec.label}: {limits.too_long(spec.label, limit)}")
            elif "\x00" in text:
                errors.append(f"{spec.label}: {limits.has_nul(spec.label)}")
            values[key] = text
        elif spec.kind == "date":
            day, error = _read_date(text)
            if error:
                errors.append(f"{DATE_LABEL}: {error}")
            values[key] = day.isoformat() if day else ""
        else:
            position, error = _read_position(text)
            if error:
                errors.append(f"{spec.label}: {error}")
            values[key] = position
    return values, errors


DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d")


def _read_date(text):
    if not text or text == PLACEHOLDERS["date"]:
        return None, ""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", re.sub(r"\s+", " ", text))
    for pattern in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if day > timezone.localdate():
            return None, "The date the chief officer's comments were received must be today or in the past"
        return day, ""
    return None, "Enter a real date, for example 27 March 2024"


def _read_position(text):
    if not text or text == PLACEHOLDERS["position"]:
        return "", ""
    wanted = text.strip(" .").lower()
    for value, label in Position.choices:
        if wanted in (value, label.lower()):
            return value, ""
    return "", "Select action taken, action proposed or no action"
