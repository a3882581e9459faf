"""HMICFRS-like report files made on the fly, so the importer's tests need no binary fixtures.

WeasyPrint lays the reports out the way HMICFRS PDFs come to us: a title page, a running header,
page numbers in the footer, a finding that crosses a page break, a word hyphenated at a line end and
a two-column page. The text of every finding is spelt out here once; the tests restate what the
importer must make of it, so a change to either shows.

Each maker is cached: WeasyPrint takes about a second a document and the files never change.
"""

import functools
import io

from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

REPORT_TITLE = "Protecting vulnerable people: an inspection of police forces"
PUBLISHED = "Published: 12 March 2024"

# Naming one font (Debian's fonts-dejavu) keeps line and page breaks the same from run to run. The
# tests check the layout they rely on (the page break, the line-end hyphens, the columns), so a
# change of font shows up as a fixture failure, not as a parser one.
STYLE = """
@page {
    size: A4;
    margin: 25mm 20mm;
    @top-center { content: "HMICFRS – %(title)s"; font: 8pt "DejaVu Sans"; }
    @bottom-center { content: %(footer)s; font: 8pt "DejaVu Sans"; }
}
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
body { font: 11pt/1.4 "DejaVu Sans"; }
h1 { font-size: 26pt; margin-top: 60mm; }
h2 { font-size: 16pt; margin: 10mm 0 4mm; }
h3 { font-size: 12.5pt; margin: 6mm 0 2mm; }
.new-page { break-before: page; }
.columns { columns: 2; column-gap: 12mm; }
"""

PAGE_OF_PAGES = '"Page " counter(page) " of " counter(pages)'


def html_to_pdf(html):
    return HTML(string=html).write_pdf()


def report_html(body, *, title=REPORT_TITLE, footer=PAGE_OF_PAGES):
    """A report: title page with the publication date, then `body` from page 2."""
    style = STYLE % {"title": title, "footer": footer}
    return f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title><style>{style}</style></head>
<body>
<h1>{title}</h1>
<p>{PUBLISHED}</p>
<div class="new-page">{body}</div>
</body></html>"""


# The spacer pushes Recommendation 2 to the foot of page 2, so its one long sentence has to carry
# on over the page break. "organ-<br>isations" is a word split at a line end; "multi-<br>agency"
# is a real hyphen that happens to fall at one.
REPORT_BODY = """
<h2>Recommendations</h2>
<h3>Recommendation 1</h3>
<p>By 31 March 2025, chief constables should make sure that officers record every report of harm
to a vulnerable person, share it with partner organ-<br>isations the same day, and take part in
multi-<br>agency meetings about the people most at risk.</p>
<div style="height: 150mm"></div>
<h3>Recommendation 2</h3>
<p>With immediate effect, the Home Office and the National Police Chiefs' Council should agree how
police forces share information about vulnerable people with health services and local authorities
so that every team working with a vulnerable person sees the same record and nobody has to tell
their story twice to different agencies.</p>

<div class="new-page">
<h2>Areas for improvement</h2>
<ol>
<li>The force should improve how it records the ethnicity of the people it stops and searches.</li>
<li>The force should make sure that its control room staff identify callers who ring repeatedly
about the same problem.</li>
<li>The force should review how supervisors oversee investigations into domestic abuse.</li>
</ol>
<h2>Cause of concern</h2>
<p>The force does not always respond quickly enough to calls from vulnerable people, and it does
not know how often this happens.</p>
<h3>Recommendations</h3>
<p>Within six months, the force should:</p>
<ul>
<li>introduce a way of measuring how long it takes to respond to calls from vulnerable people;
and</li>
<li>make sure that its control room prioritises calls from vulnerable people according to the
risk they face.</li>
</ul>
<h2>About this inspection</h2>
<p>We inspected how forces protect vulnerable people between January and June 2023. We visited
eight forces and spoke to more than 300 officers and staff.</p>
</div>

<div class="new-page">
<h2>Recommendations for national bodies</h2>
<div class="columns">
<h3>Recommendation 5</h3>
<p>By 30 September 2024, the College of Policing should update its guidance on vulnerability so
that it explains how officers should recognise the signs of exploitation, how they should record
what they see, and how supervisors should check that the right partner agencies have been told
about each person at risk. The guidance should include examples drawn from the forces we
inspected, and the College should ask victims' groups to review it before it is published.</p>
<h3>Recommendation 6</h3>
<p>Police and crime commissioners should make sure that the services they commission for victims
of crime are open to vulnerable people who have not reported a crime to the police.</p>
</div>
</div>
"""


@functools.cache
def make_report_pdf():
    return html_to_pdf(report_html(REPORT_BODY))


@functools.cache
def make_large_report(pages=150):
    """A report of about `pages` A4 pages: a chapter a page, each with a recommendation and its
    discussion; every tenth chapter adds a list of areas for improvement, every fifteenth is set in
    two columns, so the benchmark goes through every path of the PDF reader."""
    chapters = []
    for number in range(1, pages):
        columns = ' class="columns"' if number % 15 == 0 else ""
        improvements = ""
        if number % 10 == 0:
            improvements = (
                "<h3>Areas for improvement</h3><ul>"
                + "".join(f"<li>The force should improve how it records outcome {number}-{n}.</li>" for n in (1, 2))
                + "</ul>"
            )
        chapters.append(
            f"""<div class="new-page"><h2>Chapter {number}: how forces protect vulnerable people</h2>
