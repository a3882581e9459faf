"""Invariants the database and the models guard."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from responses.models import Response, ResponseItem
from tests.factories import (
    FindingFactory,
    ResponseFactory,
    ResponseItemFactory,
    UserFactory,
)
from tracker.models import Finding

pytestmark = pytest.mark.django_db


def test_the_database_allows_one_response_per_report_and_body():
    response = ResponseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(report=response.report, body=response.body)
    assert Response.objects.count() == 1


def test_the_database_allows_one_item_per_finding_in_a_response():
    item = ResponseItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponseItem.objects.create(response=item.response, finding=item.finding, comment="again")


def test_a_published_response_must_have_a_publication_date():
    response = ResponseFactory(published=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.filter(pk=response.pk).update(published_at=None)


def test_a_reference_is_used_once_per_report():
    finding = FindingFactory(reference="Recommendation 1")
    with pytest.raises(IntegrityError), transaction.atomic():
        FindingFactory(report=finding.report, reference="Recommendation 1")


def test_only_a_recommendation_can_belong_to_a_cause_of_concern():
    concern = FindingFactory(kind=Finding.Kind.CAUSE_OF_CONCERN, reference="Cause of concern 1")
    afi = FindingFactory(report=concern.report, kind=Finding.Kind.AREA_FOR_IMPROVEMENT, reference="AFI 1")
    afi.cause_of_concern = concern
    with pytest.raises(ValidationError):
        afi.full_clean()


def test_a_recommendation_belongs_to_a_cause_of_concern_in_its_own_report():
    concern = FindingFactory(kind=Finding.Kind.CAUSE_OF_CONCERN, reference="Cause of concern 1")
    elsewhere = FindingFactory(reference="Recommendation 1")
    elsewhere.cause_of_concern = concern
    with pytest.raises(ValidationError):
        elsewhere.full_clean()
    same_report = FindingFactory(report=concern.report, reference="Recommendation 1")
    same_report.cause_of_concern = concern
    same_report.full_clean()


def test_a_response_keeps_the_body_name_it_was_published_under():
    response = ResponseFactory(published=True)
    published_name = response.body.name
    response.body.name = "Police and Crime Commissioner for Testshire and the Isles"
    response.body.save()
    response.refresh_from_db()
    assert response.body_name == published_name
    assert response.current_version.snapshot["body"]["name"] == published_name


def test_the_public_sees_only_published_responses(drafter, outsider, body):
    draft = ResponseFactory(body=body)
    published = ResponseFactory(body=body, published=True)
    assert list(Response.objects.for_user(AnonymousUser())) == [published]
    assert list(Response.objects.for_user(outsider)) == [published]
    assert set(Response.objects.for_user(drafter)) == {draft, published}


def test_a_superuser_sees_every_response():
    draft = ResponseFactory()
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    assert list(Response.objects.for_user(admin)) == [draft]
