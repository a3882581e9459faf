"""Send the section 55(6) copy of every published version that has none yet (after a mail failure).

Safe to run from cron: a copy is recorded only once the mail backend has accepted it, so nothing
is sent twice. The first version of a record of a response published elsewhere (imports, demo
data) was sent by its authors when they published it, not by us.
"""

from django.core.management.base import BaseCommand

from responses.models import PublishedVersion, ResponseEvent
from responses.notifications import send_statutory_copy

NOT_OURS_TO_SEND = ("import", "seed_demo", "record_publication")


class Command(BaseCommand):
    help = "Send statutory copies (s.55(6)) that failed to go when their response was published."

    def handle(self, *args, **options):
        recorded_elsewhere = ResponseEvent.objects.filter(action__in=NOT_OURS_TO_SEND).values("response_id")
        unsent = (
            PublishedVersion.objects.filter(statutory_copies__isnull=True, response__is_example=False)
            .exclude(number=1, response__in=recorded_elsewhere)
            .exclude(number=1, response__is_imported=True)
            .select_related("response__report", "response__body")
            .order_by("published_at")
        )
        sent = sum(1 for version in unsent if send_statutory_copy(version) is not None)
        self.stdout.write(f"Sent {sent} statutory cop{'ies' if sent != 1 else 'y'}.")
