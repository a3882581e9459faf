"""The public JSON API (/api/v1/): bodies, reports, findings and published responses, read-only.

Django REST framework with drf-spectacular for the OpenAPI document. Published responses are read
from each response's live published version's snapshot, as the CSV downloads are, never from the
working copy. JSON only: DRF's browsable API needs inline scripts, which the site's
Content-Security-Policy forbids; /api/ is the human page instead.
"""
