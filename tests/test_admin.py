"""The Django admin manages the domain, and cannot bend the statutory record.

Responses, their items and their history are read here, never changed: every change goes through
the staff area, where it is checked and recorded. Site admins tick off imported quotations.
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from responses.models import (
    PublishedVersion,
    Quotation,
    Remark,
    ReminderSent,
    Response,
    ResponseEvent,
    ResponseItem,
    Revision,
    StatutoryCopy,
)
from tests.factories import MembershipFactory, ResponseFactory, ResponseItemFactory, UserFactory, response_with_findings

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="site-admin", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def published():
    """A published response with the history every real response has: revisions, a version, an
    event, a remark, a statutory copy; and a quotation an import kept."""
    response = response_with_findings(2, published=True)
    author = UserFactory(username="drafter")
    ResponseEvent.objects.create(
        response=response, action="publish", from_status="approved", to_status="published", actor=author
    )
    Remark.objects.create(response=response, author=author, text="Internal.")
    StatutoryCopy.objects.create(
        version=response.current_version, recipients=["reports@hmicfrs.example"], backend="locmem"
    )
    ReminderSent.objects.create(report=response.report, body=response.body, threshold=ReminderSent.Threshold.DAYS_7)
    Quotation.objects.create(
        response=response, reference="Recommendation 99", text="Forces should do more.", comment="We do."
    )
    return response


def rows():
    """Every row of every model, to show that a refused request changed nothing at all."""
    return {model._meta.label: list(model._base_manager.order_by("pk").values()) for model in apps.get_models()}


MODELS = [
    "force",
    "localpolicingbody",
    "membership",
    "inspectionreport",
    "finding",
    "addressee",
    "response",
    "responseitem",
]


def test_every_domain_model_is_registered():
    registered = {model._meta.model_name for model in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize("model_name", MODELS)
def test_each_list_loads_with_a_search(admin_client, model_name):
    ResponseItemFactory()
    MembershipFactory()
    app = "responses" if model_name.startswith("response") else "tracker"
    url = reverse(f"admin:{app}_{model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Testshire"}).status_code == 200
    first = apps.get_model(app, model_name).objects.order_by("pk").first()
    assert admin_client.get(reverse(f"admin:{app}_{model_name}_change", args=[first.pk])).status_code == 200


REGISTERED = sorted(model._meta.label for model in admin.site._registry)


@pytest.mark.parametrize("label", REGISTERED)
def test_every_admin_page_loads_for_a_superuser(admin_client, published, label):
    MembershipFactory()
    Group.objects.create(name="Editors")
    # django-axes' records of failed sign-ins (the admin's sign-in, a force_login, logs a success).
    failure = {"username": "someone", "ip_address": "192.0.2.1", "user_agent": "test"}
    AccessAttempt.objects.create(**failure, failures_since_start=1)
    AccessFailureLog.objects.create(**failure)
    # A queued background task (django-tasks-db keeps them in the database); job 0 does not exist,
    # so a worker that picked it up would do nothing.
    from imports.tasks import parse_import_job

    parse_import_job.enqueue(0, 1)
    model = apps.get_model(label)
    info = (model._meta.app_label, model._meta.model_name)
    assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    first = model._base_manager.order_by("pk").first()
    assert first is not None, f"the fixture should make a {label} so its change page is crawled"
    assert admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[first.pk])).status_code == 200


# Responses and their items ------------------------------------------------------------------


def test_a_response_page_says_where_to_make_changes(admin_client, published):
    reply = admin_client.get(reverse("admin:responses_response_change", args=[published.pk]))
    assert reply.status_code == 200
    html = reply.content.decode()
    assert f'href="{published.get_staff_url()}"' in html
    assert "open this response in the staff area" in html


def test_a_response_page_offers_no_save(admin_client, published):
    html = admin_client.get(reverse("admin:responses_response_change", args=[published.pk])).content.decode()
    assert 'name="_save"' not in html
    assert 'name="introduction"' not in html


def _changed_response_form(response):
    """What the change form would post to unpublish the response, rewrite it and move its status."""
    item = response.items.first()
    return {
        "report": response.report_id,
        "body": response.body_id,
        "status": Response.Status.DRAFT,
        "introduction": "Rewritten in the admin.",
        "current_version": "",
        "approved_revision": "",
        "published_at_0": "",
        "published_at_1": "",
        "edit_count": response.edit_count,
        "publication_date_known": "on",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": item.pk,
        "items-0-response": response.pk,
        "items-0-finding": item.finding_id,
        "items-0-comment": "A comment nobody reviewed.",
        "items-0-position": "no-action",
        "quotations-TOTAL_FORMS": "0",
        "quotations-INITIAL_FORMS": "0",
        "quotations-MIN_NUM_FORMS": "0",
        "quotations-MAX_NUM_FORMS": "1000",
    }


def test_posting_a_changed_response_changes_nothing(admin_client, published):
    before = rows()
    reply = admin_client.post(
        reverse("admin:responses_response_change", args=[published.pk]), _changed_response_form(published)
    )
    assert reply.status_code == 403
    assert rows() == before
    published.refresh_from_db()
    assert published.status == Response.Status.PUBLISHED
    assert published.current_version is not None


def test_responses_cannot_be_added_in_the_admin(admin_client, published):
    before = rows()
    url = reverse("admin:responses_response_add")
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, _changed_response_form(published)).status_code == 403
    assert rows() == before


def test_a_response_with_history_cannot_be_deleted(admin_client, published):
    before = rows()
    url = reverse("admin:responses_response_delete", args=[published.pk])
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert rows() == before


def test_the_bulk_delete_action_refuses_a_response_with_history(admin_client, published):
    before = rows()
    admin_client.post(
        reverse("admin:responses_response_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert rows() == before


def test_a_response_with_no_history_can_still_be_deleted(admin_client):
    """The rule is about history: a bare row (made outside the workflow) is no record of anything."""
    response = ResponseFactory()
    assert admin_client.get(reverse("admin:responses_response_delete", args=[response.pk])).status_code == 200


def test_posting_a_changed_item_changes_nothing(admin_client, published):
    item = published.items.first()
    before = rows()
    reply = admin_client.post(
        reverse("admin:responses_responseitem_change", args=[item.pk]),
        {"response": published.pk, "finding": item.finding_id, "comment": "Changed.", "position": "no-action"},
    )
    assert reply.status_code == 403
    assert rows() == before


def test_items_cannot_be_added_or_deleted(admin_client, published):
    item = published.items.first()
    assert admin_client.get(reverse("admin:responses_responseitem_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:responses_responseitem_delete", args=[item.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert ResponseItem.objects.filter(pk=item.pk).exists()


# Permanent records --------------------------------------------------------------------------


RECORDS = [Revision, PublishedVersion, ResponseEvent, Remark, StatutoryCopy, ReminderSent]


@pytest.mark.parametrize("model", RECORDS, ids=lambda model: model.__name__)
def test_permanent_records_are_listed_but_cannot_be_added_changed_or_deleted(admin_client, published, model):
    row = model.objects.order_by("pk").first()
    name = model._meta.model_name
    before = rows()
    assert admin_client.get(reverse(f"admin:responses_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:responses_{name}_change", args=[row.pk])).status_code == 200
    assert admin_client.get(reverse(f"admin:responses_{name}_add")).status_code == 403
    assert admin_client.post(reverse(f"admin:responses_{name}_change", args=[row.pk]), {}).status_code == 403
    assert (
        admin_client.post(reverse(f"admin:responses_{name}_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    )
    assert rows() == before


@pytest.mark.parametrize("model", RECORDS, ids=lambda model: model.__name__)
def test_permanent_records_are_for_superusers_only(client, published, model):
    """Revisions hold other bodies' drafts: a staff account given view permissions still cannot read them."""
    user = UserFactory(username="helper", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(user)
    assert client.get(reverse(f"admin:responses_{model._meta.model_name}_changelist")).status_code == 403


# Quotations ---------------------------------------------------------------------------------


def test_quotations_are_listed_for_checking(admin_client, published):
    url = reverse("admin:responses_quotation_changelist")
    html = admin_client.get(url, {"checked_by_admin__exact": "0"}).content.decode()
    assert "Recommendation 99" in html
    assert "Forces should do more." in html
    assert "Recommendation 99" not in admin_client.get(url, {"checked_by_admin__exact": "1"}).content.decode()


def test_a_quotation_can_be_marked_checked_and_nothing_else(admin_client, published):
    quotation = published.quotations.get()
    reply = admin_client.post(
        reverse("admin:responses_quotation_change", args=[quotation.pk]),
        {
            "reference": "Recommendation 1",
            "text": "Rewritten.",
            "comment": "Rewritten.",
            "order": 5,
            "checked_by_admin": "on",
        },
    )
    assert reply.status_code == 302
    changed = Quotation.objects.get(pk=quotation.pk)
    assert changed.checked_by_admin is True
    assert (changed.reference, changed.text, changed.comment, changed.order, changed.response_id) == (
        "Recommendation 99",
        "Forces should do more.",
        "We do.",
        0,
        published.pk,
    )


def test_quotations_cannot_be_added_or_deleted(admin_client, published):
    quotation = published.quotations.get()
    assert admin_client.get(reverse("admin:responses_quotation_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:responses_quotation_delete", args=[quotation.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Quotation.objects.filter(pk=quotation.pk).exists()


# Users and access ---------------------------------------------------------------------------


def test_roles_are_managed_on_the_user_page(admin_client):
    membership = MembershipFactory()
    html = admin_client.get(reverse("admin:auth_user_change", args=[membership.user.pk])).content.decode()
    assert "roles in local policing bodies" in html.lower()


def test_the_public_cannot_reach_the_admin(client):
    reply = client.get(reverse("admin:tracker_inspectionreport_changelist"))
    assert reply.status_code == 302
