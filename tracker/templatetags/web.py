"""Template filters for web addresses we store and show as links."""

from django import template

from tracker.validators import is_web_address as _is_web_address

register = template.Library()


@register.filter
def is_web_address(value):
    """True for an http or https address: the only kind a template may put in an href.

    The models and every import path accept nothing else, but a row written around them (a raw
    update, an old database) must still never become a `javascript:` or `data:` link.
    """
    return bool(value) and _is_web_address(str(value))


@register.filter
def thousands(value):
    """A whole number with thousands separated by commas, as GOV.UK writes them: 1,000."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value
