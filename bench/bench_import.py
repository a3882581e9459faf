"""How long importing a long HMICFRS report takes, and the bounded work of issue 8 (`make bench`).

    DJANGO_SETTINGS_MODULE=tracker.settings_test .venv/bin/python bench/bench_import.py [pages]

Makes a report PDF of 150 pages (tests/report_pdfs.py), times reading its findings and, when the
saving module offers it, saving them into a throwaway SQLite database (never the configured one).
Then bench_work.py: reading a CSV of 1,000,000 findings, and rendering the PDF of a 20-finding
response.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _seconds(started):
    return f"{time.perf_counter() - started:.2f} s"


def _saver():
    """save_report(parsed) if the saving module has it, else plan-and-apply, else None."""
    try:
        from imports import report_plan as saving
    except ImportError:
        return None
    if hasattr(saving, "save_report"):
        return saving.save_report
    if hasattr(saving, "plan_report") and hasattr(saving, "apply_report_plan"):
        return lambda parsed: saving.apply_report_plan(saving.plan_report(parsed))
    return None


def main(pages=150):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings_test")
    scratch = tempfile.TemporaryDirectory(prefix="bench-import-")
    # Set before Django reads its settings, so saving can only ever touch this scratch database.
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch.name}/bench.sqlite3"

    import django

    django.setup()
    from imports.parsers.report_pdf import parse_report_pdf
    from tests.report_pdfs import make_large_report

    started = time.perf_counter()
    data = make_large_report(pages)
    print(f"making a {pages}-page report PDF ({len(data) / 1024:.0f} KB) with WeasyPrint: {_seconds(started)}")

    started = time.perf_counter()
    parsed = parse_report_pdf(data)
    print(f"import of a {pages}-page report: parse {_seconds(started)} ({len(parsed.findings)} findings)")

    save = _saver()
    if save is None:
        print("import of a report: save skipped (imports.report_plan has no save_report)")
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        save(parsed)
        print(f"import of a {pages}-page report: save {_seconds(started)} (SQLite, {len(parsed.findings)} findings)")
    del data, parsed

    import bench_work

    bench_work.bench_csv()
    bench_work.bench_render()
    scratch.cleanup()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
