"""The Django admin manages every model, with search and filters."""

import pytest
from django.contrib import admin
from django.urls import reverse

from django.apps import apps

from responses.models import Remark
from tests.factories import MembershipFactory, ResponseFactory, ResponseItemFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="site-admin", is_staff=True, is_superuser=True))
    return client


MODELS = ["force", "localpolicingbody", "membership", "inspectionreport", "finding", "addressee", "response", "responseitem"]


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


RECORDS = ["revision", "publishedversion", "responseevent", "remark"]


@pytest.mark.parametrize("model_name", RECORDS)
def test_permanent_records_are_listed_but_cannot_be_changed(admin_client, model_name):
    response = ResponseFactory(published=True)
    Remark.objects.create(response=response, author=None, text="Internal.")
    assert admin_client.get(reverse(f"admin:responses_{model_name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:responses_{model_name}_add")).status_code == 403


def test_roles_are_managed_on_the_user_page(admin_client):
    membership = MembershipFactory()
    html = admin_client.get(reverse("admin:auth_user_change", args=[membership.user.pk])).content.decode()
    assert "roles in local policing bodies" in html.lower()


def test_the_public_cannot_reach_the_admin(client):
    reply = client.get(reverse("admin:tracker_inspectionreport_changelist"))
    assert reply.status_code == 302
