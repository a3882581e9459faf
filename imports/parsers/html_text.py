"""Turn a saved web page into plain text, leaving out the debris around the content.

Saved HMICFRS pages and OPCC websites carry scripts, navigation, cookie banners and "Skip to main
content" links. We keep the main content when the page marks it (<main>, role="main", <article>),
drop elements that are never content, and give block elements their own paragraphs so the text
parsers see the same shape as pasted text.
"""

import re

from bs4 import BeautifulSoup, Comment

from imports.parsers.footnotes import SUPERSCRIPT_DIGITS
from imports.parsers.text import BULLET_MARKS, FURNITURE_MARKUP, is_skip_link

NEVER_CONTENT = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "nav",
    "header",
    "footer",
    "form",
    "button",
    "aside",
]
BLOCKS = [
    "p",
    "div",
    "section",
    "article",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "dd",
    "dt",
    "ul",
    "ol",
    "table",
]
# Written before each item of a bulleted list, where text.BULLET reads it back as one.
LIST_MARK = BULLET_MARKS[0]


def _is_furniture(tag):
    """Whether the element's class, id, role or label names furniture: markup, not text, so
    FURNITURE_MARKUP searches names ("site-footer") where text.is_debris reads whole lines."""
    if tag.name in ("html", "body", "main", "article"):
        return False
    words = " ".join(
        [tag.get("id") or "", *(tag.get("class") or []), tag.get("role") or "", tag.get("aria-label") or ""]
    )
    return bool(FURNITURE_MARKUP.search(words))


def html_to_text(html, *, table_rows=False):
    """The readable text of the page's main content, paragraphs separated by blank lines; with
    `table_rows`, each row of a table is a line of cells separated by " | " (see report_tables.py)."""
    return tag_text(main_content(html), table_rows=table_rows)


def main_content(html):
    """The element holding the page's main content, without scripts, navigation and other debris."""
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(NEVER_CONTENT):
        tag.decompose()
    for tag in [t for t in soup.find_all(True) if _is_furniture(t)]:
        if not tag.decomposed:
            tag.decompose()
    return soup.find("main") or soup.find(attrs={"role": "main"}) or soup.find("article") or soup.body or soup


def _rows_as_lines(root):
    """Each table row a line of its cells' words separated by " | ", innermost tables first."""
    for row in reversed(root.find_all("tr")):
        cells = row.find_all(["td", "th"], recursive=False)
        if cells:
            words = [" ".join(cell.get_text(" ").split()) for cell in cells]
            row.clear()
            row.append(" | ".join(words))


def _item_marks(root):
    """ "3." for the third item of each numbered list (counting from its start, or its own value),
    by the item's id: the number is part of the text ("Recommendation 3" in all but name)."""
    marks = {}
    for listing in root.find_all("ol"):
        if listing.get("type", "1") != "1":
            continue
        start = listing.get("start", "1")
        number = int(start) if start.isdigit() else 1
        for item in listing.find_all("li", recursive=False):
            value = item.get("value", "")
            number = int(value) if value.isdigit() else number
            marks[id(item)] = f"{number}."
            number += 1
    return marks


def tag_text(root, *, table_rows=False, footnote_calls=False):
    """The text of `root`, each block element its own paragraph. Marks up `root` as it goes, so
    call it once for an element. With `footnote_calls`, digits in <sup> are written as superscript
    characters, which footnotes.py reads as calls."""
    if table_rows:
        _rows_as_lines(root)
    if footnote_calls:
        for call in root.find_all("sup"):
            digits = "".join(call.get_text().split())
            if digits.isdigit() and len(digits) <= 3:
                call.replace_with(digits.translate(SUPERSCRIPT_DIGITS))
    for line_break in root.find_all("br"):
        line_break.replace_with("\n")
    marks = _item_marks(root)
    for tag in root.find_all(BLOCKS):
        if tag.name == "li":
            tag.insert_before(f"\n\n{marks.get(id(tag), LIST_MARK)} ")
        else:
            tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    text = root.get_text()
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        line = " ".join(block.split())
        if line and line != LIST_MARK and not is_skip_link(line):
            paragraphs.append(line)
    return "\n\n".join(paragraphs)
