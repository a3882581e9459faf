"""The statistics page and its CSV downloads: on-time rates by body, by year and by type of report.

The figures come from public/statistics.py, from published responses only; the page and the three
downloads read the same figures, so they cannot disagree. The CSVs are streamed through the open
data's helper, with its guard against formula injection.
"""

from django.shortcuts import render
from django.urls import reverse

from public import statistics
from public.views.data import _csv_response

BREAKDOWNS = {
    "body": ("By local policing body", "body", statistics.by_body, "by-body.csv", "body_slug", "body_name"),
    "year": ("By year of the report", "year", statistics.by_year, "by-year.csv", "year", "year_label"),
    "type": ("By type of report", "type", statistics.by_type, "by-type.csv", "report_type", "report_type_label"),
}


def _columns(key_column, label_column):
    return [
        (key_column, "What the row counts."),
        (label_column, "Its name."),
        ("reports", "Reports counted in the row."),
        *[(name.replace("-", "_"), meaning) for name, _, meaning in statistics.FIGURES],
        ("published", "Published responses: on time, late and date not known."),
        ("on_time_rate", "On-time responses as a whole per cent of on time and late; empty if neither."),
    ]


def _csv_rows(groups):
    for figures in groups:
        yield [
            figures.key,
            figures.label,
            figures.reports,
            *figures.counts(),
            figures.published,
            "" if figures.rate is None else figures.rate,
        ]


def _download(which):
    _, _, group, filename, key_column, label_column = BREAKDOWNS[which]

    def view(request):
        groups = group(statistics.statistics_rows())
        return _csv_response(filename, _columns(key_column, label_column), _csv_rows(groups))

    view.__name__ = f"{which}_csv"
    return view


by_body_csv = _download("body")
by_year_csv = _download("year")
by_type_csv = _download("type")


def statistics_page(request):
    rows = statistics.statistics_rows()
    overall = statistics.total(rows)
    sections = []
    for which, (heading, noun, group, _, _, _) in BREAKDOWNS.items():
        groups = group(rows)
        sections.append(
            {
                "id": f"by-{which}",
                "heading": heading,
                "groups": groups,
                # A row with no rate would be an empty bar: it is in the table, not the chart.
                "charted": [figures for figures in groups if figures.rate is not None],
                "summary": statistics.summary(groups, overall, noun),
                "csv_url": reverse(f"public:statistics_by_{which}_csv"),
            }
        )
    return render(
        request,
        "public/statistics.html",
        {
            "overall": overall,
            "sections": sections,
            "figures": statistics.FIGURES,
            "rate_meaning": statistics.RATE_MEANING,
        },
    )
