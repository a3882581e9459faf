"""Render a response to an accessible PDF with WeasyPrint.

PDF/UA-1 makes WeasyPrint write a tagged PDF (structure tree, document language, title shown in
the viewer's title bar); public sector PDFs must be accessible, so this is not optional.
"""

from django.template.loader import render_to_string
from weasyprint import HTML


def render_response_pdf(response, base_url=None):
    html = render_to_string("responses/response_pdf.html", {"response": response})
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")
