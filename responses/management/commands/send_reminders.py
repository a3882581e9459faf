"""Email deadline reminders to bodies that have not yet published their section 55 response, and
chase the chief officer's comments (s.55(4)) once the date the body asked for them by has passed.

Run it from cron once a day (or more often: each reminder is recorded and sent once, so a rerun
sends nothing new). If the mail server cannot be reached it fails before recording anything, so
cron reports the error and the next run catches up.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from responses.notifications import send_chief_officer_reminders, send_due_reminders


class Command(BaseCommand):
    help = (
        "Email reminders 14, 7 and 1 days before a response is due, and once it is overdue; and once "
        "when the chief officer's comments are overdue."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = send_due_reminders(today) + send_chief_officer_reminders(today)
        self.stdout.write(f"Sent {sent} reminder email{'' if sent == 1 else 's'}.")
