"""Bilingual pages: the four Welsh bodies publish under the Welsh Language Standards, so a page may
give each English paragraph followed by its Welsh, or the whole response again in Welsh.

The tracker's response is the English; the Welsh is not lost but handed to a person in a Flag,
for the Welsh version. Welsh is told from English as the report parser tells it (text.is_welsh).
"""

from imports.parsers.text import is_welsh


def split_welsh(paragraphs):
    """(the paragraphs not in Welsh, the Welsh ones), each in order."""
    english, welsh = [], []
    for paragraph in paragraphs:
        (welsh if is_welsh(paragraph) else english).append(paragraph)
    return english, welsh


def welsh_flag_message(welsh):
    """The message that hands a page's Welsh to a person, every word of it."""
    return (
        f"The page gives the response in Welsh too ({len(welsh)} passages): the English was imported, and the Welsh is "
        "kept here for the Welsh version: " + " / ".join(welsh)
    )
