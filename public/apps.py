from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public site: home, reports, responses and their versions. Reads tracker and responses."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "public"
