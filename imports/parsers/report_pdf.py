"""HMICFRS reports as PDF files and as saved web pages: their text, then their findings.

We read PDFs with PDFium (pypdfium2, which pdfplumber itself depends on) rather than with
pdfplumber's pdfminer: pdfminer reads content streams in Python, and the 150-page benchmark report
(bench/bench_import.py) took 22 seconds through pdfplumber's words, 10 through pdfminer alone,
against 1.3 for the whole parse through PDFium.
PDFium is not thread-safe, so every use of it here holds one lock: imports are rare, and waiting
is better than a crashed worker.

From each page we drop running headers and footers (a line at the top or bottom that recurs on
most pages, whatever its digits) and bare page numbers, read two-column stretches a column at a
time and keep a boxed finding whole (pdf_layout.py), take out the footnotes at each page's foot
(footnotes.py), and join the pages so that a sentence carried over a page break joins up.
"""

import re
import threading
from collections import Counter
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from bs4 import BeautifulSoup

from imports.parsers.footnotes import notes_from_lines, take_html_notes
from imports.parsers.html_text import main_content, tag_text
from imports.parsers.parsed import Flag, ImportProblem, ParsedReport
from imports.parsers.pdf_layout import (
    continues,
    foot_notes,
    keep_boxed_findings_whole,
    line_spacing,
    mark_breaks,
    page_boxes,
    page_pieces,
    place_in_boxes,
    reading_order,
)
from imports.parsers.report_register import is_register_page, parse_register_html
from imports.parsers.report_text import EMPTY, parse_report_text
from imports.parsers.text_blocks import MARKER

NOT_A_PDF = "This file is not a PDF"
DAMAGED = "The PDF is damaged or incomplete"
PASSWORD = "The PDF is password-protected: save an unprotected copy and try again"
NO_TEXT = (
    "The PDF has no text layer (it may be a scan): import the report's web page instead, "
    "or run the PDF through text recognition (OCR) first"
)
_PDFIUM = threading.Lock()
# Top and bottom margins where running headers, footers and page numbers live, as parts of the page.
MARGIN = 0.1
PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?", re.IGNORECASE)
FILE_NAME_TITLE = re.compile(r"\.(?:docx?|pdf|indd|rtf|odt)$|^microsoft word\b|^untitled\b", re.IGNORECASE)
# " - HMICFRS" after a page's <title>.
SITE_NAME = re.compile(
    r"\s+[-|\u2013\u2014]\s+[^-|\u2013\u2014]*(?:HMICFRS|Inspectorate|GOV\.UK)[^-|\u2013\u2014]*$", re.IGNORECASE
)


def parse_report_pdf(data: bytes, progress=None) -> ParsedReport:
    """The findings, title and date of an HMICFRS report PDF. Bad input raises ImportProblem.

    `progress(done, total)`, if given, is called after each page is read (for progress bars).
    """
    pages, metadata_title = _read_pdf(data, progress)
    title = _title_from_first_page(pages) or _usable(metadata_title)
    text, notes = _text_and_notes(pages)
    return parse_report_text(text, title_hint=title, notes=notes)


def pdf_to_text(data: bytes) -> str:
    """The text of a PDF in reading order, paragraphs separated by blank lines."""
    pages, _ = _read_pdf(data)
    return _text_and_notes(pages)[0]


def _text_and_notes(pages):
    """The document's text, and its footnotes ({number: text}) taken out of it."""
    laid_out = _without_furniture(pages)
    if not any(laid_out):  # nothing but page numbers, as on a scan with a printed footer
        raise ImportProblem(NO_TEXT)
    body_size = median(row.size for rows in laid_out for row in rows)
    notes, text_pages = {}, []
    for rows in laid_out:
        rows, at_foot = foot_notes(rows, body_size)
        notes.update(notes_from_lines([row.text for row in at_foot]))
        text_pages.append(rows)
    return _join_pages(text_pages), notes


def parse_report_html(html: str) -> ParsedReport:
    """The findings, title and date of a report's web page, saved as HTML."""
    if not isinstance(html, str) or not html.strip():
        raise ImportProblem(EMPTY)
    if is_register_page(html):
        report = parse_register_html(html)
    else:
        root = main_content(html)
        notes = take_html_notes(root)
        text = tag_text(root, table_rows=True, footnote_calls=True)
        report = parse_report_text(text, title_hint=_html_title(html), notes=notes)
    if report.published_on:
        report.flags.append(
            Flag(
                "Web pages of reports can carry a later date than the first publication, which starts the "
                "56 days: check the date against the PDF",
                "publication date",
            )
        )
    return report


