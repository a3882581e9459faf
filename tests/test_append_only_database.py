"""The permanent record (revisions, published versions, events, statutory copies, remarks) cannot
be changed or deleted: not by the models, not by a bulk queryset, not by cascading from a response
or a user, and on PostgreSQL not even by raw SQL (triggers, migration responses/0005)."""

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from responses.models import (
    ImmutableRowError,
    PublishedVersion,
    Remark,
    ReminderSent,
    Response,
    ResponseEvent,
    Revision,
    StatutoryCopy,
)
from tests.factories import UserFactory, response_with_findings

pytestmark = pytest.mark.django_db

# connection.vendor is known from the configured backend, without connecting (collection time).
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only triggers are PostgreSQL-only; SQLite is the embedded development database",
)


@pytest.fixture
def author():
    return UserFactory(username="drafter")


@pytest.fixture
def published(author):
    """A published response with a row of every kind of permanent record."""
    response = response_with_findings(3, published=True)
    ResponseEvent.objects.create(
        response=response, action="publish", from_status="approved", to_status="published", actor=author
    )
    Remark.objects.create(response=response, author=UserFactory(username="reviewer"), text="Checked with the force.")
    StatutoryCopy.objects.create(
        version=response.current_version, recipients=["reports@hmicfrs.example"], backend="locmem"
    )
    ReminderSent.objects.create(report=response.report, body=response.body, threshold=ReminderSent.Threshold.DAYS_7)
    return response


def rows():
    """Every row of every model, to show that a refused change left every table as it was."""
    return {model._meta.label: list(model._base_manager.order_by("pk").values()) for model in apps.get_models()}


# Raw SQL on PostgreSQL ----------------------------------------------------------------------

# model, a column to tamper with, a value for it (as SQL sees it)
TAMPERING = [
    (PublishedVersion, "html", "<p>Not what was approved.</p>"),
    (ResponseEvent, "comment", "Not what happened."),
    (Revision, "snapshot", "{}"),
    (StatutoryCopy, "recipients", "[]"),
    (Remark, "text", "Not what was said."),
]


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@postgresql_only
@pytest.mark.parametrize("model, column, value", TAMPERING, ids=[model.__name__ for model, _, _ in TAMPERING])
def test_raw_sql_cannot_update_a_record(published, model, column, value):
    row = model.objects.order_by("pk").first()
    before = rows()
    with pytest.raises(IntegrityError, match="rows are a permanent record: they cannot be changed or deleted"):
        with transaction.atomic():
            _raw(f"UPDATE {model._meta.db_table} SET {column} = %s WHERE id = %s", [value, row.pk])
    assert rows() == before


@postgresql_only
@pytest.mark.parametrize("model", [model for model, _, _ in TAMPERING], ids=lambda model: model.__name__)
def test_raw_sql_cannot_delete_a_record(published, model):
    row = model.objects.order_by("pk").first()
    before = rows()
    with pytest.raises(IntegrityError, match="rows are a permanent record: they cannot be changed or deleted"):
        with transaction.atomic():
            _raw(f"DELETE FROM {model._meta.db_table} WHERE id = %s", [row.pk])
    assert model.objects.filter(pk=row.pk).exists()
    assert rows() == before


@postgresql_only
def test_raw_sql_can_still_add_to_the_record(published, author):
    """Append-only, not read-only: the workflow keeps writing new rows."""
    events = published.events.count()
    _raw(
        f"INSERT INTO {ResponseEvent._meta.db_table} (response_id, action, from_status, to_status, actor_id, "
        "system_actor, comment, created_at) VALUES (%s, 'remark', 'published', 'published', %s, '', '', now())",
        [published.pk, author.pk],
    )
    assert published.events.count() == events + 1


# Querysets, cascades and protection, on every database --------------------------------------

APPEND_ONLY = [Revision, PublishedVersion, StatutoryCopy, ResponseEvent, Remark, ReminderSent]


@pytest.mark.parametrize("model", APPEND_ONLY, ids=lambda model: model.__name__)
def test_a_bulk_update_is_refused(published, model):
    row = model.objects.order_by("pk").first()
    before = rows()
    with pytest.raises(ImmutableRowError):
        model.objects.filter(pk=row.pk).update(pk=row.pk)
    assert rows() == before


@pytest.mark.parametrize("model", APPEND_ONLY, ids=lambda model: model.__name__)
def test_a_bulk_delete_is_refused(published, model):
    before = rows()
    with pytest.raises(ImmutableRowError):
        model.objects.all().delete()
    assert rows() == before


def test_deleting_a_response_with_history_is_refused(published):
    before = rows()
    with pytest.raises(ProtectedError):
        published.delete()
    assert rows() == before


def test_deleting_responses_in_bulk_is_refused_when_they_have_history(published):
    before = rows()
    with pytest.raises(ProtectedError):
        Response.objects.filter(pk=published.pk).delete()
    assert rows() == before


def test_deleting_a_user_who_wrote_an_event_is_refused(published, author):
    before = rows()
    with pytest.raises(ProtectedError):
        author.delete()
    assert rows() == before
