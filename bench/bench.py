"""`make bench` measurements, each beside its reference from the same run.

Run by bench/run.sh, which starts the release-built service and sandbox on a throwaway database
and sets the environment. Prints one table per section; nothing here asserts a target — the
figures are for people (README.md, "Benchmarks").
"""
import asyncio
import base64
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from cryptography.fernet import Fernet

WORK = os.environ["BENCH_WORK"]
PSQL = os.environ["BENCH_PSQL"]
DATABASE_URL = os.environ["DATABASE_URL"]
SANDBOX = os.environ["SOCIAL_SANDBOX_URL"]
SERVICE = os.environ["PUBLIC_BASE_URL"]
NGINX = f"http://127.0.0.1:{os.environ['BENCH_NGINX_PORT']}"
APP_SECRET = os.environ["BENCH_APP_SECRET"]
CONTENT_ORIGIN = NGINX  # every /posts/… path is one article page (bench/run.sh)
FERNET = Fernet(os.environ["SOCIAL_ENCRYPTION_KEY"].split(",")[0].strip().encode())
USER = "bench-ada"
MASTODON_ACCOUNT = "109000000000000001"
LATENCY = 0.2


# ---------------------------------------------------------------- plumbing

class Psql:
    """One psql session for every query: starting psql for each poll took 10–20 ms, which the
    fan-out figures counted as the service's time. Errors come on the same pipe as answers
    (`psql:<stdin>:N: ERROR: …`), so they are told apart by that prefix."""
    END = "-- bench: end of answer --"

    def __init__(self):
        self.process = subprocess.Popen([PSQL, "-qtAX", DATABASE_URL], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, bufsize=1)

    def run(self, statement):
        self.process.stdin.write(" ".join(statement.split()) + ";\n\\echo '" + self.END + "'\n")
        self.process.stdin.flush()
        lines, errors = [], []
        for line in self.process.stdout:
            line = line.rstrip("\n")
            if line == self.END:
                break
            (errors if errors or line.startswith("psql:") else lines).append(line)  # DETAIL, HINT follow
        else:
            raise subprocess.CalledProcessError(self.process.poll() or 1, "psql", "psql ended")
        if errors:
            raise subprocess.CalledProcessError(1, "psql", "\n".join(errors))
        return [line.split("|") for line in lines if line]


PSQL_SESSION = None


def sql(statement):
    global PSQL_SESSION
    if PSQL_SESSION is None:
        PSQL_SESSION = Psql()
    return PSQL_SESSION.run(statement)


