import pytest

from tests.factories import BodyFactory, MembershipFactory, UserFactory
from tracker.models import Membership


@pytest.fixture
def body(db):
    return BodyFactory()


@pytest.fixture
def other_body(db):
    return BodyFactory()


@pytest.fixture
def drafter(body):
    """Staff of `body`."""
    user = UserFactory(username="drafter")
    MembershipFactory(user=user, body=body, role=Membership.Role.DRAFTER)
    return user


@pytest.fixture
def outsider(other_body):
    """Staff of another body."""
    user = UserFactory(username="outsider")
    MembershipFactory(user=user, body=other_body, role=Membership.Role.PUBLISHER)
    return user


@pytest.fixture
def reviewer(body):
    user = UserFactory(username="reviewer")
    MembershipFactory(user=user, body=body, role=Membership.Role.REVIEWER)
    return user


@pytest.fixture
def publisher(body):
    user = UserFactory(username="publisher")
    MembershipFactory(user=user, body=body, role=Membership.Role.PUBLISHER)
    return user


@pytest.fixture
def site_admin(db):
    """A superuser with no role in any body: reads everything, changes nothing."""
    return UserFactory(username="site-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def draft(body, drafter):
    """A draft of `body`, started by the drafter, every finding answered (ready to submit)."""
    from responses import workflow
    from tests.factories import FindingFactory, ReportFactory

    report = ReportFactory()
    for _ in range(3):
        FindingFactory(report=report)
    response = workflow.start(report, body, drafter)
    for item in response.items.all():
        item.comment = f"We will act on {item.finding.reference}."
        item.position = "action-proposed"
        item.save()
    workflow.write_revision(response, drafter)
    return response


@pytest.fixture
def reference_data(transactional_db):
    """The forces, bodies and addressees that migrations load. A transactional test (any test with
    a live server) empties every table when it ends, and Django's serialized rollback cannot put
    them back here (the flush re-creates content types, which then clash), so load them again."""
    import importlib

    from django.apps import apps

    from tracker.models import Force

    if not Force.objects.exists():
        for migration in ("0002_forces_and_bodies", "0005_body_history"):
            importlib.import_module(f"tracker.migrations.{migration}").load(apps, None)


@pytest.fixture
def fast_pdf(monkeypatch, settings, tmp_path):
    """Publishing without laying out a real PDF, for tests that publish dozens of responses. The
    stand-ins are stored apart, where no test that reads every stored PDF will find them."""
    from responses import workflow

    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(workflow, "render_pdf", lambda snapshot, **dates: b"%PDF-1.4 stand-in")
