from django.contrib import admin

from responses.models import Response, ResponseItem


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
