from django.contrib import admin

from responses.models import (
    PublishedVersion,
    ReminderSent,
    Remark,
    Response,
    ResponseEvent,
    ResponseItem,
    Revision,
    StatutoryCopy,
)


class ResponseItemInline(admin.StackedInline):
    model = ResponseItem
    extra = 0
    autocomplete_fields = ["finding"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["report", "body", "status", "published_at", "is_example"]
    list_filter = ["status", "is_example", "body__kind", "report__report_type"]
    search_fields = ["report__title", "body__name", "published_body_name", "introduction"]
    list_select_related = ["report", "body"]
    autocomplete_fields = ["report", "body"]
    inlines = [ResponseItemInline]


@admin.register(ResponseItem)
class ResponseItemAdmin(admin.ModelAdmin):
    list_display = ["response", "finding", "position"]
    list_filter = ["position", "finding__kind"]
    search_fields = ["comment", "finding__reference", "response__body__name", "response__report__title"]
    list_select_related = ["response__report", "response__body", "finding"]
    autocomplete_fields = ["response", "finding"]


class RecordAdmin(admin.ModelAdmin):
    """Permanent records (revisions, versions, history, remarks): readable here, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
    list_display = ["response", "action", "from_status", "to_status", "actor", "created_at"]
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
    list_display = ["version", "sent_at"]
    list_select_related = ["version__response__report", "version__response__body"]


@admin.register(ReminderSent)
class ReminderSentAdmin(RecordAdmin):
    list_display = ["report", "body", "threshold", "sent_at"]
    list_filter = ["threshold"]
    list_select_related = ["report", "body"]
