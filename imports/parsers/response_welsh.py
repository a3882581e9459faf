"""Bilingual pages: the four Welsh bodies publish under the Welsh Language Standards, so a page may
give each English paragraph followed by its Welsh, or the whole response again in Welsh.

The tracker's response is the English; the Welsh is not lost but handed to a person in a Flag,
for the Welsh version. We tell Welsh from English by its commonest words: a paragraph where they
are a large share of the words is Welsh.
"""

import re

# Common Welsh words that are not English words, and the words of a response in Welsh.
WELSH_WORDS = frozenset(
    """y yr yn ac ei mae wedi bod gyda ar gyfer hefyd dros drwy ein ni chi hyn hynny sydd oedd fydd bydd cael gan
    rhaid dylai dylid pob holl mewn fel yng ym ydym rydym byddwn wrth nad nid neu ond i'r o'r gyda'r â ôl hon hwn
    heddlu heddluoedd prif gwnstabliaid cwnstabl comisiynydd trosedd throseddu argymhelliad argymhellion ymateb sylw
    sylwadau swyddfa cyhoeddwyd adroddiad arolygiad dioddefwyr ddioddefwyr gwaith nghymru cymru cymraeg diolch
    maes gwella llu lluoedd cyhoedd gwasanaeth ymchwiliad ymchwiliadau cynllun""".split()
)
WORD = re.compile(r"[^\W\d_][\w’']*")


def is_welsh(paragraph):
    """Whether `paragraph` is written in Welsh: at least a third of its words are common Welsh words."""
    words = [word.lower().replace("’", "'") for word in WORD.findall(paragraph)]
    if not words:
        return False
    welsh = sum(word in WELSH_WORDS for word in words)
    return welsh >= 1 and welsh * 3 >= len(words)


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
