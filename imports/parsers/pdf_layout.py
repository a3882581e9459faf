"""The lines of one PDF page in reading order, from the positions of its characters.

PDFs store characters with positions, not lines or paragraphs. We rebuild lines from the
characters, read a two-column stretch of a page column by column, and mark paragraph breaks from
the space between lines, so the text parser sees the paragraphs a reader sees.

Reports set findings in boxes (a border, a background). A box that opens with a finding's marker
("Area for improvement 1") holds that one finding, however many paragraphs it has and even where the
page breaks it in two: its paragraphs are joined, so the text parser does not take the second
paragraph for the discussion after the finding and drop it, and the half on the next page (after the
running header, which is left out) carries on the finding rather than starting something new.

Coordinates are in points, measured from the top of the page.
"""

import ctypes
from collections import Counter
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from imports.parsers.footnotes import NOTE_START, superscript
from imports.parsers.report_tables import KIND_WORDS
from imports.parsers.text import ends_sentence
from imports.parsers.text_blocks import MARKER, classify_line

SPACES = " \t\u00a0"
DIGITS = frozenset("0123456789")
# Text pieces further apart than this many line heights are separate (columns, table cells).
PIECE_GAP = 1.5
# A stretch of page counts as two columns when each side has at least this many lines.
COLUMN_LINES = 3
# A digit at most this part of its line's size, raised at least this part above its foot, is a superscript.
SUPERSCRIPT_SIZE = 0.8
SUPERSCRIPT_RAISE = 0.15
# Footnotes are set smaller than this part of the body text's size.
NOTE_SIZE = 0.85
# Drawn shapes smaller than this (points) either way are rules, underlines or bullets, not boxes.
BOX_SIDE = 14
# Space between two rows of a table, as a part of the text size: more than between two lines of a cell.
TABLE_ROW_GAP = 0.45
# Extra space between lines, as a part of the text size, that marks a new paragraph. Gaps only
# ever look smaller than they are (a superscript or a symbol font reaches into them), never larger.
PARAGRAPH_GAP = 0.25


@dataclass
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # height of its tallest character box: the font size, ignoring superscripts' raise
    break_before: bool = False  # starts a new paragraph
    box: tuple | None = None  # (x0, top, x1, bottom) of the innermost box drawn around it
    break_settled: bool = False  # break_before is decided, even at the top of a page


