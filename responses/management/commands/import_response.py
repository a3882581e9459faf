"""python manage.py import_response PATH: a response already published elsewhere (text, HTML or JSON)."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from responses.importing import apply_response_plan, plan_response
from tracker.importers.bodies import resolve_body
from tracker.importers.parse import parse_response
from tracker.importers.parsed import ImportProblem
from tracker.importers.sources import read_path
from tracker.management.commands.import_report import iso_date, show_plan
from tracker.models import InspectionReport


class Command(BaseCommand):
    help = "Import a response published elsewhere; creates the report and findings it answers if they are missing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file, or - for standard input")
        parser.add_argument("--format", choices=["auto", "html", "text", "json"], default="auto")
        parser.add_argument("--body", help="The local policing body's slug, when its name in the text is not enough")
        parser.add_argument("--report", help="The report's slug, when its title in the text does not match")
        parser.add_argument("--report-published-on", type=iso_date, help="For a report not yet in the tracker")
        parser.add_argument("--user", help="Import as this user (their roles are checked; recorded in the history)")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; save nothing")
        parser.add_argument("--json", action="store_true", help="Print what was parsed, in the import format, and save nothing")

    def handle(self, *args, **options):
        try:
            data = read_path(options["path"])
            parsed = parse_response(data, name="" if options["path"] == "-" else options["path"], fmt=options["format"])
            body = resolve_body(parsed.body_name, options["body"])
            if options["json"]:
                output = parsed.to_json()
                output["body"] = body.slug if body else None
                self.stdout.write(json.dumps(output, indent=2, ensure_ascii=False))
                return
            if body is None:
                raise ImportProblem(f"No local policing body matches {parsed.body_name!r}: give it with --body SLUG")
            report = None
            if options["report"]:
                report = InspectionReport.objects.filter(slug=options["report"]).first()
                if report is None:
                    raise ImportProblem(f"There is no report with the slug {options['report']!r}")
            user = self._user(options["user"])
            plan = plan_response(parsed, body=body, report=report, report_published_on=options["report_published_on"], user=user)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        if not show_plan(self, parsed, plan, options["dry_run"]):
            return
        response = apply_response_plan(plan, user=user)
        self.stdout.write(self.style.SUCCESS(f"Published: {response.get_absolute_url()}"))

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise ImportProblem(f"There is no user {username!r}")
        return user
