"""How fast the public side serves, measured against this machine's ceilings in the same run (`make bench`).

    .venv/bin/python bench/bench_public.py [seconds per measurement]

PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/tracker_bench, created if
missing and filled once with `manage.py generate_bench_data`: 10 years, the 43 bodies, ~150,000
comments; BENCH_SCALE scales it), production settings, gunicorn with 2 workers, and `wrk -t2 -c32`
(installed with apt if missing). For each kind of page it prints requests a second, and the ratio
to a trivial WSGI app returning the same bytes under the same gunicorn (and to nginx serving them
as a file, when nginx is installed); then search and API latencies (p50/p95) over distinct queries,
so every one is computed rather than served from the page cache. The machine is shared and noisy:
only the ratios measured in one run mean anything. Figures are printed, never asserted.
"""

import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
APP_PORT, TRIVIAL_PORT, NGINX_PORT = 18931, 18932, 18933
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker_bench")
SCALE = os.environ.get("BENCH_SCALE", "1")

SEARCH_WORDS = (
    "domestic abuse",
    '"stop and search"',
    "vetting",
    "custody",
    "victims",
    "training -custody",
    "neighbourhood",
    "data quality",
    "call handling",
    "safeguarding children",
    "misconduct",
    "digital forensics",
    "mental health",
    "missing people",
    "fraud",
    "body-worn video",
    "workforce",
    "complaints",
    "crime recording",
    "anti-social behaviour",
)


def _env():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{APP_PORT}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PAGE_CACHE": "true",
        # The data set's one placeholder PDF (generate_bench_data), apart from the developer's media.
        "MEDIA_ROOT": str(ROOT / "media-bench"),
    }


def _manage(*args, check=True):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=_env(), check=check, capture_output=True, text=True
    )


def _ensure_tools():
    missing = [tool for tool in ("wrk",) if shutil.which(tool) is None]
    if missing:
        print(f"Installing {', '.join(missing)} with apt …")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )


def _ensure_database():
    parsed = urllib.parse.urlparse(DATABASE_URL)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    exists = subprocess.run(
        ["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"], capture_output=True, text=True
    )
    if exists.stdout.strip() != "1":
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    _manage("migrate", "--no-input")
    _manage("createcachetable")
    has_data = subprocess.run(
        ["psql", DATABASE_URL, "-tAc", "SELECT count(*) FROM tracker_inspectionreport"], capture_output=True, text=True
    )
    if has_data.stdout.strip() in ("", "0"):
        print(f"Generating the national data set (scale {SCALE}) in {name}: a few minutes, once …")
        started = time.perf_counter()
        generated = _manage("generate_bench_data", "--scale", SCALE, check=False)
        if generated.returncode != 0:
            sys.exit(f"generate_bench_data failed:\n{generated.stdout}\n{generated.stderr}")
        print(generated.stdout.strip().splitlines()[-1] if generated.stdout.strip() else "")
        print(f"  generated in {time.perf_counter() - started:.0f} s")
    analysed = subprocess.run(
        [
            "psql",
            DATABASE_URL,
            "-tAc",
            "SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL"
            " FROM pg_stat_user_tables WHERE relname = 'public_searchentry'",
        ],
        capture_output=True,
        text=True,
    )
    if analysed.stdout.strip() != "t":
        # Generated before generate_bench_data analysed what it wrote, on a server without autovacuum.
        print(f"Vacuuming and analysing {name} (the planner has no figures for it) …")
        subprocess.run(["psql", DATABASE_URL, "-qc", "VACUUM ANALYZE"], check=True)
    _manage("collectstatic", "--no-input")


def _counts():
    sql = (
        "SELECT (SELECT count(*) FROM tracker_inspectionreport), (SELECT count(*) FROM tracker_finding),"
        " (SELECT count(*) FROM responses_response WHERE current_version_id IS NOT NULL),"
        " (SELECT count(*) FROM responses_responseitem)"
    )
    out = subprocess.run(["psql", DATABASE_URL, "-tAc", sql], capture_output=True, text=True).stdout.strip()
    return [int(n) for n in out.split("|")]


def _pages():
    """One address of each kind: the largest report (most responses), its first finding, a body, a response."""
    script = """
from django.db.models import Count
from public.findings import finding_url
from responses.models import Response
from tracker.models import InspectionReport, LocalPolicingBody
report = InspectionReport.objects.annotate(n=Count("responses")).order_by("-n", "-published_on").first()
finding = report.findings.order_by("order").first()
response = Response.objects.filter(report=report, current_version__isnull=False).select_related("body").first()
body = response.body
print("/")
print("/reports/")
print(f"/reports/{report.slug}/")
print(finding_url(finding))
print(f"/bodies/{body.slug}/")
print(f"/reports/{report.slug}/responses/{body.slug}/")
"""
    out = [line for line in _manage("shell", "-c", script).stdout.split() if line.startswith("/")]
    return dict(zip(("home", "reports list", "report", "finding", "body", "response"), out, strict=True))


def _start(args, **kwargs):
    return subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, **kwargs
    )


def _wait(port):
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing answered on port {port}")


