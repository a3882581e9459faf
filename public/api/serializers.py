"""What each API resource looks like. Published responses come from their published snapshot only."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from public.findings import finding_slug, finding_url


def _absolute(request, path):
    return request.build_absolute_uri(path)


class ForceSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class BodySerializer(serializers.Serializer):
    """A local policing body. Predecessor and successor come from the view's context (one query a page)."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()
    force = serializers.SlugField(source="force.slug")
    force_name = serializers.CharField(source="force.name")
    started_on = serializers.DateField(allow_null=True, help_text="Null if in office since before our records.")
    ended_on = serializers.DateField(allow_null=True, help_text="Its last day in office; null while in office.")
    predecessor = serializers.SerializerMethodField(
        help_text="The body that held the role before, by slug; null if none."
    )
    successor = serializers.SerializerMethodField(help_text="The body that took the role over, by slug; null if none.")
    url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_predecessor(self, body):
        return self.context["succession"].get(body.pk, (None, None))[0]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_successor(self, body):
        return self.context["succession"].get(body.pk, (None, None))[1]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, body):
        return _absolute(self.context["request"], f"/bodies/{body.slug}/")


class FindingSerializer(serializers.Serializer):
    report = serializers.SlugField(source="report.slug", help_text="The report's slug.")
    slug = serializers.SerializerMethodField(help_text="The finding's part of its address.")
    reference = serializers.CharField(help_text='As printed, for example "Recommendation 3".')
    kind = serializers.CharField()
    text = serializers.CharField()
    addressees = serializers.SerializerMethodField()
    deadline_on = serializers.DateField(allow_null=True, help_text="A deadline the finding itself names.")
    deadline_text = serializers.CharField(help_text='A deadline as worded, for example "With immediate effect".')
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_slug(self, finding):
        return finding_slug(finding.reference, finding.pk)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_addressees(self, finding):
        return [a.name for a in finding.addressees.all()] + [f.name for f in finding.addressed_forces.all()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, finding):
        return _absolute(self.context["request"], finding_url(finding, report_slug=finding.report.slug))


class ReportSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    type = serializers.CharField(source="report_type")
    published_on = serializers.DateField(help_text="The original publication date: the 56-day clock starts here.")
    due_on = serializers.DateField(source="responses_due_on", help_text="The last day for responses (s.55(5A)).")
    concerns_all_forces = serializers.BooleanField()
    forces = ForceSerializer(many=True)
    source_url = serializers.CharField(help_text="Where HMICFRS published the report (may be empty).")
    url = serializers.SerializerMethodField()
    findings_count = serializers.IntegerField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, report):
        return _absolute(self.context["request"], report.get_absolute_url())


class ReportFindingSerializer(FindingSerializer):
    report = None


class ReportDetailSerializer(ReportSerializer):
    summary = serializers.CharField()
    findings = ReportFindingSerializer(many=True)


class ResponseSerializer(serializers.Serializer):
    """A published response's facts; `items` are in the detail."""

    report = serializers.SlugField(source="report.slug")
    body = serializers.SlugField(source="body.slug")
    body_name = serializers.CharField(help_text="The body's name as published.")
    published_on = serializers.DateField(allow_null=True, help_text="First published; null if not known.")
    due_on = serializers.DateField()
    on_time = serializers.BooleanField(
        source="published_on_time", allow_null=True, help_text="Null when the date is not known."
    )
    days_late = serializers.IntegerField(allow_null=True, help_text="0 if on time; null when the date is not known.")
    imported = serializers.BooleanField(source="is_imported", help_text="First published elsewhere, recorded here.")
    withdrawn = serializers.BooleanField(source="is_withdrawn")
    version = serializers.IntegerField(source="current_version.number", help_text="The version now published.")
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, response):
        return _absolute(self.context["request"], response.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf_url(self, response):
        return _absolute(self.context["request"], response.get_pdf_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, response):
        path = f"/api/v1/responses/{response.report.slug}/{response.body.slug}/"
        return _absolute(self.context["request"], path)


class ResponseItemSerializer(serializers.Serializer):
    finding_reference = serializers.CharField(source="reference")
    finding_kind = serializers.CharField(source="kind")
    position = serializers.CharField(help_text="action-taken, action-proposed, no-action, or empty.")
    comment = serializers.CharField()


class QuotationSerializer(serializers.Serializer):
    finding_reference = serializers.CharField(source="reference", help_text="As the response printed it.")
    quoted_text = serializers.CharField(source="text", help_text="The finding as the response quoted it.")
    position = serializers.CharField(help_text="action-taken, action-proposed, no-action, or empty.")
    comment = serializers.CharField()


class ResponseDetailSerializer(ResponseSerializer):
    """The facts, then the published text: everything read from the live published version's snapshot."""

    introduction = serializers.CharField(source="current_version.snapshot.introduction")
    chief_officer_comments = serializers.CharField(source="current_version.snapshot.chief_officer_comments")
    reply_to_chief_officer = serializers.CharField(source="current_version.snapshot.reply_to_chief_officer")
    items = ResponseItemSerializer(many=True, source="current_version.snapshot.items")
    quotations = serializers.SerializerMethodField(
        help_text="Findings the response quoted that the report, as recorded here, does not have."
    )
    signature = serializers.SerializerMethodField(
        help_text="Who signed the response, as published: name and office, one per line; empty if unsigned."
    )

    @extend_schema_field(QuotationSerializer(many=True))
    def get_quotations(self, response):
        return QuotationSerializer(response.current_version.snapshot.get("quotations", []), many=True).data

    @extend_schema_field(OpenApiTypes.STR)
    def get_signature(self, response):
        # Versions published before responses carried a sign-off have none in their snapshot.
        return response.current_version.snapshot.get("signature", "")
