"""Email deadline reminders to bodies that have not yet published their section 55 response.

Run it from cron once a day (or more often: each reminder is recorded and sent once, so a rerun
sends nothing new). If the mail server cannot be reached it fails before recording anything, so
cron reports the error and the next run catches up.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from responses.notifications import send_due_reminders


class Command(BaseCommand):
    help = "Email reminders 14, 7 and 1 days before a response is due, and once it is overdue."

    def handle(self, *args, **options):
        sent = send_due_reminders(timezone.localdate())
        self.stdout.write(f"Sent {sent} reminder email{'' if sent == 1 else 's'}.")
