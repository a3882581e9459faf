from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from tracker.models import Addressee, Finding, Force, InspectionReport, LocalPolicingBody, Membership


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    list_filter = ["country"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


class InOfficeFilter(admin.SimpleListFilter):
    title = "in office"
    parameter_name = "in_office"

    def lookups(self, request, model_admin):
        return [("yes", "In office today"), ("no", "No longer (or not yet) in office")]

    def queryset(self, request, queryset):
        in_office = LocalPolicingBody.objects.in_office_on(timezone.localdate()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=in_office)
        if self.value() == "no":
            return queryset.exclude(pk__in=in_office)
        return queryset


@admin.register(LocalPolicingBody)
class LocalPolicingBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "force", "started_on", "ended_on", "source"]
    list_filter = [InOfficeFilter, "kind", "force__country"]
    search_fields = ["name", "force__name"]
    list_select_related = ["force"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "role"]
    list_filter = ["role", "body"]
    search_fields = ["user__username", "user__email", "body__name"]
    list_select_related = ["user", "body"]
    autocomplete_fields = ["user", "body"]


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0
    fields = ["order", "kind", "reference", "text", "addressees", "deadline_on", "deadline_text", "cause_of_concern"]
    filter_horizontal = ["addressees"]


@admin.register(InspectionReport)
class InspectionReportAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "report_type",
        "published_on",
        "responses_due_on",
        "concerns_all_forces",
        "national_report",
    ]
    list_filter = ["report_type", "concerns_all_forces", "published_on"]
    list_select_related = ["national_report"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["forces"]
    autocomplete_fields = ["national_report"]
    readonly_fields = ["linked_force_reports"]
    inlines = [FindingInline]

    @admin.display(description="Force reports with the same findings")
    def linked_force_reports(self, report):
        """On a national report: the force reports whose forces' bodies answer there instead."""
        linked = report.force_reports.order_by("-published_on", "title") if report.pk else []
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse("admin:tracker_inspectionreport_change", args=[force_report.pk]),
                    force_report.title,
                    force_report.published_on,
                )
                for force_report in linked
            ),
        )
        return format_html("<ul>{}</ul>", links) if links else "None"


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "report", "order", "deadline_on"]
    list_filter = ["kind", "report__report_type", "addressees"]
    search_fields = ["reference", "text", "report__title"]
    list_select_related = ["report"]
    autocomplete_fields = ["report", "cause_of_concern"]
    filter_horizontal = ["addressees", "addressed_forces"]


@admin.register(Addressee)
class AddresseeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["body"]
    verbose_name = "role in a local policing body"
    verbose_name_plural = "roles in local policing bodies"


class UserWithRolesAdmin(UserAdmin):
    """Django's user admin, with each user's roles in local policing bodies edited in place."""

    inlines = [UserMembershipInline]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserWithRolesAdmin)
