"""Crash and scale drills against real processes (run by drills/run.sh, which sets the environment).

1. kill -9 while a manual share is being posted, restart: the attempt ends `unconfirmed`, the
   platform has at most one post, and sharing the URL again posts nothing more.
2. kill -9 while publish webhooks are being worked through, restart: every event is resolved
   once, each gets one auto-share job, and no URL is posted twice.
3. Two `serve` processes on one database take webhooks, auto-shares and the same manual share at
   once: every event handled once, exactly one post per event and account, one manual post.
Prints 'N passed, N failed' as its last line; exits non-zero when a drill fails.
"""
import base64
import hashlib
import hmac
import html.parser
import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from cryptography.fernet import Fernet

BIN = os.environ["DRILLS_BIN"]
WORK = os.environ["DRILLS_WORK"]
PSQL = os.environ["DRILLS_PSQL"]
DATABASE_URL = os.environ["DATABASE_URL"]
SANDBOX = os.environ["SOCIAL_SANDBOX_URL"]
APP_SECRET = os.environ["DRILLS_APP_SECRET"]
CONTENT_ORIGIN = f"http://127.0.0.1:{os.environ['DRILLS_CLOSED_PORT']}"
FERNET = Fernet(os.environ["SOCIAL_ENCRYPTION_KEY"].split(",")[0].strip().encode())
SHARE_LEASE = int(os.environ["SOCIAL_SHARE_LEASE_SECONDS"])
USER = "demo-ada"
ACCOUNTS = {"mastodon.social": "109000000000000001", "fosstodon.org": "109000000000000002"}


def wait_until(predicate, timeout_s, what):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sql(statement):
    out = subprocess.run([PSQL, "-qtAX", DATABASE_URL, "-c", statement], check=True, capture_output=True, text=True)
    return [line.split("|") for line in out.stdout.strip().splitlines() if line]


def fetch(method, url, body=None, headers=None, timeout=10):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def sandbox(method, path, payload=None):
    body = json.dumps(payload).encode() if payload is not None else None
    status, text = fetch(method, SANDBOX + "/_sandbox/" + path, body, {"Content-Type": "application/json"})
    assert status < 300, f"sandbox {method} {path}: {status} {text}"
    return json.loads(text)


def posts_of(url):
    """Sandbox posts whose text carries `url` (as a whole word), as (instance, text)."""
    pattern = re.compile(re.escape(url) + r"(\s|$)")
    return [(p["host"], p["text"]) for p in sandbox("GET", "posts?platform=mastodon") if pattern.search(p["text"])]


