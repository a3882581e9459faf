"""Load the demo reports, findings and example responses held in imports.demo_data.

All of it is fictional ("Example: ..." reports, is_example responses), so importing a real report
or a real published response into a demo site never meets invented findings under a real title.
The tracker itself loads it, as the DEMO_LOADER system actor, never as a person or as None.

Every row is looked up by its natural key before anything is created (report by slug, finding by
report and reference, response by report and body, item by response and finding), so running the
command again creates nothing and leaves rows already there, and any edits made to them, alone.
It relies on the forces, bodies and addressees that migration tracker/0002 ships.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from imports import demo_data
from responses import workflow
from responses.actors import DEMO_LOADER
from responses.models import Response, ResponseItem
from tracker.auth import DEMO_PASSWORD
from tracker.models import Addressee, Finding, Force, InspectionReport, LocalPolicingBody


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
        with transaction.atomic():
            reports = {data["slug"]: self.load_report(data) for data in demo_data.REPORTS}
            for data in demo_data.RESPONSES:
                self.load_response(data, reports)
        if options["with_demo_users"]:
            _create_demo_users(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for what in ("reports", "findings", "responses", "response items"):
            self.stdout.write(f"  {what}: {self.seen[what]} in the demo set, {self.created[what]} created")

    def count(self, what, created):
        self.seen[what] += 1
        self.created[what] += created

    def load_report(self, data):
        report, created = InspectionReport.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "report_type": data["report_type"],
                "published_on": data["published_on"],
                "source_url": data["source_url"],
                "summary": data["summary"],
                "concerns_all_forces": data["concerns_all_forces"],
            },
        )
        self.count("reports", created)
        if created:
            report.forces.set(lookup(Force, data["forces"]))
        findings = {}
        for order, finding_data in enumerate(data["findings"], start=1):
            findings[finding_data["reference"]] = self.load_finding(report, order, finding_data, findings)
        return report, findings

    def load_finding(self, report, order, data, earlier):
        parent = None
        if "under" in data:
            # A cause of concern is listed before the recommendations made under it.
            parent = earlier[data["under"]]
        finding, created = Finding.objects.get_or_create(
            report=report,
            reference=data["reference"],
            defaults={
                "kind": data["kind"],
                "order": order,
                "text": data["text"],
                "deadline_on": data.get("deadline_on"),
                "deadline_text": data.get("deadline_text", ""),
                "cause_of_concern": parent,
            },
        )
        self.count("findings", created)
        if created:
            finding.full_clean()
            finding.addressees.set(lookup(Addressee, data.get("addressees", [])))
            finding.addressed_forces.set(lookup(Force, data.get("addressed_forces", [])))
        return finding

    def load_response(self, data, reports):
        report, findings = reports[data["report"]]
        if set(data["items"]) != set(findings):
            # Section 55(5B) wants a position on every recommendation: catch a gap in the demo set.
            raise CommandError(
                f"The demo response of {data['body']} to {data['report']} must have one item per finding."
            )
        (body,) = lookup(LocalPolicingBody, [data["body"]])
        response, created = Response.objects.get_or_create(
            report=report,
            body=body,
            defaults={
                "introduction": data["introduction"],
                "chief_officer_comments": data.get("chief_officer_comments", ""),
                "chief_officer_comments_received_on": data.get("chief_officer_comments_received_on"),
                "reply_to_chief_officer": data.get("reply_to_chief_officer", ""),
                "is_example": True,
            },
        )
        self.count("responses", created)
        for reference, (position, comment) in data["items"].items():
            _, created = ResponseItem.objects.get_or_create(
                response=response,
                finding=findings[reference],
                defaults={"position": position, "comment": comment},
            )
            self.count("response items", created)
        if data["status"] == "published" and not response.is_published:
            workflow.record_publication(response, data["published_at"], actor=DEMO_LOADER, action="seed_demo")
        elif created:
            workflow.write_revision(response, DEMO_LOADER)


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
