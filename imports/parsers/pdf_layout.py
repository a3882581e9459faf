"""The lines of one PDF page in reading order, from the positions of its characters.

PDFs store characters with positions, not lines or paragraphs. We rebuild lines from the
characters, read a two-column stretch of a page column by column, and mark paragraph breaks from
the space between lines, so the text parser sees the paragraphs a reader sees.

Coordinates are in points, measured from the top of the page.
"""

import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

SPACES = " \t\u00a0"
# Text pieces further apart than this many line heights are separate (columns, table cells).
PIECE_GAP = 1.5
# A stretch of page counts as two columns when each side has at least this many lines.
COLUMN_LINES = 3
# Extra space between lines, as a part of the text size, that marks a new paragraph. Gaps only
# ever look smaller than they are (a superscript or a symbol font reaches into them), never larger.
PARAGRAPH_GAP = 0.25
SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*$")


@dataclass
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # height of its tallest character box: the font size, ignoring superscripts' raise
    break_before: bool = False  # starts a new paragraph


def page_pieces(textpage, page_height):
    """Runs of characters on one line with no wide gap, in the order PDFium reads them."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    text = _page_text(textpage, count)
    box = pdfium_c.FS_RECTF()
    pieces, chars, current = [], [], None
    for index in range(count):
        char = text[index]
        if not char:
            continue
        if char in "\r\n":
            current = _finish(current, chars, pieces)
            continue
        if char in SPACES:
            if current:
                chars.append(" ")
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box)
        left, top, right, bottom = box.left, page_height - box.top, box.right, page_height - box.bottom
        if current and not _same_run(current, left, top, bottom):
            current = _finish(current, chars, pieces)
        if current is None:
            current = Line("", left, top, right, bottom)
        chars.append(char)
        current.x0, current.x1 = min(current.x0, left), max(current.x1, right)
        current.top, current.bottom = min(current.top, top), max(current.bottom, bottom)
        current.size = max(current.size, bottom - top)
    _finish(current, chars, pieces)
    return pieces


def _page_text(textpage, count):
    """The page's characters, one per character index. PDFium gives a character beyond 16 bits (a
    mathematical letter, an emoji) two indexes, as a UTF-16 surrogate pair: "" stands for the second."""
    if count <= 0:
        return []
    buffer = (pdfium_c.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    codes = buffer[:count]
    chars = []
    for index, code in enumerate(codes):
        following = codes[index + 1] if index + 1 < count else 0
        if 0xD800 <= code <= 0xDBFF and 0xDC00 <= following <= 0xDFFF:
            chars.append(chr(0x10000 + ((code - 0xD800) << 10) + (following - 0xDC00)))
        elif 0xDC00 <= code <= 0xDFFF and chars and len(chars[-1]) == 1 and ord(chars[-1]) > 0xFFFF:
            chars.append("")
        else:
            chars.append(_char(code))
    return chars


def _char(code):
    if code == 0xFFFE:
        return "-"  # PDFium's mark for a hyphen that ends a line: text_blocks.py decides whether to keep it
    return chr(code) if code and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _same_run(line, left, top, bottom):
    middle = (top + bottom) / 2
    height = max(line.size, bottom - top, 1.0)
    return line.top <= middle <= line.bottom and line.x1 - height < left < line.x1 + PIECE_GAP * height


def _finish(line, chars, pieces):
    if line is not None:
        line.text = " ".join("".join(chars).split())
        if line.text:
            pieces.append(line)
    chars.clear()
    return None


def reading_order(pieces, page_width):
    """The page's lines, top to bottom, reading a two-column stretch left column first."""
    gutter = _gutter(pieces, page_width)
    if gutter is None:
        return [_row(group) for group in _group_rows(pieces)]
    ordered, band = [], []
    for piece in sorted(pieces, key=lambda p: p.top):
        if piece.x0 < gutter < piece.x1:  # a line across the gutter ends the two-column stretch
            ordered += _band(band, gutter) + [[piece]]
            band = []
        else:
            band.append(piece)
    ordered += _band(band, gutter)
    return [_row(group) for group in ordered if group]


def _gutter(pieces, page_width):
    """Where a right-hand column starts, if enough lines start at one place right of centre."""
    if not pieces:
        return None
    left = min(p.x0 for p in pieces)
    starts = Counter(round(p.x0) for p in pieces if p.x0 > left + 0.3 * (page_width - 2 * left))
    if not starts:
        return None
    start, lines = starts.most_common(1)[0]
    return start - 2 if lines >= COLUMN_LINES else None


def _band(pieces, gutter):
    """Row groups of a stretch with no line across the gutter: by column when it has two."""
    left = [p for p in pieces if p.x1 <= gutter]
    right = [p for p in pieces if p.x1 > gutter]
    rows_left, rows_right = _group_rows(left), _group_rows(right)
    if len(rows_left) >= COLUMN_LINES and len(rows_right) >= COLUMN_LINES:
        return rows_left + rows_right
    return _group_rows(pieces)


def _group_rows(pieces):
    """Pieces that share a line, grouped, top to bottom."""
    groups = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        middle = (piece.top + piece.bottom) / 2
        if groups and groups[-1][0].top <= middle <= groups[-1][0].bottom:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _row(group):
    group = sorted(group, key=lambda p: p.x0)
    return Line(
        " ".join(p.text for p in group),
        min(p.x0 for p in group),
        min(p.top for p in group),
        max(p.x1 for p in group),
        max(p.bottom for p in group),
        max(p.size for p in group),
    )


def line_spacing(pages):
    """The usual space between two lines of one paragraph, as a part of the text size.

    Taken over the whole document, which keeps one line spacing, from the tighter end of the
    gaps between lines: most pairs of lines are inside a paragraph, and the wider gaps are the
    paragraph breaks we are looking for."""
    ratios = sorted(
        (b.top - a.bottom) / a.size
        for rows in pages
        for a, b in zip(rows, rows[1:], strict=False)
        if a.size > 0 and 0 <= b.top - a.bottom < a.size
    )
    return ratios[len(ratios) // 4] if ratios else 0.0


def mark_breaks(rows, spacing):
    """Mark the rows that start a paragraph: a wider gap than `spacing`, or a change of text size."""
    for previous, row in zip(rows, rows[1:], strict=False):
        if row.top < previous.top:  # up to the top of the next column
            row.break_before = not continues(previous, row, rows)
            continue
        size = max(previous.size, row.size)
        resized = abs(previous.size - row.size) > 0.12 * size
        row.break_before = resized or row.top - previous.bottom > (spacing + PARAGRAPH_GAP) * size
    return rows


def continues(last, first, rows):
    """Whether `first` (top of a column or page) carries on the paragraph that `last` ends.

    Not when the text changes size; yes when the sentence is unfinished, or when the last line
    runs to the column's right edge (the last line of a paragraph is usually short)."""
    if abs(first.size - last.size) > 0.12 * max(first.size, last.size):
        return False  # a heading, or the end of one
    if not SENTENCE_END.search(last.text):
        return True
    column = [r for r in rows if abs(r.x0 - last.x0) < 6]
    right_edge = max(r.x1 for r in column)
    return last.x1 >= right_edge - 0.05 * (right_edge - last.x0)
