from django.core.management.base import BaseCommand

from public import page_cache
from public.search_index import rebuild_all


class Command(BaseCommand):
    help = (
        "Rebuild the public search index from reports, findings and published responses, and empty "
        "every app server's kept public pages. Run it after loading data in bulk."
    )

    def handle(self, *args, **options):
        count = rebuild_all()
        page_cache.bump()
        self.stdout.write(f"Search index rebuilt: {count} entries. Kept public pages emptied.")
