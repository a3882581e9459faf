"""python manage.py recover_imports: retry or fail background imports whose worker died; tidy uploads.

Run it from cron every minute (`* * * * * cd /srv/tracker && .venv/bin/python manage.py recover_imports`)
and before starting the import worker. A parse with no heartbeat for a minute is queued again once,
then failed with a message; the uploads of imports left unsaved for IMPORT_KEEP_UNSAVED_DAYS are
deleted. Safe to run on several machines at once.
"""

from django.core.management.base import BaseCommand

from imports import tasks


class Command(BaseCommand):
    help = "Retry (once) or fail browser imports whose worker stopped; delete the uploads of imports long left unsaved."

    def handle(self, *args, **options):
        retried, failed = tasks.recover_stalled_jobs()
        deleted = tasks.delete_unsaved_uploads()
        if retried or failed or deleted or options["verbosity"] > 1:
            self.stdout.write(
                f"Imports whose worker stopped: {len(retried)} queued again, {len(failed)} failed. "
                f"Uploads of unsaved imports deleted: {deleted}."
            )
