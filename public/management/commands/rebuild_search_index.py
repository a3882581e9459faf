from django.core.management.base import BaseCommand
from django.db import connection

from public import page_cache
from public.models import SearchEntry
from public.search_index import rebuild_all


class Command(BaseCommand):
    help = (
        "Rebuild the public search index from reports, findings and published responses, and empty "
        "every app server's kept public pages. Run it after loading data in bulk."
    )

    def handle(self, *args, **options):
        count = rebuild_all()
        if connection.vendor == "postgresql" and connection.get_autocommit():
            # Every old row is now dead: give their space back and refresh the planner's figures,
            # which decide whether a search walks the newest-first index or the GIN index.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")
        page_cache.bump()
        self.stdout.write(f"Search index rebuilt: {count} entries. Kept public pages emptied.")
