from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete


class PublicConfig(AppConfig):
    """The public site: home, reports, responses and their versions. Reads tracker and responses."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "public"

    def ready(self):
        # The search index and the page cache follow what is published. The signals live here, not
        # in responses or tracker, because the arrows run one way: public reads them, never the reverse.
        from public import signals

        post_save.connect(signals.response_saved, sender="responses.Response", dispatch_uid="search-response")
        post_save.connect(signals.version_saved, sender="responses.PublishedVersion", dispatch_uid="search-version")
        post_save.connect(signals.report_saved, sender="tracker.InspectionReport", dispatch_uid="search-report")
        post_save.connect(signals.finding_saved, sender="tracker.Finding", dispatch_uid="search-finding")
        pre_delete.connect(signals.finding_deleted, sender="tracker.Finding", dispatch_uid="search-finding-gone")
        for model in ("tracker.Force", "tracker.LocalPolicingBody", "tracker.InspectionReport", "responses.Quotation"):
            post_save.connect(signals.public_row_changed, sender=model, dispatch_uid=f"page-cache-{model}")
            post_delete.connect(signals.public_row_changed, sender=model, dispatch_uid=f"page-cache-gone-{model}")
