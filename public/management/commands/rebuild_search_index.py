from django.core.management.base import BaseCommand

from public.search_index import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the public search index from reports, findings and published responses."

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(f"Search index rebuilt: {count} entries.")
