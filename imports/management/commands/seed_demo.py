"""Load the demo: the example reports and responses in imports/demo/, through the import path.

The files are in the documented import format (README, "Import format"): each report in
imports/demo/reports/ is read by report_from_json and saved by plan_report/apply_report_plan, each
response in imports/demo/responses/ by response_from_json and plan_response/apply_response_plan,
exactly as `import_report` and `import_response` would, so loading the demo also proves the format.
What only the demo needs sits in an envelope around the response, never in the public format:
`{"demo": {"status": "published" | "draft"}, "response": {...tracker-response/1...}}`. A response
is saved as an `Example` (labelled as example content on every page): a draft keeps the loader's
revision; a published one is recorded as published on its `published_on`, through the workflow's
record of a publication (but not labelled as an imported record: it was published nowhere else),
by the DEMO_LOADER system actor, never a person or None.
imports/demo/README.md says what the demo is and why (all of it fictional, "Example:" titles,
dates after the last change of body in May 2024).

Running it again creates nothing and leaves what is there, edits and all: a report already here
(by the slug its title gives, so a renamed one too) is left as it is, and so is a response already
here (by report and body). A response file must have an item for every finding of its report
file: section 55(5B) wants a position on every recommendation, and the demo shows how it is done.
It relies on the forces, bodies and addressees that migration tracker/0002 ships.
"""

import json
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from imports.parsers.bodies import resolve_body
from imports.parsers.parsed import ImportProblem
from imports.parsers.structured import report_from_json, response_from_json
from imports.report_plan import apply_report_plan, plan_report, report_slug
from imports.response_plan import Example, apply_response_plan, plan_response
from responses.actors import DEMO_LOADER
from tracker.auth import DEMO_PASSWORD
from tracker.models import InspectionReport, LocalPolicingBody

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
STATUSES = {"published": Example(), "draft": Example(draft=True)}


class Command(BaseCommand):
    help = "Load example (fictional) inspection reports and example section 55 responses. Safe to run more than once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Also create sign-in accounts for trying the workflow (local development only: DEBUG must be on).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load nothing if the database already holds any report (what `make run` uses).",
        )

    def handle(self, *args, **options):
        from django.conf import settings

        if options["with_demo_users"] and not settings.DEBUG:
            # Refuse before loading anything, so a refused run leaves the database as it was.
            raise CommandError("Demo users have a published password: they are only created when DEBUG is on.")
        if options["if_empty"] and InspectionReport.objects.exists():
            self.stdout.write("The database already holds reports: demo data not loaded.")
            return
        self.seen = Counter()
        self.created = Counter()
        try:
            reports = [report_from_json(path.read_text(encoding="utf-8")) for path in demo_files("reports")]
            responses = [read_demo_response(path) for path in demo_files("responses")]
            with transaction.atomic():
                saved = {parsed.title: self.load_report(parsed) for parsed in reports}
                for path, (example, parsed) in zip(demo_files("responses"), responses, strict=True):
                    self.load_response(path, example, parsed, saved)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        if options["with_demo_users"]:
            _create_demo_users(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for what in ("reports", "findings", "responses", "response items"):
            self.stdout.write(f"  {what}: {self.seen[what]} in the demo set, {self.created[what]} created")

    def count(self, what, created, n=1):
        self.seen[what] += n
        self.created[what] += n if created else 0

    def load_report(self, parsed):
        """The report (saved by the import path unless already here) and the parse it came from."""
        report = InspectionReport.objects.filter(slug=report_slug(parsed.title)).first()
        created = report is None
        if created:
            report = apply_report_plan(plan_report(parsed))
        self.count("reports", created)
        self.count("findings", created, len(parsed.findings))
        return report, parsed

    def load_response(self, path, example, parsed, saved):
        if parsed.report_title not in saved:
            raise CommandError(f"{path.name} answers {parsed.report_title!r}, which is not a demo report")
        report, report_parsed = saved[parsed.report_title]
        missing = [f.reference for f in report_parsed.findings if f.reference not in _answered(parsed)]
        if missing:
            # Section 55(5B) wants a position on every recommendation: catch a gap in the demo set.
            raise CommandError(
                f"The demo response of {parsed.body_name} to {report.slug} must have one item per finding; "
                f"{path.name} has none for {', '.join(missing)}"
            )
        body = resolve_body(parsed.body_name)
        if body is None:
            raise CommandError(f"{path.name}: no local policing body is called {parsed.body_name!r}")
        plan = plan_response(parsed, body=body, actor=DEMO_LOADER, report=report, example=example)
        created = plan.existing is None
        if created and plan.unmatched:
            raise CommandError(
                f"{path.name} quotes findings its report does not have: "
                + ", ".join(item.finding.reference for item in plan.unmatched)
            )
        if created:
            apply_response_plan(plan)
        self.count("responses", created)
        self.count("response items", created, len(parsed.items))


def demo_files(kind):
    """The demo's files of one kind, in the order of their names (a report before its responses)."""
    return sorted((DEMO_DIR / kind).glob("*.json"))


def read_demo_response(path):
    """(the Example to save it as, the ParsedResponse) from a demo response file's envelope."""
    try:
        envelope = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ImportProblem(f"{path.name} is not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(envelope, dict) or set(envelope) != {"demo", "response"}:
        raise ImportProblem(f'{path.name} must be {{"demo": {{"status": ...}}, "response": {{...}}}}')
    status = envelope["demo"].get("status") if isinstance(envelope["demo"], dict) else None
    if status not in STATUSES:
        raise ImportProblem(f"{path.name}: demo.status must be one of {', '.join(STATUSES)}, not {status!r}")
    # Back to text, so the response is read by exactly what reads any imported JSON.
    return STATUSES[status], response_from_json(json.dumps(envelope["response"]))


def _answered(parsed):
    return {item.finding.reference for item in parsed.items}


DEMO_BODIES = ["staffordshire-pfcc", "north-wales-pcc"]


def _create_demo_users(stdout):
    """Accounts with a published password, for a newcomer's local copy: never on a real server.

    Refusing to create them with DEBUG off is the first guard; the second is at sign-in
    (tracker.auth.NoDemoAccountsBackend), for a database seeded locally and then served.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from tracker.models import Membership

    if not settings.DEBUG:
        raise CommandError("Demo users have a published password: they are only created when DEBUG is on.")
    User = get_user_model()
    bodies = lookup(LocalPolicingBody, DEMO_BODIES)
    for username, role in (("drafter", "drafter"), ("reviewer", "reviewer"), ("publisher", "publisher")):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": role.capitalize(), "last_name": "Demo", "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for body in bodies:
            Membership.objects.get_or_create(user=user, body=body, role=role)
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.org", DEMO_PASSWORD)
    stdout.write(
        f"  demo sign-ins (password {DEMO_PASSWORD}): drafter, reviewer, publisher "
        f"(roles in {', '.join(b.name for b in bodies)}) and admin"
    )


def lookup(model, slugs):
    """The rows with these slugs, all of which must exist (migration tracker/0002 creates them)."""
    rows = list(model.objects.filter(slug__in=slugs))
    missing = set(slugs) - {row.slug for row in rows}
    if missing:
        names = ", ".join(sorted(missing))
        raise CommandError(f"No {model._meta.verbose_name} with slug {names}: run `manage.py migrate` first.")
    return rows
