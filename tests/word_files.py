"""Editing a tracker Word file the way a person would in Word, with python-docx: for the tests."""

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def open_docx(data):
    return Document(io.BytesIO(data))


def to_bytes(doc):
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def control(doc, key):
    """The content control of the part `key` (e.g. "introduction", "item-12-comment")."""
    for sdt in doc.element.body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        if tag is not None and tag.get(qn("w:val")) == f"tracker:{key}":
            return sdt
    raise KeyError(key)


def _run(text):
    """One run of `text`, a line break (Shift+Enter in Word) for each single newline."""
    run = OxmlElement("w:r")
    for n, line in enumerate(text.split("\n")):
        if n:
            run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)
    return run


def set_part(doc, key, text):
    """Type `text` into a part, as Word does: placeholder flag gone, one paragraph per blank-line
    separated paragraph in a block box, one run in an inline box (a date or a position)."""
    sdt = control(doc, key)
    properties = sdt.find(qn("w:sdtPr"))
    placeholder = properties.find(qn("w:showingPlcHdr"))
    if placeholder is not None:
        properties.remove(placeholder)
    content = sdt.find(qn("w:sdtContent"))
    block = content.find(qn("w:p")) is not None
    for child in list(content):
        content.remove(child)
    if not block:
        content.append(_run(text))
        return
    for paragraph_text in text.split("\n\n"):
        paragraph = OxmlElement("w:p")
        paragraph.append(_run(paragraph_text))
        content.append(paragraph)


def edit(data, changes):
    doc = open_docx(data)
    for key, text in changes.items():
        set_part(doc, key, text)
    return to_bytes(doc)
