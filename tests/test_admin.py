"""The Django admin manages every model, with search and filters."""

import pytest
from django.contrib import admin
from django.urls import reverse

from django.apps import apps

from tests.factories import MembershipFactory, ResponseItemFactory, UserFactory

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


def test_the_public_cannot_reach_the_admin(client):
    reply = client.get(reverse("admin:tracker_inspectionreport_changelist"))
    assert reply.status_code == 302
