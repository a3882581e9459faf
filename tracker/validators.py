"""Validators shared by every path that takes a web address: forms, the admin, imports, commands.

A web address we store is shown as a link on public pages, so only http and https are accepted:
`javascript:`, `data:` and the like would run in a reader's browser.
"""

from django.core.validators import URLValidator

WEB_SCHEMES = ("http", "https")

validate_web_address = URLValidator(
    schemes=list(WEB_SCHEMES),
    message="Enter a web address starting with https:// or http://",
)


def is_web_address(value):
    """True for an http or https address (for templates and code that must not link anything else)."""
    try:
        validate_web_address(value)
    except Exception:  # noqa: BLE001 - any refusal means "not a web address we link"
        return False
    return True