def fetch(method, url, body=None, headers=None, timeout=30, opener=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def sandbox(method, path, payload=None):
    body = json.dumps(payload).encode() if payload is not None else None
    status, text = fetch(method, SANDBOX + "/_sandbox/" + path, body, {"Content-Type": "application/json"})
    assert status < 300, f"sandbox {method} {path}: {status} {text[:200]}"
    return json.loads(text)


def wait_until(predicate, timeout_s, what, step=0.2):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def bearer():
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = b64(json.dumps({"sub": USER, "name": "Ada", "iat": now, "exp": now + 600, "jti": secrets.token_hex(8),
                             "iss": "rose-ash-account", "aud": "rose-ash-social"}).encode())
    signature = hmac.new(os.environ["SOCIAL_IDENTITY_SECRET"].encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64(signature)}"


def signed_webhook(event_id, url, author=None):
    payload = {"event_id": event_id, "content_type": "blog_post", "url": url, "title": f"Bench {event_id}"}
    if author:
        payload["author"] = author
    body = json.dumps(payload).encode()
    ts = str(int(time.time()))
    signature = hmac.new(APP_SECRET.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return body, {"Content-Type": "application/json", "X-Rose-Ash-App": "bench", "X-Rose-Ash-Timestamp": ts,
                  "X-Rose-Ash-Signature": "sha256=" + signature}


def table(title, header, rows):
    print(f"\n== {title}")
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())


def wait_for(url):
    def up():
        try:
            return fetch("GET", url, timeout=1)[0] == 200
        except OSError:
            return False
    wait_until(up, 60, url)


# ---------------------------------------------------------------- 1. fragment and static vs nginx

def wrk(url, connections=64, seconds=10):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99_ms = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert errors is None, f"{url}: {errors.group(0)}"
    return rps, p99_ms


def section_fragment():
    query = urllib.parse.urlencode({"url": CONTENT_ORIGIN + "/posts/bench", "title": "Bench post", "description": "Measured",
                                    "type": "blog_post"})
    fragment = f"{SERVICE}/fragments/share-button?{query}"
    status, body = fetch("GET", fragment)
    assert status == 200, f"fragment answered {status}"
    with open(os.path.join(WORK, "www", "fragment.html"), "wb") as file:
        file.write(body)
    status, script = fetch("GET", f"{SERVICE}/static/share.js")
    assert status == 200, f"static answered {status}"
    with open(os.path.join(WORK, "www", "share.js"), "wb") as file:
        file.write(script)
    wait_for(f"{NGINX}/fragment.html")
    figures = {}
    for name, url in [("fragment", fragment), ("nginx, same bytes", f"{NGINX}/fragment.html"), ("/healthz", f"{SERVICE}/healthz"),
                      ("static share.js", f"{SERVICE}/static/share.js"), ("nginx, share.js", f"{NGINX}/share.js")]:
        figures[name] = wrk(url)
    rows = []
    for name, (rps, p99) in figures.items():
        ratio = ""
        if name == "fragment":
            ratio = f"{rps / figures['nginx, same bytes'][0]:.2f} × nginx, {rps / figures['/healthz'][0]:.2f} × /healthz"
        if name == "static share.js":
            ratio = f"{rps / figures['nginx, share.js'][0]:.2f} × nginx, {rps / figures['/healthz'][0]:.2f} × /healthz"
        rows.append([name, f"{rps:,.0f}", f"{p99:.2f}", ratio])
    table("fragment and static file, 64 connections, 10 s each (wrk -t2 -c64)", ["what", "requests/s", "p99 ms", "ratio"], rows)


# ---------------------------------------------------------------- 2. webhook intake, open loop

async def open_loop(requests_, rate, connections=64):
    """Puts each request on a queue at its scheduled time whatever the earlier ones are doing;
    `connections` keep-alive connections take them in turn. Latency counts from the scheduled
    time, so a slow server shows as latency (no coordinated omission)."""
    host, port = "127.0.0.1", int(SERVICE.rsplit(":", 1)[1])
    queue = asyncio.Queue()
    latencies, failures = [], []

    async def send(reader, writer, raw):
        writer.write(raw)
        await writer.drain()
        status_line = await reader.readline()
        length = 0
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        await reader.readexactly(length)
        return status_line

    async def worker():
        reader = writer = None
        while True:
            item = await queue.get()
            if item is None:
                break
            raw, scheduled = item
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                status_line = await send(reader, writer, raw)
                if b" 202 " not in status_line:
                    failures.append(status_line)
            except (OSError, asyncio.IncompleteReadError) as error:
                failures.append(repr(error))
                writer = None
            latencies.append(time.perf_counter() - scheduled)
        if writer is not None:
            writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    start = time.perf_counter() + 0.2
    for index, raw in enumerate(requests_):
        scheduled = start + index / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((raw, scheduled))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    return latencies, failures


def section_webhooks(rate=500, seconds=10):
    host = SERVICE.split("//", 1)[1]
    prepared = []
    run = secrets.token_hex(3)
    for n in range(rate * seconds):
        body, headers = signed_webhook(f"load-{run}-{n}", f"{CONTENT_ORIGIN}/posts/load-{run}-{n}")
        head = f"POST /webhooks/publish HTTP/1.1\r\nHost: {host}\r\nContent-Length: {len(body)}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        prepared.append(head.encode() + b"\r\n" + body)
    latencies, failures = asyncio.run(open_loop(prepared, rate))
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
    stored = sql(f"SELECT count(*) FROM publish_events WHERE event_id LIKE 'load-{run}-%'")[0][0]
    table(f"webhook intake, open loop at {rate} requests/s for {seconds} s (pre-signed, one new event each)",
          ["requests", "not accepted", "stored", "p50 ms", "p90 ms", "p99 ms", "max ms"],
          [[len(latencies), len(failures), stored, f"{pct(0.5):.1f}", f"{pct(0.9):.1f}", f"{pct(0.99):.1f}", f"{latencies[-1] * 1000:.1f}"]])
    if failures:
        print(f"  first refusal: {failures[0]!r}")


# ---------------------------------------------------------------- 3. share fan-out at 200 ms

def connections(count, user=USER):
    """`count` Mastodon connections of `user`, one per instance host."""
    sql(f"INSERT INTO users (id, display_name) VALUES ('{user}', 'Ada') ON CONFLICT DO NOTHING")
    have = sql(f"SELECT id FROM social_connections WHERE user_id = '{user}' ORDER BY id")
    for n in range(len(have), count):
        instance = f"{user}-{n}.example"
        token = sandbox("POST", "tokens", {"platform": "mastodon", "account": MASTODON_ACCOUNT, "client_id": "bench",
                                           "scopes": ["read", "write"], "instance": instance})["access_token"]
        encrypted = FERNET.encrypt(token.encode()).decode()
        extra = json.dumps({"instance_url": f"https://{instance}"})
        sql(f"""INSERT INTO social_connections (user_id, platform, platform_user_id, platform_username, display_name,
                    access_token_enc, scopes, extra_data)
                VALUES ('{user}', 'mastodon', '{MASTODON_ACCOUNT}@{instance}', 'ada', 'Ada @ {instance}', '{encrypted}',
                    'read write', '{extra}'::jsonb)""")
    return [int(row[0]) for row in sql(f"SELECT id FROM social_connections WHERE user_id = '{user}' ORDER BY id LIMIT {count}")]


class Browser:
    def __init__(self, user=USER):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/auth/login")
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        status, _ = self.post("/auth/dev-login", [("_csrf", csrf), ("user_id", user)])
        assert status == 200, f"dev login answered {status}"

    def get(self, path):
        status, body = fetch("GET", SERVICE + path, opener=self.opener)
        assert status == 200, f"GET {path}: {status}"
        return body.decode()

    def post(self, path, fields):
        return fetch("POST", SERVICE + path, urllib.parse.urlencode(fields).encode(),
                     {"Origin": SERVICE, "Content-Type": "application/x-www-form-urlencoded"}, opener=self.opener)

    def csrf(self, path):
        return re.search(r'name="_csrf" value="([^"]+)"', self.get(path)).group(1)


def manual_share(person, ids, label):
    url = f"{CONTENT_ORIGIN}/posts/manual-{label}-{secrets.token_hex(3)}"
    csrf = person.csrf("/social/share/?" + urllib.parse.urlencode({"url": url, "title": "Bench"}))
    fields = [("_csrf", csrf), ("url", url), ("title", "Bench"), ("idempotency_key", "bench-" + secrets.token_hex(12))]
    fields += [("account", str(i)) for i in ids]
    start = time.perf_counter()
    status, body = person.post("/social/share/", fields)
    elapsed = time.perf_counter() - start
    assert status == 200, f"share answered {status}"
    published = body.decode().count("Published —")
    assert published == len(ids), f"{published} of {len(ids)} published"
    return elapsed


def auto_share(ids, label):
    """Seconds from sending the webhook until the bench sees every share published, and where
    that time went (from the rows' own timestamps)."""
    url = f"{CONTENT_ORIGIN}/posts/auto-{label}-{secrets.token_hex(3)}"
    event_id = f"auto-{label}-{secrets.token_hex(3)}"
    body, headers = signed_webhook(event_id, url, author=USER)
    sent = time.time()
    start = time.perf_counter()
    status, text = fetch("POST", SERVICE + "/webhooks/publish", body, headers)
    assert status == 202, f"webhook answered {status} {text[:200]}"
    wait_until(lambda: int(sql(f"SELECT count(*) FROM social_shares WHERE shared_url = '{url}' AND status = 'published'")[0][0]) == len(ids),
               120, f"{len(ids)} auto-shares of {url}", step=0.01)
    elapsed = time.perf_counter() - start
    # Shares by their URL (a job records its share only after the share is finished).
    marks = sql(f"""SELECT extract(epoch FROM e.received_at), extract(epoch FROM (SELECT min(created_at) FROM auto_shares WHERE event_id = e.id)),
                           extract(epoch FROM min(s.created_at)), extract(epoch FROM max(s.created_at)), extract(epoch FROM max(s.updated_at)),
                           extract(epoch FROM max(s.updated_at - s.created_at))
                    FROM publish_events e JOIN social_shares s ON s.shared_url = '{url}'
                    WHERE e.event_id = '{event_id}' GROUP BY e.id, e.received_at""")[0]
    stored, planned, first, started, finished, slowest = (float(mark) for mark in marks)
    # The service's time: from sending the webhook to the last post's recorded finish (the same
    # machine's clock on both sides); `elapsed` adds the bench's own polling until it saw them.
    return finished - sent, elapsed, [stored - sent, planned - stored, first - planned, started - first, finished - started,
                                      sent + elapsed - finished, slowest]


def section_fanout():
    ids = connections(50)
    sandbox("POST", "failures", {"platform": "mastodon", "mode": "slow", "latency": LATENCY, "path_contains": "/statuses"})
    person = Browser()
    rows = []
    breakdown = []
    rules = []
    try:
        manual_share(person, ids[:1], "warm")  # first requests open connections and read instance documents
        for count in (1, 6, 50):
            manual = min(manual_share(person, ids[:count], f"m{count}-{n}") for n in range(2))
            for connection in ids[len(rules):count]:
                status, text = fetch("POST", SERVICE + "/api/v1/rules", json.dumps({"connection_id": connection, "mode": "auto"}).encode(),
                                     {"Authorization": f"Bearer {bearer()}", "Content-Type": "application/json"})
                assert status == 201, f"rule: {status} {text[:200]}"
                rules.append(json.loads(text)["id"])
            automatic, seen, steps = min((auto_share(ids[:count], f"a{count}-{n}") for n in range(2)), key=lambda run: run[0])
            rows.append([count, f"{manual * 1000:.0f}", f"{manual / LATENCY:.2f} ×", f"{automatic * 1000:.0f}", f"{automatic / LATENCY:.2f} ×",
                         f"{seen * 1000:.0f}"])
            breakdown.append([count] + [f"{step * 1000:.0f}" for step in steps])
    finally:
        sandbox("DELETE", "failures")
    table(f"share fan-out to N Mastodon accounts, {LATENCY * 1000:.0f} ms platform latency (best of 2)",
          ["accounts", "manual ms", "manual / latency", "auto ms", "auto / latency", "auto, seen by the bench ms"], rows)
    print("  manual: the share POST's response time; auto: webhook sent → last post finished (database timestamps);")
    print("  'seen by the bench' adds the bench's own polling (a psql process every 10 ms) until it noticed")
    table("where the automatic runs' time went, ms (database timestamps; the last step includes the bench's own polling)",
          ["accounts", "webhook → stored", "→ jobs planned", "→ first post started", "→ last started", "→ last finished", "→ seen",
           "slowest post"],
          breakdown)


# ---------------------------------------------------------------- 4. queries per request

def statement_calls():
    rows = sql("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")
    return int(rows[0][0])


def queries_for(action):
    """Statements the service ran for `action`: the smallest of three tries, each started once
    the database has been quiet for a moment (background workers poll now and then, and the
    fan-out section's last jobs may still be settling), less what reading the counter costs."""
    def reading_cost():
        before = statement_calls()
        return statement_calls() - before

    counts = []
    for _ in range(3):
        # The cheapest of three readings: one that a background statement slipped into would
        # count it as the reading's own cost and make the action look cheaper than it is.
        empty = min(reading_cost() for _ in range(3))
        for _ in range(20):
            mark = statement_calls()
            time.sleep(0.25)
            if statement_calls() - mark <= empty:
                break
        before = statement_calls()
        action()
        counts.append(statement_calls() - before - empty)
    return min(counts)


def section_queries():
    try:
        sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        statement_calls()
    except subprocess.CalledProcessError:
        print("\n== queries per request: skipped — the database server does not load pg_stat_statements "
              "(this clone's PostgreSQL does from now on: make db-stop, then make bench)")
        return
    rows = []
    for count in (1, 10, 50):
        user = f"bench-q{count}"
        ids = connections(count, user)
        person = Browser(user)
        url = f"{CONTENT_ORIGIN}/posts/queries-{count}"
        page = queries_for(lambda: person.get("/social/share/?" + urllib.parse.urlencode({"url": url, "title": "Bench"})))
        csrf = person.csrf("/social/share/?" + urllib.parse.urlencode({"url": url, "title": "Bench"}))

        def post():
            fields = [("_csrf", csrf), ("url", f"{url}-{secrets.token_hex(4)}"), ("title", "Bench"),
                      ("idempotency_key", "q-" + secrets.token_hex(12))] + [("account", str(i)) for i in ids[:count]]
            status, _ = person.post("/social/share/", fields)
            assert status == 200, f"share answered {status}"
        rows.append([count, page, queries_for(post)])
    table("database statements per request (pg_stat_statements), by connected accounts", ["accounts", "share page", "share POST"], rows)


SECTIONS = {"fragment": lambda: section_fragment(), "fanout": lambda: section_fanout(), "queries": lambda: section_queries(),
            # Last: the thousands of events it leaves behind keep the workers busy for a while.
            "webhooks": lambda: section_webhooks(),
            "extraction": lambda: None}  # bench/run.sh runs that one


def main():
    wait_for(SERVICE + "/healthz")
    wait_for(SANDBOX + "/_sandbox/accounts")
    print(f"bench: release build, {os.cpu_count()} CPUs, service and load generators on the same machine")
    chosen = os.environ.get("BENCH_SECTIONS", "").split() or list(SECTIONS)
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        sys.exit(f"bench: unknown section {unknown[0]!r} (BENCH_SECTIONS takes {', '.join(SECTIONS)})")
    for name in SECTIONS:
        if name in chosen:
            SECTIONS[name]()


if __name__ == "__main__":
    sys.exit(main())