def _get(path, port=APP_PORT):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
        return answer.read()


def _wrk(url, seconds):
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", url], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    return 0.0


def _trivial_app(folder, pages):
    """A WSGI app returning the same bytes for the same address: the ceiling for Python under gunicorn."""
    (folder / "trivial.py").write_text(
        "import pickle\n"
        f"PAGES = pickle.load(open({str(folder / 'pages.pickle')!r}, 'rb'))\n"
        "def application(environ, start_response):\n"
        "    data = PAGES.get(environ['PATH_INFO'], b'')\n"
        "    start_response('200 OK', [('Content-Type', 'text/html; charset=utf-8'), ('Content-Length', str(len(data)))])\n"
        "    return [data]\n"
    )
    import pickle

    (folder / "pages.pickle").write_bytes(pickle.dumps(pages))


def _nginx(folder, pages):
    if shutil.which("nginx") is None:
        return None
    for name, data in pages.items():
        target = folder / "www" / name.strip("/") / "index.html" if name != "/" else folder / "www" / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"worker_processes 2; pid {folder}/nginx.pid; error_log {folder}/nginx.log; daemon off;\n"
        "events { worker_connections 1024; }\n"
        f"http {{ access_log off; server {{ listen 127.0.0.1:{NGINX_PORT}; root {folder}/www; "
        "location / { try_files $uri $uri/index.html =404; } } }\n"
    )
    return _start(["nginx", "-c", str(conf)])


def _percentiles(timings):
    timings = sorted(timings)
    return statistics.median(timings) * 1000, timings[int(len(timings) * 0.95) - 1] * 1000


def _latencies(paths):
    timings = []
    for path in paths:
        started = time.perf_counter()
        _get(path)
        timings.append(time.perf_counter() - started)
    return _percentiles(timings)


def main(seconds=5):
    _ensure_tools()
    _ensure_database()
    reports, findings, responses, comments = _counts()
    print(f"Data: {reports:,} reports, {findings:,} findings, {responses:,} published responses, {comments:,} comments")
    folder = Path(tempfile.mkdtemp(prefix="bench-public-"))
    app = _start(
        [GUNICORN, "-c", "gunicorn.conf.py", "-w", "2", "-b", f"127.0.0.1:{APP_PORT}", "tracker.wsgi"], env=_env()
    )
    servers = [app]
    try:
        _wait(APP_PORT)
        pages = _pages()
        kept = {path: _get(path) for path in pages.values()}
        _trivial_app(folder, kept)
        servers.append(
            _start(
                [GUNICORN, "-w", "2", "-b", f"127.0.0.1:{TRIVIAL_PORT}", "--chdir", str(folder), "trivial:application"]
            )
        )
        nginx = _nginx(folder, kept)
        if nginx:
            servers.append(nginx)
        _wait(TRIVIAL_PORT)
        print(f"\nPublic pages, wrk -t2 -c32, {seconds} s a run, two runs each (gunicorn 2 workers, page cache on):")
        print(f"{'page':<14}{'size':>9}{'app req/s':>12}{'trivial':>10}{'nginx':>10}{'app/trivial':>13}")
        for kind, path in pages.items():
            app_rps, trivial_rps, nginx_rps = [], [], []
            for _ in range(2):
                app_rps.append(_wrk(f"http://127.0.0.1:{APP_PORT}{path}", seconds))
                trivial_rps.append(_wrk(f"http://127.0.0.1:{TRIVIAL_PORT}{path}", seconds))
                if nginx:
                    nginx_rps.append(_wrk(f"http://127.0.0.1:{NGINX_PORT}{path}", seconds))
            a, t = statistics.mean(app_rps), statistics.mean(trivial_rps)
            n = f"{statistics.mean(nginx_rps):,.0f}" if nginx_rps else "-"
            size = f"{len(kept[path]) / 1024:.1f} KiB"
            print(f"{kind:<14}{size:>9}{a:>12,.0f}{t:>10,.0f}{n:>10}{a / t:>13.2f}")

        # Distinct queries (a number the reader would not type changes nothing but the address),
        # so each is searched rather than served from memory.
        searches = [f"/search/?q={urllib.parse.quote(w)}&page=1&bench={i}" for i in range(10) for w in SEARCH_WORDS]
        p50, p95 = _latencies(searches)
        print(
            f"\nSearch over {comments:,} comments, {len(SEARCH_WORDS)} searches asked {len(searches) // len(SEARCH_WORDS)} times each "
            f"under distinct addresses (no page cache), one at a time: p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        )
        api = [f"/api/v1/responses/?page={n}" for n in range(1, 101)]
        p50, p95 = _latencies(api)
        print(
            f"API list (/api/v1/responses/, 100 a page), {len(api)} distinct pages: p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        )
        cold = [f"{path}?bench=cold{i}" for i in range(5) for path in pages.values()]
        p50, p95 = _latencies(cold)
        print(
            f"Pages rendered without the page cache (distinct addresses), {len(cold)} reads: p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        )
    finally:
        for server in servers:
            try:
                os.killpg(server.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for server in servers:
            server.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
