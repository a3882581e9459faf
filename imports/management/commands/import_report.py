"""python manage.py import_report PATH: an HMICFRS report and its findings, from PDF, HTML, text, JSON or CSV."""

import argparse
import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from imports.parsers.parse import parse_report
from imports.parsers.parsed import ImportProblem
from imports.parsers.sources import FORMATS, read_path
from imports.report_plan import apply_report_plan, plan_report
from tracker.validators import is_web_address


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Dates are written YYYY-MM-DD, not {value!r}") from None


def web_address(value):
    """An http or https address, or "" for none: a stored address becomes a link on public pages, so
    `javascript:`, `data:` and the like are refused before anything is read or saved."""
    value = value.strip()
    if value and not is_web_address(value):
        raise argparse.ArgumentTypeError(f"give a web address starting with https:// or http://, not {value!r}")
    return value


def show_plan(command, parsed, plan, dry_run):
    """Print the flags to check and what saving would do; True if the plan should now be applied."""
    for flag in parsed.flags:
        command.stderr.write(f"Check: {flag.message}")
    for line in plan.summary():
        command.stdout.write(line)
    return not dry_run and plan.changes_anything


class Command(BaseCommand):
    help = "Import an HMICFRS report and its findings. Saving is all or nothing; importing the same source again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file, or - for standard input")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; save nothing")
        parser.add_argument(
            "--json", action="store_true", help="Print what was parsed, in the import format, and save nothing"
        )
        parser.add_argument(
            "--title", default="", help="The report's title, where the source lacks it (CSV) or has it wrong"
        )
        parser.add_argument("--published-on", type=iso_date, help="The report's original publication date (YYYY-MM-DD)")
        parser.add_argument(
            "--report-type", help="peel, national-thematic, ncpi, jtai, crime-data-integrity, custody, ..."
        )
        parser.add_argument(
            "--source-url",
            type=web_address,
            help="The report's address on the HMICFRS website (http or https), for a new report",
        )

    def handle(self, *args, **options):
        try:
            data = read_path(options["path"])
            name = "" if options["path"] == "-" else options["path"]
            parsed = parse_report(
                data,
                name=name,
                fmt=options["format"],
                title=options["title"],
                published_on=options["published_on"],
                report_type=options["report_type"],
                progress=self._progress_bar,
            )
            if options["source_url"] is not None:
                parsed.source_url = options["source_url"]
            if options["json"]:
                self.stdout.write(json.dumps(parsed.to_json(), indent=2, ensure_ascii=False))
                return
            if parsed.source_url and not is_web_address(parsed.source_url):
                raise ImportProblem(
                    f"The report's source address must start with https:// or http://, not {parsed.source_url!r}"
                )
            plan = plan_report(parsed)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        if not show_plan(self, parsed, plan, options["dry_run"]):
            return
        report = apply_report_plan(plan)
        self.stdout.write(self.style.SUCCESS(f"Saved: {report.get_absolute_url()}"))

    def _progress_bar(self, done, total):
        """A progress bar on standard error for long PDFs, so --json output stays clean."""
        if total < 20:
            return
        width = 30
        filled = width * done // total
        self.stderr.write(f"\rReading pages [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        if done == total:
            self.stderr.write("")
