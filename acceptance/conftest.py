"""Shared fixtures for the browser acceptance suite (run by acceptance/run.sh).

One Chromium (Debian's, never a downloaded one) and one signed-in browser context serve the
whole session: the scenarios in test_journey.py build on each other in file order, like a person
working through the plan.
"""
import json
import os
import shutil
import subprocess
import time
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

SERVICE = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:18080")
SANDBOX = os.environ.get("ACCEPTANCE_SANDBOX", "http://127.0.0.1:18100")
BLOG = os.environ.get("ACCEPTANCE_BLOG", "http://127.0.0.1:18201")
EVENTS = os.environ.get("ACCEPTANCE_EVENTS", "http://127.0.0.1:18202")
MARKET = os.environ.get("ACCEPTANCE_MARKET", "http://127.0.0.1:18203")
ARTIFACTS = os.environ.get("ACCEPTANCE_ARTIFACTS", os.path.join(os.path.dirname(__file__), "..", "artifacts"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Every wait is bounded; actions and assertions give up after these many milliseconds.
ACTION_TIMEOUT_MS = 10_000
NAVIGATION_TIMEOUT_MS = 15_000
expect.set_options(timeout=ACTION_TIMEOUT_MS)


def chromium_path():
    path = os.environ.get("ACCEPTANCE_CHROMIUM") or shutil.which("chromium")
    if not path:
        # Fail, never skip: a missing browser must not look like a passing suite.
        raise RuntimeError("Debian's chromium is not installed (apt-get install -y chromium)")
    return path


def http_json(method, url, body=None, timeout=5):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def sandbox_posts(platform=None):
    query = f"?platform={platform}" if platform else ""
    return http_json("GET", f"{SANDBOX}/_sandbox/posts{query}")


def sandbox_failure(platform, mode, count):
    return http_json("POST", f"{SANDBOX}/_sandbox/failures", {"platform": platform, "mode": mode, "count": count})


def clear_failures(platform):
    http_json("DELETE", f"{SANDBOX}/_sandbox/failures?platform={platform}")


def wait_until(predicate, timeout_s, interval_s=0.25, what="condition"):
    """Polls `predicate` until it returns something truthy, at most `timeout_s` seconds."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(interval_s)


def psql(sql):
    """Runs one query on the acceptance database and returns its rows as lists of strings."""
    exe = os.environ.get("ACCEPTANCE_PSQL") or shutil.which("psql")
    done = subprocess.run([exe, os.environ["DATABASE_URL"], "-XAtF", "\t", "-c", sql],
                          capture_output=True, text=True, timeout=15)
    assert done.returncode == 0, f"psql failed: {done.stderr}"
    out = done.stdout
    return [line.split("\t") for line in out.splitlines() if line]


def screenshot(page, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                             args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, viewport=DESKTOP, storage_state=None):
    context = browser.new_context(viewport=viewport, storage_state=storage_state)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context


@pytest.fixture(scope="session")
def context(browser):
    context = new_context(browser)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(autouse=True)
def screenshot_on_failure(request, page):
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        try:
            screenshot(page, f"FAILED-{request.node.name}")
        except Exception:  # the browser may be gone; the failure itself is what matters
            pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report
