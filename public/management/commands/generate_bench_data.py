"""`manage.py generate_bench_data`: a realistic national data set for measuring, never loaded by `make run`.

What it writes, and how it stays indistinguishable from published data, is in public/bench_data.py.
It refuses a database that already holds reports unless told to add to it, so that generated
reports and responses never mix silently with real ones.
"""

import time
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from public.bench_data import Generator
from public.models import SearchEntry
from tracker.models import InspectionReport, LocalPolicingBody


class Command(BaseCommand):
    help = (
        "Generate 10 years of reports (national and per force) ending today, the local policing bodies' "
        "published responses and about 150,000 comments, for measuring the tracker. Every version shares "
        "one placeholder PDF, stored once under MEDIA_ROOT; the HTML of each is rendered as at publication. "
        "Refuses a database that already holds reports unless --add-to-existing is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiplies the size: 1 gives about 150,000 comments, 0.01 a small set for tests (default 1).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same data set on the same day (default 1)."
        )
        parser.add_argument(
            "--add-to-existing",
            action="store_true",
            help="Add the generated set to a database that already holds reports (it is mixed with them).",
        )

    def handle(self, *args, scale, seed, add_to_existing, **options):
        if not 0 < scale <= 10:
            raise CommandError("Give a --scale above 0 and at most 10 (1 gives about 150,000 comments).")
        reports = InspectionReport.objects.count()
        if reports and not add_to_existing:
            raise CommandError(
                f"The database already holds {reports:,} report{'s' if reports != 1 else ''}: the generated "
                "data would be mixed with it. Use an empty database (after `manage.py migrate`), or give "
                "--add-to-existing if mixing them is what you want. Nothing was written."
            )
        if not LocalPolicingBody.objects.exists():
            raise CommandError("There are no local policing bodies: run `manage.py migrate` first.")
        started = time.perf_counter()

        def progress(message):
            self.stdout.write(f"[{time.perf_counter() - started:6.1f} s] {message}")

        with transaction.atomic():
            totals = Generator(scale=scale, seed=seed, progress=progress).run()
            # Rows written in bulk send no signals: do what loading data in bulk calls for.
            progress("Rebuilding the search index…")
            rebuilt = StringIO()
            call_command("rebuild_search_index", stdout=rebuilt)
            progress(rebuilt.getvalue().strip())
        if connection.vendor == "postgresql" and connection.get_autocommit():
            # rebuild_search_index vacuums only outside a transaction, and it ran inside one here.
            # Without the planner's figures (autovacuum may be off, or not yet round) a search plans
            # as if every word were rare: "domestic abuse" read all its 36,000 matches, 157 ms
            # against 29 ms once analysed.
            progress("Vacuuming and analysing…")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Benchmark data generated in {seconds:.1f} s (seed {seed}, scale {scale:g}):")
        )
        for label, value in (
            (
                "reports",
                f"{totals.reports:,} ({totals.national_reports:,} national, {totals.force_reports:,} per force)",
            ),
            ("findings", f"{totals.findings:,}"),
            (
                "responses",
                f"{totals.responses:,} published, of {totals.owed:,} owed ({totals.unpublished:,} not published)",
            ),
            ("  late", f"{totals.late:,}"),
            ("  amended", f"{totals.amended:,}"),
            ("  withdrawn", f"{totals.withdrawn:,}"),
            ("  imported", f"{totals.imported:,}"),
            ("published versions", f"{totals.versions:,}"),
            ("comments", f"{totals.comments:,}"),
            ("search entries", f"{SearchEntry.objects.count():,}"),
            ("seconds", f"{seconds:.1f}"),
        ):
            self.stdout.write(f"  {label}: {value}")
