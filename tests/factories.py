"""factory_boy factories for the domain. Forces and bodies made here are extra to the 43 shipped."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

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

    report = factory.SubFactory(ReportFactory)
    body = factory.SubFactory(BodyFactory)
    status = Response.Status.DRAFT
    introduction = "We welcome this report.\n\nIt matters to the people we serve."

    class Params:
        published = factory.Trait(
            status=Response.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2024, 4, 2, 10, 0))),
        )


class ResponseItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponseItem

    response = factory.SubFactory(ResponseFactory)
    finding = factory.SubFactory(FindingFactory, report=factory.SelfAttribute("..response.report"))
    comment = factory.Sequence(lambda n: f"Our comment number {n}: the force has agreed a plan and we will scrutinise it.")
    position = ResponseItem.Position.ACTION_PROPOSED


def response_with_findings(n_findings, **response_kwargs):
    """A response with one item, with a distinct comment, for each of n findings of its report."""
    response = ResponseFactory(**response_kwargs)
    for _ in range(n_findings):
        ResponseItemFactory(response=response)
    return response
