"""Keep the search index and the page cache in step with what is published (connected in public/apps.py).

A response is saved on every edit of its working copy; its rows are rebuilt, and the public pages'
generation moved on (public/page_cache.py), only when its live version or its withdrawal changed
(public.search_index.is_current costs one query). Reports, findings, bodies and forces are public
from the moment they exist, so any change to them moves the generation on.
"""

from public import page_cache, search_index


def response_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if not search_index.is_current(instance):
        search_index.index_response(instance)
        page_cache.bump_after_commit()


def version_saved(sender, instance, created=False, raw=False, **kwargs):
    """A new version is saved before the response points at it; the response's save rebuilds.
    This catches a version stored by other code that then updates the response without saving it."""
    if raw or not created:
        return
    response = instance.response
    response.refresh_from_db(fields=["current_version", "status"])
    if not search_index.is_current(response):
        search_index.index_response(response)
    page_cache.bump_after_commit()


def report_saved(sender, instance, raw=False, **kwargs):
    """The findings' rows too: their titles name the report."""
    if not raw:
        search_index.index_report(instance, with_findings=True)


def finding_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_index.index_finding(instance)
        page_cache.bump_after_commit()


def finding_deleted(sender, instance, **kwargs):
    search_index.unindex_finding(instance)
    page_cache.bump_after_commit()


def public_row_changed(sender, instance=None, raw=False, **kwargs):
    """A body, force, report or quotation saved or deleted: the pages that show it change."""
    if not raw:
        page_cache.bump_after_commit()
