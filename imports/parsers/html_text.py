"""Turn a saved web page into plain text, leaving out the debris around the content.

Saved HMICFRS pages and OPCC websites carry scripts, navigation, cookie banners and "Skip to main
content" links. We keep the main content when the page marks it (<main>, role="main", <article>),
drop elements that are never content, and give block elements their own paragraphs so the text
parsers see the same shape as pasted text.
"""

import re

from bs4 import BeautifulSoup, Comment

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
# Class or id words of cookie banners and similar furniture.
DEBRIS = re.compile(
    r"cookie|consent|gdpr|banner|skip|breadcrumb|share|social|menu|navigation|newsletter", re.IGNORECASE
)
SKIP_LINK = re.compile(r"^\s*skip to (the )?(main )?content\s*$", re.IGNORECASE)


def _is_debris(tag):
    if tag.name in ("html", "body", "main", "article"):
        return False
    words = " ".join(
        [tag.get("id") or "", *(tag.get("class") or []), tag.get("role") or "", tag.get("aria-label") or ""]
    )
    return bool(DEBRIS.search(words))


def html_to_text(html):
    """The readable text of the page's main content, paragraphs separated by blank lines."""
    return tag_text(main_content(html))


def main_content(html):
    """The element holding the page's main content, without scripts, navigation and other debris."""
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(NEVER_CONTENT):
        tag.decompose()
    for tag in [t for t in soup.find_all(True) if _is_debris(t)]:
        if not tag.decomposed:
            tag.decompose()
    return soup.find("main") or soup.find(attrs={"role": "main"}) or soup.find("article") or soup.body or soup


def tag_text(root):
    """The text of `root`, each block element its own paragraph. Marks up `root` as it goes, so
    call it once for an element."""
    for line_break in root.find_all("br"):
        line_break.replace_with("\n")
    for tag in root.find_all(BLOCKS):
        if tag.name == "li":
            tag.insert_before("\n\n• ")
        else:
            tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    text = root.get_text()
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        line = " ".join(block.split())
        if line and line != "•" and not SKIP_LINK.match(line):
            paragraphs.append(line)
    return "\n\n".join(paragraphs)
