"""Publish the responses whose scheduled time has come. Run it from cron every minute.

Idempotent: each response is re-checked under a row lock before it is published, so overlapping
runs, or a second run, publish nothing twice.
"""

from django.core.management.base import BaseCommand

from responses.workflow import publish_due


class Command(BaseCommand):
    help = "Publish scheduled responses whose time has come (safe to run every minute)."

    def handle(self, *args, **options):
        count = publish_due()
        self.stdout.write(f"Published {count} scheduled response{'s' if count != 1 else ''}.")
