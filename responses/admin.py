"""The Django admin reads responses and their record; it never changes them.

A response changes only through the staff area (responses/workflow.py), where every change is
permission-checked, recorded as a revision or an event, and reviewed by a second person. An admin
form that saved a status, a published version or an item's comment would bypass all of that, so
here responses and items are view-only, nothing is added, and a response with any history cannot
be deleted. The one thing an admin does here is tick off the quotations an import kept.
"""

from django.contrib import admin
from django.utils.html import format_html

from responses.models import (
    PublishedVersion,
    Quotation,
    Remark,
    ReminderSent,
    Response,
    ResponseEvent,
    ResponseItem,
    Revision,
    StatutoryCopy,
)


class ViewOnlyMixin:
    """Listed and shown, never added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ResponseItemInline(ViewOnlyMixin, admin.StackedInline):
    model = ResponseItem
    extra = 0


class QuotationInline(ViewOnlyMixin, admin.StackedInline):
    """Shown as imported; the link leads to the quotation's own page, where an admin ticks it off."""

    model = Quotation
    extra = 0
    show_change_link = True


def has_history(response):
    """Every response started in the staff area has: starting it writes an event and a revision."""
    return (
        response.events.exists()
        or response.revisions.exists()
        or response.versions.exists()
        or response.remarks.exists()
    )


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["report", "body", "status", "published_at", "is_imported", "is_example"]
    list_filter = ["status", "is_imported", "is_example", "body__kind", "report__report_type"]
    search_fields = ["report__title", "body__name", "published_body_name", "introduction"]
    list_select_related = ["report", "body"]
    readonly_fields = ["where_to_make_changes"]
    inlines = [ResponseItemInline, QuotationInline]

    @admin.display(description="Where to make changes")
    def where_to_make_changes(self, response):
        return format_html(
            "Responses change only in the staff area, where every change is checked, recorded and "
            'reviewed: <a href="{}">open this response in the staff area</a>.',
            response.get_staff_url(),
        )

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "where_to_make_changes"]
        return ["where_to_make_changes", *fields] if obj is not None else fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and has_history(obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ResponseItem)
class ResponseItemAdmin(ViewOnlyMixin, admin.ModelAdmin):
    list_display = ["response", "finding", "position"]
    list_filter = ["position", "finding__kind"]
    search_fields = ["comment", "finding__reference", "response__body__name", "response__report__title"]
    list_select_related = ["response__report", "response__body", "finding"]


@admin.register(Quotation)
class QuotationAdmin(admin.ModelAdmin):
    """Quoted findings an import could not match to the report: a site admin checks each one."""

    list_display = ["response", "reference", "short_text", "checked_by_admin"]
    list_editable = ["checked_by_admin"]
    list_filter = ["checked_by_admin"]
    search_fields = ["reference", "text", "comment", "response__body__name", "response__report__title"]
    list_select_related = ["response__report", "response__body"]
    fields = ["response", "order", "reference", "text", "comment", "position", "checked_by_admin"]
    readonly_fields = ["response", "order", "reference", "text", "comment", "position"]

    @admin.display(description="Text")
    def short_text(self, quotation):
        return quotation.text if len(quotation.text) <= 120 else quotation.text[:119] + "…"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Permanent records (revisions, versions, history, remarks, copies): superusers may read them
    here; nobody can change them (the models refuse, and on PostgreSQL so does the database)."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Revision)
class RevisionAdmin(RecordAdmin):
    list_display = ["response", "number", "author", "created_at"]
    search_fields = ["response__report__title", "response__body__name"]
    list_select_related = ["response__report", "response__body", "author"]


@admin.register(PublishedVersion)
class PublishedVersionAdmin(RecordAdmin):
    list_display = ["response", "number", "published_at", "forced", "is_major_change"]
    list_filter = ["forced", "is_major_change"]
    search_fields = ["response__report__title", "response__body__name", "pdf_sha256"]
    list_select_related = ["response__report", "response__body"]
    exclude = ["html"]


@admin.register(ResponseEvent)
class ResponseEventAdmin(RecordAdmin):
    list_display = ["response", "action", "from_status", "to_status", "actor", "system_actor", "created_at"]
    list_filter = ["action", "to_status"]
    search_fields = ["response__report__title", "response__body__name", "comment"]
    list_select_related = ["response__report", "response__body", "actor"]


@admin.register(Remark)
class RemarkAdmin(RecordAdmin):
    list_display = ["response", "author", "created_at"]
    search_fields = ["text", "response__report__title", "response__body__name"]
    list_select_related = ["response__report", "response__body", "author"]


@admin.register(StatutoryCopy)
class StatutoryCopyAdmin(RecordAdmin):
    list_display = ["version", "sent_at", "backend"]
    list_select_related = ["version__response__report", "version__response__body"]


@admin.register(ReminderSent)
class ReminderSentAdmin(RecordAdmin):
    list_display = ["report", "body", "threshold", "sent_at"]
    list_filter = ["threshold"]
    list_select_related = ["report", "body"]
