"""What the differential checks against the sandbox share: start `social-sandbox` on a free port,
call its inspection API, run each check and report. Imported by mastodon_py.py and tweepy_x.py."""
import json
import socket
import subprocess
import time
import traceback
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sandbox_call(base, method, path, payload=None):
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(f"{base}/_sandbox/{path}", data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def run(binary, name, checks):
    """Runs every check against a fresh sandbox; prints one line each and 'N passed, N failed'
    last. Returns the exit status: 1 when a check failed."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sandbox = subprocess.Popen([binary, "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                sandbox_call(base, "GET", "accounts")
                break
            except OSError:
                time.sleep(0.1)
        passed = failed = 0
        for check in checks:
            try:
                check(base)
                passed += 1
                print(f"{name}: {check.__name__} passed")
            except Exception:  # noqa: BLE001 - report and go on
                failed += 1
                print(f"{name}: {check.__name__} FAILED")
                traceback.print_exc()
        print(f"{name} differential: {passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        sandbox.terminate()
        sandbox.wait(10)
