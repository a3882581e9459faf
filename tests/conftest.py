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