class Service:
    """One `social-service serve` process on a port of its own."""

    def __init__(self, name):
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        env = dict(os.environ, SOCIAL_HOST="127.0.0.1", SOCIAL_PORT=str(self.port), PUBLIC_BASE_URL=self.base)
        log = open(os.path.join(WORK, f"service-{self.name}.log"), "a")
        self.process = subprocess.Popen([os.path.join(BIN, "social-service"), "serve", "--env-file", "/dev/null"],
                                        env=env, stdout=log, stderr=subprocess.STDOUT)

        def healthy():
            assert self.process.poll() is None, f"service {self.name} exited with {self.process.returncode}"
            try:
                return fetch("GET", self.base + "/healthz", timeout=1)[0] == 200
            except OSError:
                return False
        wait_until(healthy, 30, f"service {self.name} to answer")
        return self

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class FormParser(html.parser.HTMLParser):
    """The inputs of the form whose action is `action`."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.found = action, False, {}, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("action") == self.action:
            self.inside = self.found = True
        elif tag == "input" and self.inside and a.get("type") == "hidden" and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


class Browser:
    """A person with a cookie jar, signed in through the development login."""

    def __init__(self, service):
        self.service = service
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.service.base + path, timeout=10) as response:
            return response.read().decode()

    def submit(self, page_path, action, extra, timeout=30):
        parser = FormParser(action)
        parser.feed(self.get(page_path))
        assert parser.found, f"no form posting to {action} on {page_path}"
        fields = list(parser.fields.items()) + list(extra)
        request = urllib.request.Request(self.service.base + action, data=urllib.parse.urlencode(fields).encode(), method="POST",
                                         headers={"Origin": self.service.base, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sign_in(self):
        status, _ = self.submit("/auth/login", "/auth/dev-login", [("user_id", USER)])
        assert status == 200, f"dev login answered {status}"
        return self

    def share(self, url, connection_id, title="Drill"):
        query = urllib.parse.urlencode({"url": url, "title": title})
        return self.submit(f"/social/share/?{query}", "/social/share/", [("account", str(connection_id))])


def bearer():
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = b64(json.dumps({"sub": USER, "name": "Ada", "iat": now, "exp": now + 600, "jti": secrets.token_hex(8),
                             "iss": "rose-ash-account", "aud": "rose-ash-social"}).encode())
    signature = hmac.new(os.environ["SOCIAL_IDENTITY_SECRET"].encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64(signature)}"


def connect(instance):
    """A Mastodon connection for the demo person, with a token the sandbox minted."""
    token = sandbox("POST", "tokens", {"platform": "mastodon", "account": ACCOUNTS[instance], "client_id": "drill",
                                       "scopes": ["read", "write"], "instance": instance})["access_token"]
    sql(f"INSERT INTO users (id, display_name) VALUES ('{USER}', 'Ada') ON CONFLICT DO NOTHING")
    encrypted = FERNET.encrypt(token.encode()).decode()
    extra = json.dumps({"instance_url": f"https://{instance}"})
    rows = sql(f"""INSERT INTO social_connections (user_id, platform, platform_user_id, platform_username, display_name,
                       access_token_enc, scopes, extra_data)
                   VALUES ('{USER}', 'mastodon', '{ACCOUNTS[instance]}@{instance}', 'ada', 'Ada @ {instance}', '{encrypted}',
                       'read write', '{extra}'::jsonb)
                   RETURNING id""")
    return int(rows[0][0])


def auto_rule(service, connection_id):
    status, text = fetch("POST", service.base + "/api/v1/rules", json.dumps({"connection_id": connection_id, "mode": "auto"}).encode(),
                        {"Authorization": f"Bearer {bearer()}", "Content-Type": "application/json"})
    assert status == 201, f"rule not created: {status} {text}"
    return json.loads(text)["id"]


def publish(service, event_id, url):
    body = json.dumps({"event_id": event_id, "content_type": "blog_post", "url": url, "title": f"Drill {event_id}",
                       "author": USER}).encode()
    ts = str(int(time.time()))
    signature = hmac.new(APP_SECRET.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    status, text = fetch("POST", service.base + "/webhooks/publish", body, {
        "Content-Type": "application/json", "X-Rose-Ash-App": "drill", "X-Rose-Ash-Timestamp": ts,
        "X-Rose-Ash-Signature": "sha256=" + signature})
    assert status == 202, f"webhook {event_id}: {status} {text}"


def settled(event_prefix, expected_jobs):
    """True once every event with that prefix is resolved and its jobs are done."""
    pending = sql(f"SELECT count(*) FROM publish_events WHERE event_id LIKE '{event_prefix}%' AND state <> 'resolved'")[0][0]
    done = sql(f"""SELECT count(*) FROM auto_shares a JOIN publish_events e ON e.id = a.event_id
                   WHERE e.event_id LIKE '{event_prefix}%' AND a.state = 'done'""")[0][0]
    return pending == "0" and int(done) == expected_jobs


def drill_kill_during_a_manual_share():
    service = Service("manual").start()
    try:
        connection = connect("mastodon.social")
        url = CONTENT_ORIGIN + "/posts/killed-mid-share"
        person = Browser(service).sign_in()
        # The platform takes 4 s to answer the post: the process dies while waiting for it.
        sandbox("POST", "failures", {"platform": "mastodon", "mode": "slow", "latency": 4, "count": 1, "path_contains": "/statuses"})
        result = {}
        sharer = threading.Thread(target=lambda: result.setdefault("r", _quietly(person.share, url, connection)))
        sharer.start()
        wait_until(lambda: sql(f"SELECT 1 FROM social_shares WHERE shared_url = '{url}' AND status = 'pending'"), 10,
                   "the attempt to be recorded as pending")
        service.kill9()
        sharer.join(15)
        time.sleep(5)  # whatever the sandbox was doing with the request has finished
        assert len(posts_of(url)) <= 1, f"posted more than once: {posts_of(url)}"
        service.start()
        # After the share lease the lost attempt is unconfirmed; sharing again posts nothing.
        time.sleep(SHARE_LEASE + 1)
        status, page = Browser(service).sign_in().share(url, connection)
        assert status == 200, f"share page answered {status}"
        assert "check the account" in page.lower() or "not confirmed" in page.lower(), "the page does not say the post is unconfirmed"
        states = sql(f"SELECT status FROM social_shares WHERE shared_url = '{url}'")
        assert states == [["unconfirmed"]], f"share rows: {states}"
        assert len(posts_of(url)) <= 1, f"posted again after the restart: {posts_of(url)}"
    finally:
        service.stop()
        sandbox("DELETE", "failures")


def _quietly(function, *args):
    try:
        return function(*args)
    except OSError as error:  # the connection dies with the process
        return error


def drill_kill_during_webhook_processing():
    service = Service("webhooks").start()
    try:
        connection = sql("SELECT id FROM social_connections WHERE platform_user_id LIKE '%@mastodon.social'")
        connection = int(connection[0][0]) if connection else connect("mastodon.social")
        rule = auto_rule(service, connection)
        # Each post takes a second to be answered, so the kill lands in the middle of the work.
        sandbox("POST", "failures", {"platform": "mastodon", "mode": "slow", "latency": 1, "path_contains": "/statuses"})
        count = 8
        urls = [CONTENT_ORIGIN + f"/posts/webhook-{n}" for n in range(count)]
        for n, url in enumerate(urls):
            publish(service, f"kill-{n}", url)
        wait_until(lambda: sql("SELECT 1 FROM social_shares WHERE status = 'pending'"), 20, "auto-share to start posting")
        service.kill9()
        sandbox("DELETE", "failures")
        service.start()
        try:
            wait_until(lambda: settled("kill-", count), 90, "every event resolved and every job done after the restart")
        except AssertionError:
            print("events:", sql("SELECT event_id, state, attempts, state_detail FROM publish_events WHERE event_id LIKE 'kill-%' ORDER BY event_id"))
            print("jobs:", sql("""SELECT e.event_id, a.state, a.attempts, a.outcome, a.detail, a.run_after FROM auto_shares a
                                  JOIN publish_events e ON e.id = a.event_id WHERE e.event_id LIKE 'kill-%' ORDER BY e.event_id"""))
            print("shares:", sql("SELECT shared_url, status, error_message FROM social_shares ORDER BY id"))
            raise
        jobs = sql("""SELECT e.event_id, a.outcome FROM auto_shares a JOIN publish_events e ON e.id = a.event_id
                      WHERE e.event_id LIKE 'kill-%' ORDER BY e.event_id""")
        assert len(jobs) == count, f"expected one job per event, got {jobs}"
        for (event_id, outcome), url in zip(jobs, urls):
            posted = len(posts_of(url))
            assert posted <= 1, f"{url} posted {posted} times"
            assert outcome in ("published", "unconfirmed"), f"{event_id}: {outcome}"
            if outcome == "published":
                assert posted == 1, f"{event_id} says published but the platform has {posted} posts"
        sql(f"DELETE FROM share_rules WHERE id = {rule}")
    finally:
        service.stop()
        sandbox("DELETE", "failures")


def drill_two_instances_share_one_database():
    first, second = Service("a").start(), Service("b").start()
    try:
        connections = []
        for instance in ACCOUNTS:
            found = sql(f"SELECT id FROM social_connections WHERE platform_user_id LIKE '%@{instance}'")
            connections.append(int(found[0][0]) if found else connect(instance))
        for connection in connections:
            auto_rule(first, connection)
        sandbox("POST", "failures", {"platform": "mastodon", "mode": "slow", "latency": 0.2, "path_contains": "/statuses"})
        count = 12
        urls = [CONTENT_ORIGIN + f"/posts/pair-{n}" for n in range(count)]
        senders = [threading.Thread(target=publish, args=((first, second)[n % 2], f"pair-{n}", url)) for n, url in enumerate(urls)]
        # The same manual share from both instances at once.
        manual = CONTENT_ORIGIN + "/posts/pair-manual"
        people = [Browser(first).sign_in(), Browser(second).sign_in()]
        sharers = [threading.Thread(target=_quietly, args=(person.share, manual, connections[0])) for person in people]
        for thread in senders + sharers:
            thread.start()
        for thread in senders + sharers:
            thread.join(30)
        wait_until(lambda: settled("pair-", count * len(connections)), 90, "every event resolved and every job done")
        resolved = sql("SELECT count(*), sum(attempts) FROM publish_events WHERE event_id LIKE 'pair-%' AND state = 'resolved'")
        assert resolved[0][0] == str(count), f"resolved events: {resolved}"
        for url in urls:
            hosts = sorted(host for host, _ in posts_of(url))
            assert hosts == sorted(ACCOUNTS), f"{url}: posts on {hosts}, expected one on each of {sorted(ACCOUNTS)}"
        assert len(posts_of(manual)) == 1, f"the manual share from two instances posted {len(posts_of(manual))} times"
    finally:
        first.stop()
        second.stop()
        sandbox("DELETE", "failures")


DRILLS = [drill_kill_during_a_manual_share, drill_kill_during_webhook_processing, drill_two_instances_share_one_database]


def main():
    passed = failed = 0
    for drill in DRILLS:
        started = time.monotonic()
        try:
            drill()
            passed += 1
            print(f"drills: {drill.__name__} passed ({time.monotonic() - started:.0f} s)", flush=True)
        except Exception:  # noqa: BLE001 - every failure is reported, then the next drill runs
            failed += 1
            print(f"drills: {drill.__name__} FAILED", flush=True)
            traceback.print_exc()
    print(f"drills: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