<div{columns}>
<p>{_DISCUSSION}</p>
<h3>Recommendation {number}</h3>
<p>By 31 March 2025, chief constables should review how their forces deal with case {number}
of this kind, and make sure that supervisors check the quality of each investigation.</p>
{improvements}
<p>{_DISCUSSION}</p>
<p>{_DISCUSSION}</p>
</div></div>"""
        )
    return html_to_pdf(report_html("".join(chapters), footer="counter(page)"))


_DISCUSSION = (
    "During our fieldwork we spoke to officers, staff and partner agencies, read a sample of case "
    "files and observed briefings. We found that most officers understood what vulnerability means "
    "and could describe the steps they would take to protect a person at risk, but the records they "
    "made did not always show what had been done or why. Supervisors were often too busy to review "
    "each case, and some investigations were closed before every line of enquiry had been followed."
)


@functools.cache
def make_encrypted_pdf(password="secret"):
    reader = PdfReader(io.BytesIO(make_report_pdf()))
    writer = PdfWriter(clone_from=reader)
    # RC4-128: pypdf writes it without the optional cryptography package, which CI does not install.
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# Shapes and no words: what a scanned report looks like to a text extractor.
_SCAN_SVG = (
    "data:image/svg+xml;utf8,"
    "<svg xmlns='http://www.w3.org/2000/svg' width='600' height='800'>"
    "<rect x='40' y='40' width='520' height='60' fill='%23333'/>"
    "<rect x='40' y='140' width='480' height='14' fill='%23999'/>"
    "<rect x='40' y='170' width='500' height='14' fill='%23999'/>"
    "<circle cx='300' cy='500' r='120' fill='%23666'/></svg>"
)


@functools.cache
def make_scanned_pdf():
    """Two pages of pictures; the only text is the page numbers a scanning service stamps on."""
    page = f'<img src="{_SCAN_SVG}" style="width: 170mm">'
    style = '@page { size: A4; @bottom-center { content: counter(page); font: 9pt "DejaVu Sans"; } }'
    return html_to_pdf(f"<!doctype html><html><head><style>{style}</style></head><body>{page}{page}</body></html>")


def make_truncated_pdf():
    data = make_report_pdf()
    return data[: len(data) // 2]


# A report's page on the HMICFRS website as a browser saves it: cookie banner, skip link, site
# navigation and footer around the content, which mention findings but are not findings.
REPORT_PAGE_HTML = """<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Protecting vulnerable people: an inspection of police forces - HMICFRS</title>
<script>window.dataLayer = [];</script></head>
<body>
<div class="cookie-banner" role="region" aria-label="Cookies on HMICFRS">
  <p>We use cookies to collect information about how you use this website.</p>
  <button>Accept analytics cookies</button>
</div>
<a class="skip-link" href="#main">Skip to main content</a>
<header>
  <nav aria-label="Menu"><ul>
    <li><a href="/">Home</a></li><li><a href="/publications/">Publications</a></li>
    <li><a href="/recommendations/">Recommendations</a></li>
  </ul></nav>
</header>
<main id="main">
  <h1>Protecting vulnerable people: an inspection of police forces</h1>
  <p>Published: 12 March 2024</p>
  <h2>Recommendations</h2>
  <h3>Recommendation 1</h3>
  <p>By 31 March 2025, chief constables should make sure that officers record every report of harm
  to a vulnerable person.</p>
  <h3>Recommendation 2</h3>
  <p>The College of Policing should publish guidance on working with partner agencies.</p>
  <h2>Areas for improvement</h2>
  <h3>Area for improvement 1</h3>
  <p>The force should improve how it supervises investigations.</p>
  <h2>Accelerated cause of concern</h2>
  <p>The force is not answering emergency calls quickly enough.</p>
  <p>We recommend that, with immediate effect, the force should:</p>
  <ul>
    <li>make sure that there are enough call handlers at busy times; and</li>
    <li>review how it prioritises emergency calls.</li>
  </ul>
  <h2>Next steps</h2>
  <p>We will revisit the force in six months.</p>
</main>
<footer><p>Recommendation 9 of our 2019 report has been closed.</p><a href="/contact/">Contact us</a></footer>
</body>
</html>
"""
