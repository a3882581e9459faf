"""Pages of a long list (the reports list, search results): reading the page asked for from the
address, saying when it could not be used, and the links of the GOV.UK pagination component
(templates/includes/pagination.html)."""

import re

_SHOWN_OF_A_BAD_VALUE = 40
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")  # short enough that int() is cheap


def quoted(value):
    """A value from the address, shortened, in quotation marks: for messages about it."""
    value = value if len(value) <= _SHOWN_OF_A_BAD_VALUE else value[:_SHOWN_OF_A_BAD_VALUE] + "…"
    return f"“{value}”"


def page_from(paginator, value, problems):
    """The page `value` names; the first or last page, with a message in `problems`, if it cannot be."""
    if not value:
        return paginator.page(1)
    number = int(value) if _WHOLE_NUMBER.fullmatch(value) else None
    if number is None:
        problems.append(f"{quoted(value)} is not a page number, so this is the first page.")
        return paginator.page(1)
    if number < 1:
        problems.append(f"There is no page {number}, so this is the first page.")
        return paginator.page(1)
    if number > paginator.num_pages:
        problems.append(f"There is no page {number}, so this is the last page (page {paginator.num_pages}).")
        return paginator.page(paginator.num_pages)
    return paginator.page(number)


def page_links(page, url_for):
    """The pagination component's items: {number, url, current} or {ellipsis}; `url_for(number)`."""
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            links.append({"ellipsis": True})
        else:
            links.append({"number": number, "url": url_for(number), "current": number == page.number})
    return links
