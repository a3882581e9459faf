"""python manage.py import_response PATH: a response already published elsewhere (text, HTML or JSON).

The command acts as a site admin (the system actor IMPORT_COMMAND): the response is published at
once as an imported record, with its original date. With --user it acts as that person, whose
roles decide: a site admin's import is published as a record, a publisher's goes to review.
It never adds findings to a report that is in the tracker: quoted findings the report lacks are
named and the command fails, unless --keep-unmatched keeps their comments as quotations.
"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from imports.management.commands.import_report import iso_date, show_plan, web_address
from imports.parsers.bodies import resolve_body
from imports.parsers.parse import parse_response
from imports.parsers.parsed import ImportProblem
from imports.parsers.sources import read_path
from imports.response_plan import apply_response_plan, plan_response
from responses.actors import IMPORT_COMMAND
from tracker.models import InspectionReport


class Command(BaseCommand):
    help = (
        "Import a response published elsewhere, as a record of it. Never adds findings to a report in the tracker; "
        "creates a report that is not in the tracker (site admins only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file, or - for standard input")
        parser.add_argument("--format", choices=["auto", "html", "text", "json"], default="auto")
        parser.add_argument("--body", help="The local policing body's slug, when its name in the text is not enough")
        parser.add_argument("--report", help="The report's slug, when its title in the text does not match")
        parser.add_argument("--report-published-on", type=iso_date, help="For a report not yet in the tracker")
        parser.add_argument(
            "--original-url",
            type=web_address,
            help="The web address where the response was first published (http or https)",
        )
        parser.add_argument(
            "--published-on",
            type=iso_date,
            help="The date the response was first published (YYYY-MM-DD); overrides the text's",
        )
        parser.add_argument(
            "--keep-unmatched",
            action="store_true",
            help="Keep comments on quoted findings the report does not have as quotations, rather than failing",
        )
        parser.add_argument(
            "--user",
            help="Import as this user (their roles decide: a site admin's import is published, a publisher's goes to review)",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; save nothing")
        parser.add_argument(
            "--json", action="store_true", help="Print what was parsed, in the import format, and save nothing"
        )

    def handle(self, *args, **options):
        try:
            data = read_path(options["path"])
            parsed = parse_response(data, name="" if options["path"] == "-" else options["path"], fmt=options["format"])
            if options["original_url"] is not None:
                parsed.original_url = options["original_url"].strip()
            if options["published_on"] is not None:
                parsed.published_on = options["published_on"]
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
            actor = self._actor(options["user"])
            plan = plan_response(
                parsed, body=body, actor=actor, report=report, report_published_on=options["report_published_on"]
            )
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        for line in plan.match_lines():
            self.stdout.write(line)
        if plan.existing is None and plan.unmatched and not options["keep_unmatched"]:
            quoted = "; ".join(
                f"{item.finding.reference or 'no reference'}: “{_short(item.finding.text)}”" for item in plan.unmatched
            )
            raise CommandError(
                f"{len(plan.unmatched)} quoted finding(s) match none of the findings of {plan.report.title!r}: {quoted}. "
                "A response import never adds findings to a report (a site admin adds them with import_report). "
                "Give --keep-unmatched to keep their comments on the response as quotations, or --report SLUG if it is another report."
            )
        if not show_plan(self, parsed, plan, options["dry_run"]):
            return
        response = apply_response_plan(plan)
        if response.is_published:
            self.stdout.write(self.style.SUCCESS(f"Published as an imported record: {response.get_absolute_url()}"))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported for review (not public until approved and published): {response.get_staff_url()}"
                )
            )

    def _actor(self, username):
        if not username:
            return IMPORT_COMMAND
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise ImportProblem(f"There is no user {username!r}")
        return user


def _short(text, length=80):
    words = " ".join(text.split())
    return words if len(words) <= length else words[: length - 1] + "…"
