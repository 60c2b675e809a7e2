"""Differential check: tweepy (the X client library from PyPI) against the sandbox's X API v2.

tweepy is written against the real X API; where it cannot decode or use the sandbox's answer, or
raises a different error class than X's answer would give it, the sandbox is wrong. tweepy always
calls https://api.twitter.com; a requests adapter brings those calls to the sandbox, which serves
every platform host under its own address (https://HOST/PATH -> BASE/HOST/PATH).
Usage: tweepy_x.py PATH_TO_social-sandbox — starts the sandbox on a free port itself.
Prints 'N passed, N failed' last; exits non-zero on a failure.
"""
import sys
import time

import tweepy
from requests.adapters import HTTPAdapter
from sandbox_run import run, sandbox_call

ADA = "1500000000000000001"


class ToSandbox(HTTPAdapter):
    """Sends https://api.twitter.com/... and https://api.x.com/... to BASE/<host>/..."""

    def __init__(self, base):
        super().__init__()
        self.base = base

    def send(self, request, **kwargs):
        for host in ("https://api.twitter.com", "https://api.x.com"):
            if request.url.startswith(host + "/"):
                request.url = f"{self.base}/{host[len('https://'):]}{request.url[len(host):]}"
        return super().send(request, **kwargs)


def client(base, scopes=("tweet.read", "tweet.write", "users.read")):
    token = sandbox_call(base, "POST", "tokens", {"platform": "twitter", "account": ADA, "client_id": "tweepy", "scopes": list(scopes)})["access_token"]
    # An OAuth 2.0 user-context token is sent as a bearer token: tweepy's user_auth=False path.
    api = tweepy.Client(bearer_token=token, wait_on_rate_limit=False)
    adapter = ToSandbox(base)
    api.session.mount("https://api.twitter.com/", adapter)
    api.session.mount("https://api.x.com/", adapter)
    return api


def check_post_read_delete(base):
    api = client(base)
    me = api.get_me(user_auth=False)
    assert me.data.id == int(ADA) and me.data.username, me
    created = api.create_tweet(text="Differential check https://blog.rose-ash.example/posts/kiln", user_auth=False)
    tweet_id = created.data["id"]
    assert tweet_id and created.data["text"].startswith("Differential check"), created
    fetched = api.get_tweet(tweet_id, user_auth=False)
    assert str(fetched.data.id) == str(tweet_id), fetched
    deleted = api.delete_tweet(tweet_id, user_auth=False)
    assert deleted.data["deleted"] is True, deleted
    try:
        api.get_tweet(tweet_id, user_auth=False)
    except tweepy.NotFound:
        pass
    else:
        # X answers 200 with an `errors` array for a deleted post; tweepy surfaces it in .errors.
        gone = api.get_tweet(tweet_id, user_auth=False)
        assert gone.data is None and gone.errors, gone


def check_errors_map_to_tweepy_exceptions(base):
    api = client(base)
    try:
        api.create_tweet(text="x" * 281, user_auth=False)
    except (tweepy.BadRequest, tweepy.Forbidden) as error:
        # X answers an over-long post with 400 or 403 (docs/platforms/twitter.md, "Errors"); it is
        # reported to answer 403 "You are not permitted to perform this action." to posts over 280
        # without Premium.
        assert error.response.status_code in (400, 403)
    else:
        raise AssertionError("a 281-character post was accepted")
    read_only = client(base, scopes=("tweet.read", "users.read"))
    try:
        read_only.create_tweet(text="without tweet.write", user_auth=False)
    except tweepy.Forbidden as error:
        assert error.response.status_code == 403
    else:
        raise AssertionError("posting without tweet.write was accepted")
    bad = tweepy.Client(bearer_token="not-a-token")
    bad.session.mount("https://api.twitter.com/", ToSandbox(base))
    try:
        bad.get_me(user_auth=False)
    except tweepy.Unauthorized as error:
        assert error.response.status_code == 401
    else:
        raise AssertionError("an unknown token was accepted")


def check_rate_limit_headers(base):
    api = client(base)
    response = api.session.get("https://api.twitter.com/2/users/me", headers={"Authorization": f"Bearer {api.bearer_token}"})
    for name in ("x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"):
        assert name in response.headers, f"{name} missing: {dict(response.headers)}"
    assert int(response.headers["x-rate-limit-reset"]) > time.time() - 5


CHECKS = [check_post_read_delete, check_errors_map_to_tweepy_exceptions, check_rate_limit_headers]


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], "tweepy", CHECKS))