def page_pieces(textpage, page_height):
    """Runs of characters on one line with no wide gap, in the order PDFium reads them."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    text = _page_text(textpage, count)
    box = pdfium_c.FS_RECTF()
    pieces, chars, digits, current = [], [], [], None
    for index in range(count):
        char = text[index]
        if not char:
            continue
        if char in "\r\n":
            current = _finish(current, chars, pieces, digits)
            continue
        if char in SPACES:
            if current:
                chars.append(" ")
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box)
        left, top, right, bottom = box.left, page_height - box.top, box.right, page_height - box.bottom
        if current and not _same_run(current, left, top, bottom):
            current = _finish(current, chars, pieces, digits)
        if current is None:
            current = Line("", left, top, right, bottom)
        if char in DIGITS:  # a set, not str.isdigit(): this loop runs for every character of the report
            digits.append((len(chars), top, bottom))
        chars.append(char)
        current.x0, current.x1 = min(current.x0, left), max(current.x1, right)
        current.top, current.bottom = min(current.top, top), max(current.bottom, bottom)
        current.size = max(current.size, bottom - top)
    _finish(current, chars, pieces, digits)
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


def _finish(line, chars, pieces, digits):
    if line is not None:
        _mark_superscripts(line, chars, digits)
        line.text = " ".join("".join(chars).split())
        if line.text:
            pieces.append(line)
    chars.clear()
    digits.clear()
    return None


def _mark_superscripts(line, chars, digits):
    """Write as superscript the digits set smaller and raised, as footnote calls are (footnotes.py)."""
    for index, top, bottom in digits:
        if bottom - top < SUPERSCRIPT_SIZE * line.size and bottom < line.bottom - SUPERSCRIPT_RAISE * line.size:
            chars[index] = superscript(chars[index])


def page_boxes(page, page_height):
    """The boxes drawn on a page (backgrounds, borders, table cells) as (x0, top, x1, bottom)."""
    raw, boxes = page.raw, []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        shape = pdfium_c.FPDFPage_GetObject(raw, index)
        if pdfium_c.FPDFPageObj_GetType(shape) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(shape, *(ctypes.byref(v) for v in (left, bottom, right, top))):
            continue
        if right.value - left.value >= BOX_SIDE and top.value - bottom.value >= BOX_SIDE:
            boxes.append((left.value, page_height - top.value, right.value, page_height - bottom.value))
    return boxes


def place_in_boxes(rows, boxes):
    """Note on each row the smallest box around its middle, if any."""
    for row in rows:
        x, y = (row.x0 + row.x1) / 2, (row.top + row.bottom) / 2
        around = [b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
        row.box = min(around, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])) if around else None
    return rows


def keep_boxed_findings_whole(pages):
    """Join the paragraphs of each box that opens with a finding's marker, over page breaks too
    (see the module docstring). A heading, list item or marker inside the box still starts afresh."""
    in_finding, box, previous = False, None, None
    for rows in pages:
        for index, row in enumerate(rows):
            if row.box is None:
                in_finding, box = False, None
            elif row.box != box:
                carried = index == 0 and in_finding and classify_line(row.text) is None
                box, in_finding = row.box, carried or bool(MARKER.fullmatch(row.text))
                if carried:
                    row.break_before, row.break_settled = False, True
            elif in_finding and row.break_before and not _resized(previous, row) and classify_line(row.text) is None:
                row.break_before = False
            previous = row
    return pages


def _resized(previous, row):
    return abs(previous.size - row.size) > 0.12 * max(previous.size, row.size)


def reading_order(pieces, page_width):
    """The page's lines, top to bottom, reading a two-column stretch left column first and a table
    of findings a row at a time."""
    tables, pieces = _tables(pieces)
    return _with_tables(_text_order(pieces, page_width), tables)


def _text_order(pieces, page_width):
    gutter = _gutter(pieces, page_width)
    if gutter is None:
        return [_row(group) for group in _group_rows(pieces)]
    ordered, band = [], []
    for group in _group_rows(pieces):
        # A line across the gutter ends the two-column stretch, with whatever shares its line (the
        # number of a list item set apart from its text).
        if any(piece.x0 < gutter < piece.x1 for piece in group):
            ordered += _band(band, gutter) + [group]
            band = []
        else:
            band.extend(group)
    ordered += _band(band, gutter)
    return [_row(group) for group in ordered if group]


def _tables(pieces):
    """([the rows of each table of findings on the page], the pieces that are not in one)."""
    if not any(KIND_WORDS.match(piece.text.rstrip(":")) for piece in pieces):
        return [], pieces
    groups, tables, taken, index = _group_rows(pieces), [], set(), 0
    while index < len(groups):
        header = sorted(groups[index], key=lambda p: p.x0)
        end = index + 1
        if _table_header(header):
            starts, bottom = [p.x0 for p in header], max(p.bottom for p in header)
            while end < len(groups):
                group = groups[end]
                if group[0].top - bottom > 2 * max(p.size for p in group):
                    break
                if any(_column(piece, starts) is None for piece in group):
                    break
                bottom = max(bottom, *(p.bottom for p in group))
                end += 1
            if any(len({_column(p, starts) for p in group}) > 1 for group in groups[index + 1 : end]):
                body = [piece for group in groups[index + 1 : end] for piece in group]
                tables.append([_row(header, " | ")] + _table_rows(body, starts))
                taken.update(id(piece) for group in groups[index:end] for piece in group)
        index = end
    return tables, [piece for piece in pieces if id(piece) not in taken]


def _table_header(pieces):
    """Whether a line's pieces head a table of findings: short names of columns, set alike, one
    naming a kind of finding. (A heading beside a line of the next column is not one.)"""
    return (
        len(pieces) >= 2
        and any(KIND_WORDS.match(p.text.rstrip(":")) for p in pieces)
        and all(len(p.text.split()) <= 4 and p.text[-1] not in ".,;" for p in pieces)
        and max(p.size for p in pieces) <= 1.12 * min(p.size for p in pieces)
    )


def _column(piece, starts, slack=3):
    """The index of the column `piece` keeps to, or None when it starts outside them or crosses one."""
    index = max((i for i, start in enumerate(starts) if start - slack <= piece.x0), default=None)
    if index is None or (index + 1 < len(starts) and piece.x1 > starts[index + 1] + slack):
        return None
    return index


def _table_rows(body, starts):
    """A Line for each row of a table's body, its cells' words separated by " | "."""
    rows, current, bottom = [], [], 0.0
    for piece in sorted(body, key=lambda p: (p.top, p.x0)):
        if current and piece.top - bottom > TABLE_ROW_GAP * piece.size:
            rows.append(current)
            current = []
        current.append(piece)
        bottom = max(bottom, piece.bottom) if len(current) > 1 else piece.bottom
    if current:
        rows.append(current)
    lines = []
    for row in rows:
        cells = [[] for _ in starts]
        for piece in sorted(row, key=lambda p: (p.top, p.x0)):
            cells[_column(piece, starts)].append(piece.text)
        line = _row(row)
        line.text = " | ".join(" ".join(cell) for cell in cells)
        lines.append(line)
    return lines


def _with_tables(rows, tables):
    """The page's lines with each table's lines put in before the first line below its top."""
    for table in tables:
        at = next((i for i, row in enumerate(rows) if row.top > table[0].top), len(rows))
        rows[at:at] = table
    return rows


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
    # Page numbers set at the right of a table of contents line up like a column, but belong to their lines.
    numbers_only = all(p.text.isdigit() for p in right)
    if len(rows_left) >= COLUMN_LINES and len(rows_right) >= COLUMN_LINES and not numbers_only:
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


def _row(group, separator=" "):
    group = sorted(group, key=lambda p: p.x0)
    return Line(
        separator.join(p.text for p in group),
        min(p.x0 for p in group),
        min(p.top for p in group),
        max(p.x1 for p in group),
        max(p.bottom for p in group),
        max(p.size for p in group),
    )


def foot_notes(rows, body_size):
    """(the page's rows, the rows of the footnotes at its foot): the last rows set smaller than
    the body text, from the first that starts with a note's number."""
    start = len(rows)
    while start and rows[start - 1].size < NOTE_SIZE * body_size:
        start -= 1
    first = next((i for i in range(start, len(rows)) if NOTE_START.fullmatch(rows[i].text)), len(rows))
    return rows[:first], rows[first:]


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
        row.break_before = _resized(previous, row) or row.top - previous.bottom > (spacing + PARAGRAPH_GAP) * size
    return rows


def continues(last, first, rows):
    """Whether `first` (top of a column or page) carries on the paragraph that `last` ends.

    Not when the text changes size; yes when the sentence is unfinished, or when the last line
    runs to the column's right edge (the last line of a paragraph is usually short)."""
    if abs(first.size - last.size) > 0.12 * max(first.size, last.size):
        return False  # a heading, or the end of one
    if not ends_sentence(last.text):
        return True
    column = [r for r in rows if abs(r.x0 - last.x0) < 6]
    right_edge = max(r.x1 for r in column)
    return last.x1 >= right_edge - 0.05 * (right_edge - last.x0)
