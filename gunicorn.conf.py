"""gunicorn's settings for the tracker: `gunicorn -c gunicorn.conf.py tracker.wsgi` (README, "Deploy").

Options given on the command line (--bind, --workers) override anything here.
"""

from gunicorn.http import wsgi

# gunicorn names itself in a `Server` header on every response, and has no setting to stop it
# (gunicorn.http.wsgi.Response.default_headers writes it). Naming the server software helps an
# attacker pick exploits and helps nobody else, so drop that one line. This file is read by the
# master process before it forks the workers, which inherit the change.
_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server
