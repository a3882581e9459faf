"""The PDF of a response: tagged, titled, and carrying the same words as the page."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.factories import response_with_findings

pytestmark = pytest.mark.django_db


def _words(text):
    return " ".join(text.split())


@pytest.fixture
def published_pdf(client):
    response = response_with_findings(3, published=True)
    reply = client.get(response.get_pdf_url())
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"
    return response, b"".join(reply.streaming_content)


def test_it_is_a_tagged_pdf_with_language_and_title(published_pdf):
    response, pdf = published_pdf
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == f"{response.body.name}: response to {response.report.title}"


def test_it_carries_every_finding_and_comment(published_pdf):
    response, pdf = published_pdf
    text = _words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert _words(response.report.title) in text
    for item in response.items.all():
        assert _words(item.comment) in text
        assert _words(item.finding.text) in text


def test_it_numbers_its_pages(published_pdf):
    _, pdf = published_pdf
    reader = PdfReader(io.BytesIO(pdf))
    last = len(reader.pages)
    assert f"Page 1 of {last}" in reader.pages[0].extract_text()


def test_headings_are_structure_not_just_big_text(published_pdf):
    _, pdf = published_pdf
    reader = PdfReader(io.BytesIO(pdf))
    kinds = set()

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            kinds.add(node["/S"])
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/P"} <= kinds


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed (.ci/run installs it)")
def test_poppler_sees_it_tagged_and_titled_and_reads_every_comment(published_pdf, tmp_path):
    response, pdf = published_pdf
    path = tmp_path / "response.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert f"{response.body.name}: response to" in info
    text = _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    for item in response.items.all():
        assert _words(item.comment) in text


def _tags(reader):
    """The structure elements' tags (/H1, /P, …) in reading order."""
    found = []

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_sign_off_ends_the_pdf_one_line_each_under_a_tagged_heading(client):
    response = response_with_findings(
        2, published=True, signature="Alex Morgan\nPolice and Crime Commissioner for Aberwen"
    )
    reader = PdfReader(io.BytesIO(b"".join(client.get(response.get_pdf_url()).streaming_content)))

    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines() if line.strip()]
    signed = lines.index("Signed by")
    assert lines[signed + 1 : signed + 3] == ["Alex Morgan", "Police and Crime Commissioner for Aberwen"]
    last_comment = response.items.order_by("-finding__order").first().comment
    assert _words(last_comment) in _words(" ".join(lines[:signed]))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"].value is True
    # "Signed by" is the document's last heading, a real H2, with the lines as a paragraph after it.
    tags = _tags(reader)
    last_heading = max(n for n, tag in enumerate(tags) if tag.startswith("/H"))
    assert tags[last_heading] == "/H2" and "/P" in tags[last_heading:]
