"""The API's views: read-only lists and details, each at a fixed number of queries.

Every answer to GET carries an ETag (a hash of its bytes) and is answered 304 when the client's
If-None-Match matches; every answer carries `Access-Control-Allow-Origin: *`, since the data is
public. No authentication class runs, so no session is read and CSRF does not arise; only GET, HEAD
and OPTIONS are allowed (anything else is 405).
"""

import re

from django.db.models import Count, F, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, set_response_etag
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError

from public.api import serializers
from responses.models import Response
from tracker.models import Finding, Force, InspectionReport, LocalPolicingBody

_YEAR = re.compile(r"\d{4}")


class PublicReadOnly:
    """Mixed into every API view: GET/HEAD/OPTIONS, open CORS, ETags with 304."""

    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            set_response_etag(response)
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        if request.method == "OPTIONS":
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match"
        return response

    def query_param(self, name):
        return self.request.query_params.get(name, "").strip()

    def year_param(self):
        year = self.query_param("year")
        if year and not _YEAR.fullmatch(year):
            raise ValidationError({"year": "Enter a year as four digits, for example 2024."})
        return int(year) if year else None


def _query(name, description):
    return OpenApiParameter(name, str, OpenApiParameter.QUERY, description=description)


def _path(name, description):
    return OpenApiParameter(name, str, OpenApiParameter.PATH, description=description)


YEAR = OpenApiParameter("year", int, OpenApiParameter.QUERY, description="The year the report was published.")


def _succession(bodies):
    """Each body's (predecessor slug, successor slug) by pk, from one query for their forces' bodies.

    The same rule as tracker.coverage.predecessor_of and successor_of, applied in memory."""
    force_ids = {body.force_id for body in bodies}
    by_force = {}
    for other in LocalPolicingBody.objects.filter(force_id__in=force_ids).only(
        "pk", "slug", "force_id", "started_on", "ended_on"
    ):
        by_force.setdefault(other.force_id, []).append(other)
    succession = {}
    for body in bodies:
        others = by_force.get(body.force_id, [])
        before = [o for o in others if body.started_on and o.ended_on and o.ended_on < body.started_on]
        after = [o for o in others if body.ended_on and o.started_on and o.started_on > body.ended_on]
        predecessor = max(before, key=lambda o: (o.ended_on, o.pk), default=None)
        successor = min(after, key=lambda o: (o.started_on, o.pk), default=None)
        succession[body.pk] = (predecessor and predecessor.slug, successor and successor.slug)
    return succession


@extend_schema(
    summary="Local policing bodies, current and former",
    parameters=[_query("force", "A force's slug: its bodies only.")],
)
class BodyList(PublicReadOnly, generics.ListAPIView):
    """Every local policing body, current and former, by force, with its predecessor and successor."""

    serializer_class = serializers.BodySerializer

    def get_queryset(self):
        bodies = LocalPolicingBody.objects.select_related("force").order_by(
            "force__name", F("started_on").asc(nulls_first=True), "pk"
        )
        if force := self.query_param("force"):
            bodies = bodies.filter(force__slug=force)
        return bodies

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), "succession": _succession(page)}
        data = self.serializer_class(page, many=True, context=context).data
        return self.get_paginated_response(data)


def _reports():
    return (
        InspectionReport.objects.annotate(findings_count=Count("findings"))
        .prefetch_related(Prefetch("forces", queryset=Force.objects.only("slug", "name")))
        .order_by("-published_on", "slug")
    )


@extend_schema(
    summary="Inspection reports, newest first",
    parameters=[
        YEAR,
        _query("type", "A report type code, for example peel or national-thematic."),
        _query("force", "A force's slug: reports concerning that force (national reports included)."),
    ],
)
class ReportList(PublicReadOnly, generics.ListAPIView):
    """Inspection reports, newest first, with their due date and number of findings."""

    serializer_class = serializers.ReportSerializer

    def get_queryset(self):
        reports = _reports()
        if year := self.year_param():
            reports = reports.filter(published_on__year=year)
        if report_type := self.query_param("type"):
            reports = reports.filter(report_type=report_type)
        if force := self.query_param("force"):
            concerning = InspectionReport.objects.filter(forces__slug=force).values("pk")
            reports = reports.filter(Q(pk__in=concerning) | Q(concerns_all_forces=True))
        return reports


def _findings():
    return (
        Finding.objects.select_related("report")
        .prefetch_related("addressees", "addressed_forces")
        .order_by("report__published_on", "report__slug", "order", "pk")
    )


@extend_schema(summary="One report, with its findings", parameters=[_path("report_slug", "The report's slug.")])
class ReportDetail(PublicReadOnly, generics.RetrieveAPIView):
    """One inspection report, with its summary and findings in report order."""

    serializer_class = serializers.ReportDetailSerializer
    pagination_class = None

    def get_object(self):
        reports = _reports().prefetch_related(Prefetch("findings", queryset=_findings()))
        return get_object_or_404(reports, slug=self.kwargs["report_slug"])


@extend_schema(
    summary="Findings of every report",
    parameters=[
        _query("report", "A report's slug: its findings only."),
        YEAR,
        _query("kind", "recommendation, area-for-improvement, cause-of-concern or accelerated-cause-of-concern."),
    ],
)
class FindingList(PublicReadOnly, generics.ListAPIView):
    """Findings of every report, in report order."""

    serializer_class = serializers.FindingSerializer

    def get_queryset(self):
        findings = _findings()
        if report := self.query_param("report"):
            findings = findings.filter(report__slug=report)
        if year := self.year_param():
            findings = findings.filter(report__published_on__year=year)
        if kind := self.query_param("kind"):
            findings = findings.filter(kind=kind)
        return findings


def _published_responses(with_text=False):
    responses = Response.objects.published().select_related("report", "body", "current_version")
    if not with_text:
        # The list shows no text: leave the snapshot and the stored HTML in the database.
        responses = responses.defer("current_version__snapshot", "current_version__html")
    else:
        responses = responses.defer("current_version__html")
    return responses.order_by("report__published_on", "report__slug", "body__slug")


@extend_schema(
    summary="Published responses",
    parameters=[
        _query("report", "A report's slug: the responses to it."),
        _query("body", "A local policing body's slug: its responses."),
        YEAR,
    ],
)
class ResponseList(PublicReadOnly, generics.ListAPIView):
    """Published responses (withdrawn ones included, marked): when published and whether on time."""

    serializer_class = serializers.ResponseSerializer

    def get_queryset(self):
        responses = _published_responses()
        if report := self.query_param("report"):
            responses = responses.filter(report__slug=report)
        if body := self.query_param("body"):
            responses = responses.filter(body__slug=body)
        if year := self.year_param():
            responses = responses.filter(report__published_on__year=year)
        return responses


@extend_schema(
    summary="One published response, with its items, as the version now published",
    parameters=[_path("report_slug", "The report's slug."), _path("body_slug", "The body's slug.")],
)
class ResponseDetail(PublicReadOnly, generics.RetrieveAPIView):
    """One published response, as the version now published: its text and its answer to each finding."""

    serializer_class = serializers.ResponseDetailSerializer
    pagination_class = None

    def get_object(self):
        return get_object_or_404(
            _published_responses(with_text=True),
            report__slug=self.kwargs["report_slug"],
            body__slug=self.kwargs["body_slug"],
        )


def api_page(request):
    """The human page: what the API offers, with examples."""
    return render(request, "public/api.html")
