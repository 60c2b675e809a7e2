"""Differential check: Mastodon.py (a real client library from PyPI) against the platform sandbox.

The sandbox is written from the contracts; Mastodon.py is written from the real servers. Where
the library cannot decode or use an answer, the sandbox is wrong (or stricter than Mastodon).
Usage: mastodon_py.py PATH_TO_social-sandbox   — starts the sandbox on a free port itself.
Prints 'N passed, N failed' last; exits non-zero on a failure.
"""
import sys

from mastodon import Mastodon, MastodonAPIError
from sandbox_run import run, sandbox_call


def client(base, instance, account, scopes):
    token = sandbox_call(base, "POST", "tokens", {"platform": "mastodon", "account": account, "client_id": "mastodon-py",
                                                 "scopes": scopes, "instance": instance})["access_token"]
    # The sandbox serves every instance under its own address: https://HOST/PATH → BASE/HOST/PATH.
    return Mastodon(access_token=token, api_base_url=f"{base}/{instance}", version_check_mode="none", request_timeout=5)


def check_mastodon_instance(base):
    api = client(base, "mastodon.social", "109000000000000001", ["read", "write"])
    instance = api.instance()
    assert instance["domain"] == "mastodon.social", instance
    assert instance["configuration"]["statuses"]["max_characters"] > 0
    me = api.account_verify_credentials()
    assert me["id"] == "109000000000000001" and me["username"], me
    status = api.status_post("Differential check https://blog.rose-ash.example/posts/kiln", idempotency_key="diff-1")
    assert status["id"] and status["url"].startswith("https://mastodon.social/"), status
    again = api.status_post("Differential check https://blog.rose-ash.example/posts/kiln", idempotency_key="diff-1")
    assert again["id"] == status["id"], "Mastodon replays the status for a repeated Idempotency-Key"
    fetched = api.status(status["id"])
    assert fetched["id"] == status["id"]


def check_takahe_instance(base):
    # Takahē ignores Idempotency-Key and needs plain `read` for verify_credentials.
    narrow = client(base, "takahe.example", "109000000000000001", ["read:accounts", "write:statuses"])
    refusal = None
    try:
        narrow.account_verify_credentials()
    except MastodonAPIError as error:
        refusal = str(error)
    assert refusal is not None, "read:accounts alone was accepted by the Takahē profile"
    assert "out_of_scope" in refusal or "403" in refusal, refusal
    api = client(base, "takahe.example", "109000000000000001", ["read", "write:statuses"])
    assert api.account_verify_credentials()["username"]
    first = api.status_post("Takahē check", idempotency_key="diff-2")
    second = api.status_post("Takahē check", idempotency_key="diff-2")
    assert first["id"] != second["id"], "the Takahē profile must ignore Idempotency-Key"


CHECKS = [check_mastodon_instance, check_takahe_instance]


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], "mastodon.py", CHECKS))
