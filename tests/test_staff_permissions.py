"""Every staff URL × {anonymous, staff of another body, drafter, reviewer, publisher, site admin}."""

import pytest

from responses import workflow
from tests.factories import FindingFactory, ReportFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "drafter", "reviewer", "publisher", "site_admin"]
LOGIN = 302  # anonymous users are sent to sign in


def _edit_data(response):
    data = {"base_edit_count": response.edit_count, "introduction": "Revised introduction."}
    for item in response.items.all():
        data[f"item-{item.finding_id}-comment"] = "Updated comment."
        data[f"item-{item.finding_id}-position"] = "action-taken"
    return data


# (name, method, url builder, data builder, expected status per persona)
MATRIX = [
    ("dashboard", "get", lambda r: "/staff/", None, [LOGIN, 200, 200, 200, 200, 200]),
    ("account", "get", lambda r: "/staff/account/", None, [LOGIN, 200, 200, 200, 200, 200]),
    ("response page", "get", lambda r: f"/staff/responses/{r.pk}/", None, [LOGIN, 404, 200, 200, 200, 200]),
    ("editor", "get", lambda r: f"/staff/responses/{r.pk}/edit/", None, [LOGIN, 404, 200, 403, 200, 403]),
    ("save", "post", lambda r: f"/staff/responses/{r.pk}/edit/", _edit_data, [LOGIN, 404, 302, 403, 302, 403]),
    ("preview", "get", lambda r: f"/staff/responses/{r.pk}/preview/", None, [LOGIN, 404, 200, 200, 200, 200]),
    ("preview pdf", "get", lambda r: f"/staff/responses/{r.pk}/preview/pdf/", None, [LOGIN, 404, 200, 200, 200, 200]),
    ("compare", "get", lambda r: f"/staff/responses/{r.pk}/compare/", None, [LOGIN, 404, 200, 200, 200, 200]),
    (
        "remark",
        "post",
        lambda r: f"/staff/responses/{r.pk}/remarks/",
        lambda r: {"remark-text": "Check para 2."},
        [LOGIN, 404, 302, 302, 302, 403],
    ),
    ("submit", "post", lambda r: f"/staff/responses/{r.pk}/actions/submit/", None, [LOGIN, 404, 302, 403, 302, 403]),
    (
        "start",
        "post",
        lambda r: f"/staff/reports/{r.extra_report.slug}/start/{r.body.slug}/",
        None,
        [LOGIN, 404, 302, 403, 302, 404],
    ),
]


@pytest.fixture
def people(outsider, drafter, reviewer, publisher, site_admin):
    return {
        "anonymous": None,
        "outsider": outsider,
        "drafter": drafter,
        "reviewer": reviewer,
        "publisher": publisher,
        "site_admin": site_admin,
    }


@pytest.mark.parametrize("persona_index,persona", list(enumerate(PERSONAS)))
@pytest.mark.parametrize("name,method,url,data,expected", MATRIX, ids=[row[0] for row in MATRIX])
def test_staff_url_permissions(client, people, draft, persona_index, persona, name, method, url, data, expected):
    draft.extra_report = ReportFactory()
    FindingFactory(report=draft.extra_report)
    user = people[persona]
    if user is not None:
        client.force_login(user)
    payload = data(draft) if data else {}
    reply = getattr(client, method)(url(draft), payload)
    assert reply.status_code == expected[persona_index], f"{name} as {persona}"
    if reply.status_code == LOGIN and persona == "anonymous":
        assert reply["Location"].startswith("/staff/sign-in/")


@pytest.mark.parametrize("action", list(workflow.TRANSITIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_transition_url_answers_get_with_405(client, people, draft, action, persona):
    if people[persona] is not None:
        client.force_login(people[persona])
    assert client.get(f"/staff/responses/{draft.pk}/actions/{action}/").status_code == 405


def test_an_unknown_action_is_not_found(client, drafter, draft):
    client.force_login(drafter)
    assert client.post(f"/staff/responses/{draft.pk}/actions/delete/").status_code == 404


def test_an_unknown_response_is_not_found(client, drafter):
    client.force_login(drafter)
    assert client.get("/staff/responses/999999/").status_code == 404


def test_read_only_staff_see_no_edit_button(client, reviewer, draft):
    client.force_login(reviewer)
    html = client.get(draft.get_staff_url()).content.decode()
    assert f"/staff/responses/{draft.pk}/edit/" not in html