def _html_title(html):
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup.find(attrs={"role": "main"}) or soup
    heading = main.find("h1") or soup.find("h1")
    if heading and heading.get_text(strip=True):
        return " ".join(heading.get_text(" ").split())
    if soup.title and soup.title.string:
        return SITE_NAME.sub("", " ".join(soup.title.string.split()))
    return ""


def _read_pdf(data, progress=None):
    """[(page width, page height, pieces, boxes)] for each page, and the metadata title."""
    if isinstance(data, str):
        raise ImportProblem(NOT_A_PDF)
    data = bytes(data)
    if not data.strip():
        raise ImportProblem(EMPTY)
    if b"%PDF-" not in data[:1024]:
        raise ImportProblem(NOT_A_PDF)
    # A PDF ends with %%EOF; without it the file was cut short, and PDFium would quietly rebuild
    # what it could, so we would import half a report.
    if b"%%EOF" not in data[-1024:]:
        raise ImportProblem(DAMAGED)
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            locked = error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
            raise ImportProblem(PASSWORD if locked else DAMAGED) from None
        try:
            pages = []
            for index in range(len(document)):
                pages.append(_read_page(document, index))
                if progress:
                    progress(index + 1, len(document))
            title = document.get_metadata_value("Title")
        except pdfium.PdfiumError:
            raise ImportProblem(DAMAGED) from None
        finally:
            document.close()
    return pages, title


def _read_page(document, index):
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            return width, height, page_pieces(textpage.raw, height), page_boxes(page, height)
        finally:
            textpage.close()
    finally:
        page.close()


def _without_furniture(pages):
    """Each page's lines in reading order, without running headers, footers and page numbers."""
    repeated = _repeated_margin_lines(pages)
    laid_out = []
    for width, height, pieces, boxes in pages:
        kept = [p for p in pieces if not (_in_margin(p, height) and _is_furniture(p.text, repeated))]
        laid_out.append(place_in_boxes(reading_order(kept, width), boxes))
    spacing = line_spacing(laid_out)
    return keep_boxed_findings_whole([mark_breaks(rows, spacing) for rows in laid_out])


def _in_margin(piece, height):
    return piece.bottom < MARGIN * height or piece.top > (1 - MARGIN) * height


def _shape(text):
    """A margin line with its digits blanked: "Page 3 of 40" and "Page 4 of 40" are the same line."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _repeated_margin_lines(pages):
    seen = Counter()
    for _, height, pieces, _ in pages:
        seen.update({_shape(p.text) for p in pieces if _in_margin(p, height)})
    with_text = sum(1 for _, _, pieces, _ in pages if pieces)
    return {shape for shape, count in seen.items() if count >= max(2, with_text / 2)}


def _is_furniture(text, repeated):
    if MARKER.fullmatch(text):
        return False  # "Recommendation 3" at the top of two pages is content, not a running header
    return bool(PAGE_NUMBER.fullmatch(text)) or _shape(text) in repeated


def _join_pages(pages):
    """One text for the document: blank lines between paragraphs, a page break joined when the
    paragraph carries on over it."""
    out, last, last_rows = [], None, []
    for rows in pages:
        for i, row in enumerate(rows):
            if last is not None:
                if i == 0 and not row.break_settled:
                    new_paragraph = not continues(last, row, last_rows)
                else:
                    new_paragraph = row.break_before
                out.append("\n\n" if new_paragraph else "\n")
            out.append(row.text)
            last = row
        if rows:
            last_rows = rows
    return "".join(out)


def _title_from_first_page(pages):
    """The largest text on the first page with text, when it stands out from the body text."""
    rows_by_page = [reading_order(pieces, width) for width, _, pieces, _ in pages[:3]]
    sizes = [row.size for rows in rows_by_page for row in rows]
    first = next((rows for rows in rows_by_page if rows), [])
    if not first or not sizes:
        return ""
    body, biggest = median(sizes), max(row.size for row in first)
    if biggest < 1.25 * body:
        return ""
    title_rows = []
    for row in first:
        if row.size >= 0.95 * biggest:
            title_rows.append(row.text)
        elif title_rows:
            break
    return " ".join(" ".join(title_rows).split())


def _usable(metadata_title):
    title = " ".join((metadata_title or "").split())
    return "" if FILE_NAME_TITLE.search(title) else title
