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
