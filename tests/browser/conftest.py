"""Playwright for Python driving Debian's Chromium, with axe-core injected for accessibility checks.

Never let Playwright download a browser of its own: /usr/bin/chromium is installed by .ci/run
(or `apt-get install chromium`).
"""

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told it is safe. Test code only, one thread at a time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium` (see README)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# Content-Security-Policy violations reported in the page since it loaded (buffered: those before
# this observer was made too), so a test sees refusals it was not listening for.
CSP_VIOLATIONS = """() => {
  const observer = new ReportingObserver(() => {}, {types: ["csp-violation"], buffered: true});
  observer.observe();
  const reports = observer.takeRecords();
  observer.disconnect();
  return reports.map(r => `${r.body.effectiveDirective} refused ${r.body.blockedURL || "inline"} (${r.body.sourceFile}:${r.body.lineNumber})`);
}"""


def _inject_axe(page):
    """Put axe-core in the page without lowering its guard. A <script> tag with axe inline (what
    page.add_script_tag makes) is refused by the site's Content-Security-Policy, which allows no
    inline script; evaluating the source through the DevTools protocol is not governed by the
    page's policy, so the page keeps running under the policy it was served with."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))


def assert_accessible(page):
    """Run axe-core with the WCAG 2.2 A and AA rules on the current page; fail on any violation, and
    on any Content-Security-Policy violation (a script or style the page needs that the policy refused)."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `npm ci`")
    refused = page.evaluate(CSP_VIOLATIONS)
    assert refused == [], f"Content-Security-Policy violations on {page.url}: {refused}"
    _inject_axe(page)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA_TAGS)
    violations = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]
    assert violations == [], f"axe found violations on {page.url}:\n{json.dumps(violations, indent=2)}"
