"""Several app servers against one PostgreSQL: a publication made anywhere is served everywhere
within 5 seconds, though each server keeps whole pages in its own memory (public/page_cache.py).

Two real gunicorn processes serve the test database; the test publishes through the workflow in a
third process (this one), as a publisher's request on another server would. PostgreSQL only: the
SQLite test database lives in this process's memory, where no other process can reach it (the
fake-clock test in test_page_cache.py covers the same logic on both).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from responses import workflow
from tests.factories import MembershipFactory, UserFactory, publish, response_with_findings

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="other processes cannot reach SQLite's in-memory test database"
    ),
    pytest.mark.usefixtures("reference_data"),
]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
        return answer.read().decode()


@pytest.fixture
def two_app_servers():
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings_test",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "PAGE_CACHE": "true",
        "PAGE_CACHE_CHECK_SECONDS": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    ports = [_free_port(), _free_port()]
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    processes = [
        subprocess.Popen(
            [gunicorn, "-c", "gunicorn.conf.py", "-w", "1", "-b", f"127.0.0.1:{port}", "tracker.wsgi"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            for _ in range(100):
                try:
                    _get(port, "/robots.txt")
                    break
                except OSError:
                    assert process.poll() is None, process.stderr.read().decode()
                    time.sleep(0.1)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def test_a_publication_is_served_by_every_app_server_within_5_seconds(two_app_servers):
    response = response_with_findings(2, published=True, introduction="Words before the amendment.")
    path = reverse("public:response", args=[response.report.slug, response.body.slug])
    for port in two_app_servers:
        for _ in range(2):  # the second read is served from the server's memory
            assert "Words before the amendment." in _get(port, path)

    drafter = UserFactory()
    MembershipFactory(user=drafter, body=response.body)
    workflow.amend(response, drafter)
    response.refresh_from_db()
    workflow.save(response, drafter, response.edit_count, {"introduction": "Words after the amendment."}, {})
    response.refresh_from_db()
    publish(response)
    published_at = time.monotonic()

    for port in two_app_servers:
        while "Words after the amendment." not in _get(port, path):
            assert time.monotonic() - published_at < 5, f"the server on port {port} still serves the old page"
            time.sleep(0.1)
