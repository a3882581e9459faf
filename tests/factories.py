"""factory_boy factories for the domain. Forces and bodies made here are extra to the 43 shipped."""

import contextlib
import datetime
from unittest import mock

import factory
import time_machine
from django.contrib.auth import get_user_model

from responses.actors import SystemActor
from responses.models import Response, ResponseItem
from tracker.models import Finding, Force, InspectionReport, LocalPolicingBody, Membership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class ForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Force

    name = factory.Sequence(lambda n: f"Testshire Police {n}")
    slug = factory.Sequence(lambda n: f"testshire-police-{n}")
    country = Force.Country.ENGLAND


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalPolicingBody

    name = factory.Sequence(lambda n: f"Police and Crime Commissioner for Testshire {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}-pcc")
    kind = LocalPolicingBody.Kind.PCC
    force = factory.SubFactory(ForceFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    body = factory.SubFactory(BodyFactory)
    role = Membership.Role.DRAFTER


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionReport

    title = factory.Sequence(lambda n: f"An inspection of something important, part {n}")
    slug = factory.Sequence(lambda n: f"inspection-report-{n}")
    report_type = InspectionReport.ReportType.NATIONAL_THEMATIC
    published_on = datetime.date(2024, 3, 1)
    concerns_all_forces = True


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    report = factory.SubFactory(ReportFactory)
    kind = Finding.Kind.RECOMMENDATION
    order = factory.Sequence(lambda n: n + 1)
    reference = factory.LazyAttribute(lambda finding: f"Recommendation {finding.order}")
    text = factory.Sequence(lambda n: f"Chief constables should make improvement number {n} to the way they work.")


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response
        skip_postgeneration_save = True

    report = factory.SubFactory(ReportFactory)
    body = factory.SubFactory(BodyFactory)
    status = Response.Status.DRAFT
    introduction = "We welcome this report.\n\nIt matters to the people we serve."

    @factory.post_generation
    def published(response, create, extracted, **kwargs):
        """ResponseFactory(published=True) publishes it (with whatever items it has by then)."""
        if create and extracted:
            publish(response)


class ResponseItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponseItem

    response = factory.SubFactory(ResponseFactory)
    finding = factory.SubFactory(FindingFactory, report=factory.SelfAttribute("..response.report"))
    comment = factory.Sequence(
        lambda n: f"Our comment number {n}: the force has agreed a plan and we will scrutinise it."
    )
    position = ResponseItem.Position.ACTION_PROPOSED


# The tracker acting for a test's set-up: it may take no action through the rules.
FIXTURE = SystemActor("test fixture", frozenset())


def publish(response, when=None):
    """Publish the working copy as it stands, through the same code path as the workflow.

    `when` (a timezone-aware datetime) sets the clock, since publication is stamped with now.
    """
    from responses import workflow

    clock = time_machine.travel(when, tick=False) if when else contextlib.nullcontext()
    with clock:
        revision = workflow.write_revision(response, FIXTURE)
        workflow._publish(response, revision, FIXTURE, statutory_copy=False)
    response.refresh_from_db()
    return response


def publish_without_signature_key(response):
    """Publish `response` with a snapshot as written before snapshots carried the "signature" key,
    as versions published then are stored (published versions are never rewritten)."""
    from responses import snapshot

    def older(response):
        taken = snapshot.take_snapshot(response)
        del taken["signature"]
        return taken

    with mock.patch("responses.workflow.take_snapshot", older):
        return publish(response)


def response_with_findings(n_findings, published=False, **response_kwargs):
    """A response with one complete item, with a distinct comment, for each of n findings of its report."""
    response = ResponseFactory(**response_kwargs)
    for _ in range(n_findings):
        ResponseItemFactory(response=response)
    if published:
        publish(response)
    return response


def with_unpublished_amendment(body, drafter, marker):
    """A published response whose amendment, saved but not published, holds `marker` everywhere:
    the public side must show the published words and never the marker."""
    from responses import workflow

    response = response_with_findings(2, published=True, body=body, introduction="The words we published.")
    workflow.amend(response, drafter)
    response.refresh_from_db()
    pending = {item.finding_id: (f"Amended {marker}", "no-action") for item in response.items.all()}
    fields = {"introduction": f"Amended {marker}", "change_note": f"Note {marker}", "change_is_major": True}
    workflow.save(response, drafter, response.edit_count, fields, pending)
    return response


def with_secret_text(draft, marker):
    """`draft` with `marker` in its introduction and every comment (never to be seen in public)."""
    draft.introduction = f"Draft {marker}"
    draft.save()
    draft.items.update(comment=f"Draft comment {marker}")
    return draft
