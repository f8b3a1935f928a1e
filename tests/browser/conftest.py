"""Chromium (Debian's, never a downloaded one) against the built site served under a sub-path,
with the response headers the site's own ``_headers`` file asks of a host."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from devkit.chromium import CHROMIUM_ARGS
from devkit.host import Host
from macros.build_hooks import configured_public_url

SITE = Path(__file__).resolve().parents[2] / "site"
PUBLIC_URL = configured_public_url()  # where printed addresses and QR codes point
PREFIX = "/bijie/"
# The tests run four at a time on two cores (make test): what a page does in a second alone can take
# several while three other browsers start Python. An expectation that is never met still fails.
expect.set_options(timeout=15_000)


# Tests that spend most of their time waiting on a throttled or stalled link. The suite runs four at a
# time on two cores (make test-browser, a test handed out as a worker frees): left to the end, these
# would wait with the cores idle, and all at the start they would too. One in every four from the
# start, they wait while the other workers use the cores, and are done by the middle of the run.
WAITING = ("test_slow_link.py", "test_wait.py")
WORKING_PER_WAITING = 3


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    waiting = [item for item in items if item.path.name in WAITING]
    working = [item for item in items if item.path.name not in WAITING]
    ordered: list[pytest.Item] = []
    for n, test in enumerate(waiting):
        ordered += [test, *working[n * WORKING_PER_WAITING:(n + 1) * WORKING_PER_WAITING]]
    items[:] = ordered + working[len(waiting) * WORKING_PER_WAITING:]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def site_host():
    """The site served from a sub-path only, as a host serving it from /bijie/ would."""
    host = Host(SITE, prefix=PREFIX)
    yield host
    host.close()


@pytest.fixture(scope="session")
def site_url(site_host):
    """The address of site_host."""
    return site_host.url


@pytest.fixture(scope="session")
def root_url():
    """The site at the host's root, a missing page answered with the nearest 404.html, as Cloudflare Pages
    and the nginx snippet do."""
    host = Host(SITE, not_found="nearest")
    yield host.url
    host.close()


@pytest.fixture(scope="session")
def root_404_url():
    """The site at the host's root, a missing page answered with the root's 404.html, as GitHub Pages does."""
    host = Host(SITE, not_found="root")
    yield host.url
    host.close()


@pytest.fixture
def requests_seen(page, site_url):
    """Every request the page makes; after the test, none may have left the site's origin."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    yield seen
    origin = site_url.split(PREFIX)[0]
    outside = [url for url in seen if not (url.startswith(origin + "/") or url.startswith(("data:", "blob:")))]
    assert outside == []


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""
# A dedicated worker's violations fire on the worker, and Chromium does not copy them to the page's
# console: the calculator worker is served with this listener in front, which reports them there.
WORKER_LISTENER = ('self.addEventListener("securitypolicyviolation", (e) => console.error('
                   '`Content Security Policy violation in worker: ${e.violatedDirective} ${e.blockedURI}`));\n')


class CspWatch:
    """What the page and the calculator worker were refused; ``planted`` is added to the worker (tests only)."""

    def __init__(self) -> None:
        self.refused: list[str] = []
        self.planted = ""

    def serve_worker(self, route) -> None:
        try:
            response = route.fetch()
            route.fulfill(response=response, body=WORKER_LISTENER + response.text() + self.planted)
        except PlaywrightError:  # the page went away while its worker was loading: nothing to serve
            return


@pytest.fixture(autouse=True)
def no_csp_violation(page, context, request):
    """Every browser test also checks that the page and its calculator worker broke no Content-Security-Policy.

    The service-worker tests serve the site from their own server and keep the worker as it is shipped,
    because a routed request is not one the service worker would cache.
    """
    watch = CspWatch()
    page.add_init_script(CSP_LISTENER)
    if "own_server" not in request.fixturenames:
        context.route("**/assets/js/calculator-worker.*.js", watch.serve_worker)
    page.on("console", lambda m: watch.refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield watch
    if not page.is_closed():
        try:
            watch.refused += page.evaluate("window.__cspViolations || []")
        except Exception:  # noqa: BLE001 - a page torn down mid-navigation has nothing left to report
            pass
    assert watch.refused == []


@pytest.fixture
def own_server(tmp_path):
    """A copy of the site on its own host, which the test can change or switch off (server.shutdown())."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    host = Host(root, prefix=PREFIX)
    yield root, host.url, host.server
    host.close()


@pytest.fixture
def context_requests(context):
    """Every request of the browser context, the service worker's own included."""
    seen: list = []
    context.on("request", lambda request: seen.append(request))
    return seen
