"""`manage.py generate_bench_data`: a realistic national data set, indistinguishable from published data.

The set is generated once (scale 0.01, about 1,500 comments) for the tests in TestTheGeneratedSet
and rolled back after them; the other tests start from an empty database.
"""

import random
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from public import statistics
from public.bench_data import Generator, Writer, sizes, year_span
from public.findings import finding_url
from responses.models import PublishedVersion, Response, ResponseEvent, ResponseItem, StatutoryCopy
from responses.snapshot import render_html, sha256, take_snapshot
from responses.workflow import _dates
from tests.factories import ReportFactory
from tracker.coverage import expected_bodies
from tracker.models import Finding, InspectionReport, LocalPolicingBody
from tracker.vocabulary import KINDS_NEEDING_POSITION, FindingKind, Position

SCALE = 0.01
COMMENTS_AT_SCALE_1 = 150_000


def _generate(*args):
    out = StringIO()
    call_command("generate_bench_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def generated(django_db_setup, django_db_blocker, tmp_path_factory):
    """One generated set for the class's tests (each runs in a savepoint inside it), then rolled back.
    Its placeholder PDF is stored apart, where no test that reads every stored PDF will find it."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("bench-media")))
    with media, django_db_blocker.unblock(), transaction.atomic():
        yield _generate("--scale", str(SCALE), "--seed", "7")
        transaction.set_rollback(True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.mark.django_db
@pytest.mark.usefixtures("generated")
class TestTheGeneratedSet:
    def test_it_prints_the_totals_and_the_time(self, generated):
        for line in ("reports: ", "findings: ", "responses: ", "comments: ", "seconds: "):
            assert f"\n  {line}" in generated
        assert f"comments: {ResponseItem.objects.count():,}\n" in generated

    def test_each_of_the_ten_years_has_national_and_force_reports(self):
        today = timezone.localdate()
        for back in range(10):
            first, last = year_span(today, back)
            in_year = InspectionReport.objects.filter(published_on__range=(first, last))
            assert in_year.filter(concerns_all_forces=True).exists(), back
            assert in_year.filter(concerns_all_forces=False, forces__isnull=False).exists(), back
        assert not InspectionReport.objects.filter(published_on__gt=today).exists()

    def test_findings_of_every_kind_with_recommendations_made_under_causes_of_concern(self):
        assert set(Finding.objects.values_list("kind", flat=True)) == set(FindingKind.values)
        made_under = Finding.objects.filter(cause_of_concern__isnull=False).select_related("cause_of_concern")
        assert made_under.exists()
        for finding in made_under:
            finding.clean()

    def test_responses_are_by_the_bodies_that_owe_them_published_while_in_office(self):
        bodies = list(LocalPolicingBody.objects.order_by("name"))
        reports = InspectionReport.objects.prefetch_related("forces", "force_reports__forces")
        owed = {report.pk: {body.pk for body in expected_bodies(report, bodies)} for report in reports}
        responses = list(Response.objects.select_related("body"))
        assert len({response.body_id for response in responses}) >= 43
        for response in responses:
            assert response.body_id in owed[response.report_id]
            body, day = response.body, timezone.localdate(response.published_at)
            assert (body.started_on or day) <= day <= (body.ended_on or day)
            assert response.published_body_name == body.name

    def test_every_finding_is_answered_with_40_to_120_words_and_a_position_where_one_is_needed(self):
        items = ResponseItem.objects.select_related("finding", "response")
        findings = Counter(Finding.objects.values_list("report_id", flat=True))
        per_response = Counter(item.response_id for item in items)
        for response in Response.objects.all():
            assert per_response[response.pk] == findings[response.report_id]
        for item in items:
            assert 40 <= len(item.comment.split()) <= 120
            if item.finding.kind in KINDS_NEEDING_POSITION:
                assert item.position

    def test_the_comments_are_about_150000_times_the_scale(self):
        assert 0.6 * COMMENTS_AT_SCALE_1 * SCALE <= ResponseItem.objects.count() <= 1.4 * COMMENTS_AT_SCALE_1 * SCALE

    def test_the_plan_keeps_the_comments_near_150000_times_the_scale(self):
        for scale in (1, 0.3, 0.1, 0.01):
            planned = sizes(scale)
            # Every national report is answered by the 43 bodies; a force report by one.
            comments = 43 * planned.national_reports * planned.national_findings
            comments += planned.force_reports * planned.force_findings
            assert 0.8 <= comments / (COMMENTS_AT_SCALE_1 * scale) <= 1.2, scale

    def test_some_are_late_amended_withdrawn_imported_or_missing(self):
        published = list(Response.objects.published().select_related("report"))
        assert any(response.days_late for response in published)
        assert any(response.days_late == 0 for response in published)
        assert PublishedVersion.objects.filter(number=2).exists()
        assert Response.objects.filter(status=Response.Status.WITHDRAWN, withdrawal_reason__gt="").exists()
        assert Response.objects.filter(is_imported=True, publication_date_known=True).exists()
        assert Response.objects.filter(is_imported=True, publication_date_known=False).exists()
        states = Counter(entry.state for entry in statistics.statistics_rows())
        assert states[statistics.OVERDUE] > 0
        assert states[statistics.LATE] == sum(1 for response in published if response.published_on_time is False)

    def test_every_version_is_what_publication_would_have_stored(self):
        published = Response.objects.published().select_related("report", "body", "current_version").order_by("pk")
        # A sample (rendering each costs time), with every amended, imported or withdrawn response.
        sample = [
            response
            for index, response in enumerate(published)
            if index % 8 == 0 or response.is_imported or response.is_withdrawn or response.current_version.number > 1
        ]
        for response in sample:
            versions = list(response.versions.order_by("number"))
            assert response.current_version == versions[-1]
            assert response.status in (Response.Status.PUBLISHED, Response.Status.WITHDRAWN)
            if len(versions) == 1:
                # Only a single version's snapshot is the working copy: publishing an amendment clears its note.
                assert versions[0].snapshot == take_snapshot(response)
            first_published_at = response.published_at
            for version in versions:
                assert version.revision.snapshot == version.snapshot
                assert version.html_sha256 == sha256(version.html)
                # Rendered with the dates the workflow gives, from the response as it was before that publication.
                response.published_at = first_published_at if version.number > 1 else None
                dates = _dates(response, version.published_at, response.publication_date_known)
                assert version.html == render_html(version.snapshot, **dates)

    def test_the_shared_pdf_is_stored_once_and_matches_its_hash(self):
        names = set(PublishedVersion.objects.values_list("pdf", "pdf_sha256"))
        assert len(names) == 1
        ((name, digest),) = names
        with default_storage.open(name, "rb") as pdf:
            assert sha256(pdf.read()) == digest

    def test_no_statutory_copy_is_left_to_send(self):
        assert StatutoryCopy.objects.exists()
        out = StringIO()
        call_command("send_statutory_copies", stdout=out)
        assert "Sent 0 statutory copies." in out.getvalue()

    def test_every_transition_is_recorded(self):
        for response in Response.objects.all():
            actions = list(response.events.order_by("created_at", "pk").values_list("action", flat=True))
            assert actions[0] in ("start", "import")
            assert actions.count("publish") + actions.count("import") == response.versions.count()
        assert set(ResponseEvent.objects.values_list("system_actor", flat=True)) == {"benchmark data"}

    def test_the_public_pages_show_them(self, client):
        amended = PublishedVersion.objects.filter(number=2).select_related("response__report", "response__body").first()
        response = amended.response
        report = response.report
        finding = report.findings.first()
        pages = [
            reverse("public:home"),
            reverse("public:report_list"),
            report.get_absolute_url(),
            finding_url(finding),
            reverse("public:body_list"),
            reverse("public:body", kwargs={"body_slug": response.body.slug}),
            response.get_absolute_url(),
            amended.get_absolute_url(),
            PublishedVersion.objects.get(response=response, number=1).get_absolute_url(),
            reverse("public:compare_versions", kwargs={"report_slug": report.slug, "body_slug": response.body.slug}),
            reverse("public:statistics"),
            reverse("public:responses_csv"),
            reverse("public:findings_csv"),
            reverse("public:responses_feed"),
        ]
        for url in pages:
            assert client.get(url).status_code == 200, url
        page = client.get(response.get_absolute_url()).content.decode()
        assert escape(response.items.first().comment.split("\n")[0]) in page
        pdf = client.get(response.get_pdf_url())
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"

    def test_search_finds_a_generated_phrase(self, client):
        comments = ResponseItem.objects.filter(comment__contains="domestic abuse").count()
        assert comments
        reply = client.get("/search/", {"q": '"domestic abuse"'})
        assert reply.status_code == 200
        found = re.search(r'id="results">([\d,]+) results?<', reply.content.decode())
        assert int(found.group(1).replace(",", "")) >= comments

    def test_the_api_lists_them(self, client):
        responses = client.get("/api/v1/responses/").json()
        assert responses["count"] == Response.objects.published().count()
        reports = client.get("/api/v1/reports/").json()
        assert reports["count"] == InspectionReport.objects.count()
        first = responses["results"][0]
        detail = client.get(first["api_url"])
        assert detail.status_code == 200
        assert detail.json()["items"]


def _signature():
    """The generated set, without database ids (which differ between runs)."""
    reports = list(InspectionReport.objects.order_by("slug").values_list("slug", "title", "published_on", "summary"))
    findings = list(Finding.objects.order_by("report__slug", "order").values_list("report__slug", "reference", "text"))
    responses = list(
        Response.objects.order_by("report__slug", "body__slug").values_list(
            "report__slug", "body__slug", "status", "published_at", "introduction", "is_imported"
        )
    )
    items = list(
        ResponseItem.objects.order_by("response__report__slug", "response__body__slug", "finding__order").values_list(
            "comment", "position"
        )
    )
    versions = list(
        PublishedVersion.objects.order_by("response__report__slug", "response__body__slug", "number").values_list(
            "number", "published_at", "change_note"
        )
    )
    return reports, findings, responses, items, versions


def _generated_then_rolled_back(scale, seed):
    """The command's data (without its search index, which is built from it), then rolled back."""
    with transaction.atomic():
        Generator(scale=scale, seed=seed).run()
        signature = _signature()
        transaction.set_rollback(True)
    return signature


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_the_same_seed_gives_the_same_data():
    first = _generated_then_rolled_back(0.002, seed=3)
    assert all(first)
    assert _generated_then_rolled_back(0.002, seed=3) == first


def test_another_seed_gives_other_words():
    given = {"body": "the Commissioner", "force": "the force", "topic": "custody", "victims": "detained people"}
    given.update(deadline="May 2030", past_month="May 2029", kind_word="recommendation", addressee="others")

    def comments(seed):
        writer = Writer(random.Random(seed))
        return [writer.comment(Position.ACTION_TAKEN, given) for _ in range(5)]

    assert comments(3) == comments(3)
    assert comments(3) != comments(4)


def _counts():
    models = (InspectionReport, Finding, Response, ResponseItem, PublishedVersion, ResponseEvent, StatutoryCopy)
    return [model.objects.count() for model in models]


@pytest.mark.django_db
def test_it_refuses_a_database_that_holds_reports_and_writes_nothing():
    ReportFactory(title="A real report")
    before = _counts()
    with pytest.raises(CommandError, match="already holds 1 report: the generated data would be mixed with it"):
        _generate("--scale", "0.002")
    assert _counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("scale", ["0", "-1", "11"])
def test_it_refuses_a_scale_out_of_range(scale):
    with pytest.raises(CommandError, match="--scale"):
        _generate("--scale", scale)
    assert _counts() == [0] * 7
