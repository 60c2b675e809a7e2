"""Differential check: atproto (MarshalX's Python SDK, from PyPI) against the sandbox's Bluesky.

The SDK is written against the real Bluesky: its models decode the answers of bsky.social and
of the PDSes behind it, and its exceptions are what those answers raise. Where the SDK cannot
decode an answer of the sandbox, raises a different exception than Bluesky's answer would give
it, or where the sandbox accepts a record the SDK's models (built from the lexicons) call
invalid, the sandbox is wrong. The SDK talks to https://bsky.social and, after login, to the PDS
its DID document names; an httpx transport brings every https://HOST/PATH call to the sandbox,
which serves it at BASE/HOST/PATH. Answers are decoded a second time with the SDK's strict
string formats (DIDs, handles, AT-URIs, CIDs, datetimes), which the SDK leaves off by default.
Usage: atproto_bsky.py PATH_TO_social-sandbox — starts the sandbox on a free port itself.
Prints 'N passed, N failed' last; exits non-zero on a failure.
"""
import hashlib
import json
import struct
import sys
import urllib.request
import zlib

import httpx
from atproto import Client, Session, SessionEvent, client_utils, exceptions, models
from atproto_client.models.blob_ref import BlobRef
from atproto_client.models.utils import get_model_as_dict, get_or_create
from atproto_client.request import Request
from atproto_core.cid import CID
from sandbox_run import run, sandbox_call

# The sandbox's demo accounts (Sources/Sandbox/NOTES.md, "Demo accounts").
ADA = "did:plc:adal2vela3eengine4notes5"
ADA_HANDLE = "ada.bsky.social"
ADA_PASSWORD = "ad4a-lv3l-c2e7-x9qa"
ADA_PDS = "https://morel.us-east.host.bsky.network"
GRACE = "did:web:grace.example"
GRACE_HANDLE = "grace.example"
GRACE_PASSWORD = "gr4c-hp3r-c0b0-l7xz"
GRACE_PDS = "https://pds.grace.example"
POST = "app.bsky.feed.post"


class ToSandbox(httpx.HTTPTransport):
    """Sends https://HOST/PATH to BASE/HOST/PATH and keeps the last JSON answer of each XRPC method."""

    def __init__(self, base):
        super().__init__()
        self.base = httpx.URL(base)
        self.answers = {}

    def handle_request(self, request):
        if request.url.scheme == "https":
            host = request.url.host
            request.url = self.base.copy_with(path=f"/{host}{request.url.path}", query=request.url.query or None)
            request.headers["Host"] = self.base.netloc.decode()
        response = super().handle_request(request)
        if "/xrpc/" in request.url.path and "application/json" in response.headers.get("content-type", ""):
            response.read()
            self.answers[request.url.path.rsplit("/", 1)[-1]] = json.loads(response.content)
        return response


def sdk(base, service="https://bsky.social"):
    transport = ToSandbox(base)
    client = Client(base_url=service, request=Request(transport=transport))
    return client, transport


def strict(transport, nsid, model):
    """Decodes the last answer of `nsid` again with the SDK's model and its strict string formats."""
    return get_or_create(transport.answers[nsid], model, strict=True, strict_string_format=True)


def login(base, handle=ADA_HANDLE, password=ADA_PASSWORD, service="https://bsky.social"):
    client, transport = sdk(base, service)
    client.login(handle, password)
    return client, transport


def png(width, height, noise=False):
    """A valid PNG; with `noise` its pixels do not compress, to make it large."""
    seed = hashlib.sha256(b"thumb").digest()
    rows = []
    for y in range(height):
        if noise:
            row = b""
            while len(row) < width * 3:
                seed = hashlib.sha256(seed).digest()
                row += seed
            rows.append(b"\x00" + row[: width * 3])
        else:
            rows.append(b"\x00" + bytes(value for x in range(width) for value in (x * 7 % 256, y * 5 % 256, 128)))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def sandbox_posts(base):
    return sandbox_call(base, "GET", "posts?platform=bluesky")


def xrpc_error(error):
    content = error.response.content if error.response is not None else None
    return getattr(content, "error", None), getattr(content, "message", None)


def refused(call, exception, name, status=400, what=""):
    """Runs `call`, which must raise `exception` with the XRPC error `name`; answers the message."""
    what = f"{what}: " if what else ""
    try:
        call()
    except exception as error:
        assert error.response is not None and error.response.status_code == status, (what, error.response.status_code if error.response else None, status)
        got, message = xrpc_error(error)
        assert got == name, f"{what}expected {name}, got {got}: {message}"
        return message
    raise AssertionError(f"{what}accepted; expected {exception.__name__} {name}")


# --- checks ----------------------------------------------------------------------------------


def check_app_password_login_profile_refresh(base):
    client, transport = sdk(base)
    changes = []
    client.on_session_change(lambda event, session: changes.append((event, session)))
    profile = client.login(ADA_HANDLE, ADA_PASSWORD)
    # The SDK decoded createSession and getProfile with its models, then moved to the PDS of the DID document.
    assert profile.did == ADA and profile.handle == ADA_HANDLE and profile.display_name == "Ada Lovelace", profile
    session = Session.decode(client.export_session_string())
    assert session.pds_endpoint == ADA_PDS, session.pds_endpoint
    assert changes and changes[0][0] == SessionEvent.CREATE, changes
    created = strict(transport, "com.atproto.server.createSession", models.ComAtprotoServerCreateSession.Response)
    assert created.did == ADA and created.handle == ADA_HANDLE and created.active is True, created
    strict(transport, "app.bsky.actor.getProfile", models.AppBskyActorDefs.ProfileViewDetailed)
    payload = session.access_jwt_payload
    assert payload.sub == ADA and payload.exp and payload.iat and payload.exp - payload.iat == 7200, payload
    assert session.refresh_jwt_payload.exp - session.refresh_jwt_payload.iat == 90 * 86_400
    # Another account's profile; Grace has no display name.
    grace = client.get_profile(GRACE_HANDLE)
    assert grace.did == GRACE and grace.display_name is None, grace
    me = client.com.atproto.server.get_session()
    assert me.did == ADA and me.handle == ADA_HANDLE, me
    strict(transport, "com.atproto.server.getSession", models.ComAtprotoServerGetSession.Response)

    # Refresh: a session whose access token runs out within the SDK's 15-minute margin is refreshed
    # by the SDK before its next call, with the refresh JWT of the login.
    short = sandbox_call(base, "POST", "tokens", {"platform": "bluesky", "account": ADA, "client_id": "app-password", "scopes": [], "kind": "access", "expires_in": 600})
    stale = Session(ADA_HANDLE, ADA, short["access_token"], session.refresh_jwt, ADA_PDS)
    again, again_transport = sdk(base)
    refreshes = []
    again.on_session_change(lambda event, s: refreshes.append((event, s)))
    again.login(session_string=stale.export())
    assert [event for event, _ in refreshes] == [SessionEvent.IMPORT, SessionEvent.REFRESH], refreshes
    renewed = refreshes[-1][1]
    assert renewed.refresh_jwt != session.refresh_jwt and renewed.access_jwt != short["access_token"], "refresh did not rotate"
    assert renewed.pds_endpoint == ADA_PDS, renewed.pds_endpoint
    strict(again_transport, "com.atproto.server.refreshSession", models.ComAtprotoServerRefreshSession.Response)
    assert again.me is not None and again.me.did == ADA, again.me
    # The rotated refresh JWT, used again within Bluesky's 2-hour grace, gives the same successor.
    replay = again.com.atproto.server.refresh_session(headers={"Authorization": f"Bearer {session.refresh_jwt}"})
    assert replay.refresh_jwt == renewed.refresh_jwt and replay.did == ADA, replay
    # An access token is not a refresh token.
    message = refused(
        lambda: again.com.atproto.server.refresh_session(headers={"Authorization": f"Bearer {renewed.access_jwt}"}),
        exceptions.BadRequestError,
        "InvalidToken",
    )
    assert message, message
    # A wrong password is 401 AuthenticationRequired, which the SDK raises as UnauthorizedError.
    wrong, _ = sdk(base)
    refused(lambda: wrong.login(ADA_HANDLE, "aaaa-bbbb-cccc-dddd"), exceptions.UnauthorizedError, "AuthenticationRequired", status=401)
    # Grace's self-hosted PDS: the SDK logs in there and stays there (her DID document names it).
    grace_client, _ = login(base, GRACE_HANDLE, GRACE_PASSWORD, service=GRACE_PDS)
    assert Session.decode(grace_client.export_session_string()).pds_endpoint == GRACE_PDS
    assert grace_client.me is not None and grace_client.me.did == GRACE


def link_post_text():
    """Text with emoji, a ZWJ sequence and CJK before the links, so byte offsets differ from characters."""
    builder = client_utils.TextBuilder()
    builder.text("👩🏽‍🔬 窯の記録 — kiln notes, café edition: ")
    builder.link("https://blog.rose-ash.example/posts/kiln", "https://blog.rose-ash.example/posts/kiln")
    builder.text(" 🔥 続き ")
    builder.link("rose-ash.example/posts/glaze-chemistry-for-beginn…", "https://rose-ash.example/posts/glaze-chemistry-for-beginners")
    builder.text(" ")
    builder.tag("#陶芸", "陶芸")
    return builder


def sdk_facets(builder):
    """The facets the SDK computed, in the inspection API's shape."""
    text = builder.build_text().encode("utf-8")
    listed = []
    for facet in builder.build_facets():
        start, end = facet.index.byte_start, facet.index.byte_end
        links = [feature.uri for feature in facet.features if isinstance(feature, models.AppBskyRichtextFacet.Link)]
        entry = {"byte_start": start, "byte_end": end, "text": text[start:end].decode("utf-8")}
        if links:  # the inspection API names a link facet's URI; mention and tag facets have none
            entry["uri"] = links[0]
        listed.append(entry)
    return listed


def check_post_with_link_facets_and_card(base):
    client, transport = login(base)
    builder = link_post_text()
    text = builder.build_text()
    facets = sdk_facets(builder)
    first = facets[0]
    assert first["byte_start"] != len(text.encode("utf-8")[: first["byte_start"]].decode("utf-8")), "offsets must differ from characters"
    thumb = png(64, 48)
    upload = client.upload_blob(thumb)
    strict(transport, "com.atproto.repo.uploadBlob", models.ComAtprotoRepoUploadBlob.Response)
    blob = upload.blob
    assert blob.mime_type == "image/png" and blob.size == len(thumb), blob
    cid = blob.cid  # decoded by the SDK (libipld): a CIDv1, raw codec, SHA-256 of the bytes
    assert cid.version == 1 and cid.codec == 0x55 and cid.hash.code == 0x12 and cid.hash.digest == hashlib.sha256(thumb).digest(), cid
    card = models.AppBskyEmbedExternal.Main(
        external=models.AppBskyEmbedExternal.External(
            uri="https://blog.rose-ash.example/posts/kiln", title="Kiln notes 窯", description="What the kiln taught us this winter.", thumb=blob
        )
    )
    created = client.send_post(builder, embed=card, langs=["en", "ja"])
    answer = strict(transport, "com.atproto.repo.createRecord", models.ComAtprotoRepoCreateRecord.Response)
    assert answer.validation_status == "valid" and answer.commit is not None, answer
    assert created.uri.startswith(f"at://{ADA}/{POST}/"), created.uri
    record_cid = CID.decode(created.cid)
    assert record_cid.version == 1 and record_cid.codec == 0x71, record_cid
    rkey = created.uri.rsplit("/", 1)[-1]

    # What the sandbox recorded: exactly the SDK's facets, the card and the thumb.
    listed = [post for post in sandbox_posts(base) if post["id"] == created.uri]
    assert len(listed) == 1, sandbox_posts(base)
    post = listed[0]
    assert post["text"] == text, post["text"]
    assert post["facets"] == facets, (post["facets"], facets)
    assert post["langs"] == ["en", "ja"], post["langs"]
    assert post["link"] == "https://blog.rose-ash.example/posts/kiln" and post["card_title"] == "Kiln notes 窯", post
    assert post["thumbnail"] == blob.ref.link and post["thumbnail_bytes"] == len(thumb), post
    assert post["url"] == f"https://bsky.app/profile/{ADA}/post/{rkey}", post["url"]

    # Read back through the SDK: get_post and com.atproto.repo.getRecord decode into the post model.
    fetched = client.get_post(rkey)
    assert fetched.uri == created.uri and fetched.cid == created.cid, fetched
    value = fetched.value
    assert isinstance(value, models.AppBskyFeedPost.Record) and value.text == text and value.langs == ["en", "ja"], value
    assert [get_model_as_dict(f) for f in value.facets] == [get_model_as_dict(f) for f in builder.build_facets()], value.facets
    assert isinstance(value.embed, models.AppBskyEmbedExternal.Main), value.embed
    assert value.embed.external.thumb.ref.link == blob.ref.link and value.embed.external.thumb.size == len(thumb), value.embed
    raw = client.com.atproto.repo.get_record(models.ComAtprotoRepoGetRecord.Params(repo=ADA_HANDLE, collection=POST, rkey=rkey))
    assert raw.uri == created.uri and isinstance(raw.value, models.AppBskyFeedPost.Record), raw
    strict(transport, "com.atproto.repo.getRecord", models.ComAtprotoRepoGetRecord.Response)
    assert get_or_create(transport.answers["com.atproto.repo.getRecord"]["value"], models.AppBskyFeedPost.Record, strict_string_format=True)
    # getRecord is public: a client without a session reads it too.
    anonymous, _ = sdk(base, ADA_PDS)
    assert anonymous.com.atproto.repo.get_record(models.ComAtprotoRepoGetRecord.Params(repo=ADA, collection=POST, rkey=rkey)).cid == created.cid
    # The public page of the post.
    with urllib.request.urlopen(f"{base}/bsky.app/profile/{ADA_HANDLE}/post/{rkey}", timeout=5) as page:
        assert page.status == 200
    client.delete_post(created.uri)


CASES_TEXT = [
    # (what, text, expected error or None when accepted)
    ("300 graphemes of 2 code points each", "e\u0301" * 300, None),
    ("301 graphemes", "e\u0301" * 301, "InvalidRequest"),
    ("250 graphemes but 3,750 bytes", "👩🏽‍🔬" * 250, "InvalidRequest"),
]


def check_refusals_text_and_facets(base):
    client, _ = login(base)
    for what, text, error in CASES_TEXT:
        if error is None:
            created = client.send_post(text)
            client.delete_post(created.uri)
        else:
            message = refused(lambda text=text: client.send_post(text), exceptions.BadRequestError, error)
            assert message.startswith("Invalid app.bsky.feed.post record:"), (what, message)
    # A facet computed in characters instead of bytes lands off its link.
    text = "🎨 陶芸 café https://blog.rose-ash.example/posts/kiln"
    start = text.index("https://")
    url = text[start:]
    off = models.AppBskyRichtextFacet.Main(
        index=models.AppBskyRichtextFacet.ByteSlice(byte_start=start, byte_end=len(text)),
        features=[models.AppBskyRichtextFacet.Link(uri=url)],
    )
    refused(lambda: client.send_post(text, facets=[off]), exceptions.BadRequestError, "InvalidRequest")
    # The same facet in bytes is accepted.
    byte_start = len(text[:start].encode("utf-8"))
    right = models.AppBskyRichtextFacet.Main(
        index=models.AppBskyRichtextFacet.ByteSlice(byte_start=byte_start, byte_end=len(text.encode("utf-8"))),
        features=[models.AppBskyRichtextFacet.Link(uri=url)],
    )
    created = client.send_post(text, facets=[right])
    client.delete_post(created.uri)
    # A facet past the end of the text.
    past = models.AppBskyRichtextFacet.Main(
        index=models.AppBskyRichtextFacet.ByteSlice(byte_start=byte_start, byte_end=len(text.encode("utf-8")) + 4),
        features=[models.AppBskyRichtextFacet.Link(uri=url)],
    )
    refused(lambda: client.send_post(text, facets=[past]), exceptions.BadRequestError, "InvalidRequest")


def card(blob):
    return models.AppBskyEmbedExternal.Main(
        external=models.AppBskyEmbedExternal.External(uri="https://blog.rose-ash.example/posts/kiln", title="Kiln", description="", thumb=blob)
    )


def check_refusals_thumbs(base):
    ada, _ = login(base)
    grace, _ = login(base, GRACE_HANDLE, GRACE_PASSWORD, service=GRACE_PDS)
    # Grace's blob is not in Ada's repository.
    other = grace.upload_blob(png(16, 16)).blob
    refused(lambda: ada.send_post("Kiln notes", embed=card(other)), exceptions.BadRequestError, "BlobNotFound")
    # Over 1,000,000 bytes: the upload succeeds (the PDS allows 5 MiB), the post is refused.
    big = png(600, 600, noise=True)
    assert 1_000_000 < len(big) < 5 * 1024 * 1024, len(big)
    large = ada.upload_blob(big).blob
    assert large.size == len(big), large
    message = refused(lambda: ada.send_post("Kiln notes", embed=card(large)), exceptions.BadRequestError, "BlobTooLarge")
    assert "976.56KB" in message, message
    # A blob that is not an image.
    text_blob = ada.upload_blob(b"plain text, not an image").blob
    refused(lambda: ada.send_post("Kiln notes", embed=card(text_blob)), exceptions.BadRequestError, "InvalidMimeType")
    # A reference whose size or type differs from the stored blob.
    own = ada.upload_blob(png(8, 8)).blob
    wrong_size = BlobRef(mime_type=own.mime_type, size=own.size + 1, ref=own.ref)
    refused(lambda: ada.send_post("Kiln notes", embed=card(wrong_size)), exceptions.BadRequestError, "InvalidSize")
    wrong_type = BlobRef(mime_type="image/jpeg", size=own.size, ref=own.ref)
    refused(lambda: ada.send_post("Kiln notes", embed=card(wrong_type)), exceptions.BadRequestError, "InvalidMimeType")
    # Over the PDS's 5 MiB upload limit: 413, which the SDK raises as NetworkError.
    try:
        ada.upload_blob(b"\x00" * (5 * 1024 * 1024 + 1))
    except exceptions.NetworkError as error:
        assert error.response is not None and error.response.status_code == 413, error
        assert xrpc_error(error)[0] == "PayloadTooLarge", xrpc_error(error)
    else:
        raise AssertionError("a 5 MiB + 1 byte upload was accepted")


def check_refusals_expired_token_and_rate_limit(base):
    client, _ = login(base)
    sandbox_call(base, "POST", "failures", {"platform": "bluesky", "mode": "expired_token", "count": 1})
    message = refused(lambda: client.send_post("Kiln notes"), exceptions.BadRequestError, "ExpiredToken")
    assert message == "Token has expired", message
    # A token that really ran out (not a switched-on failure).
    gone = sandbox_call(base, "POST", "tokens", {"platform": "bluesky", "account": ADA, "client_id": "app-password", "scopes": [], "expires_in": -60})
    raw, _ = sdk(base, ADA_PDS)
    refused(
        lambda: raw.com.atproto.server.get_session(headers={"Authorization": f"Bearer {gone['access_token']}"}, ignore_session_check=True),
        exceptions.BadRequestError,
        "ExpiredToken",
    )
    # No token at all.
    refused(lambda: raw.com.atproto.server.get_session(ignore_session_check=True), exceptions.UnauthorizedError, "AuthMissing", status=401)
    sandbox_call(base, "POST", "failures", {"platform": "bluesky", "mode": "rate_limit", "count": 1})
    try:
        client.send_post("Kiln notes")
    except exceptions.RateLimitExceededError as error:
        assert error.response.status_code == 429 and xrpc_error(error)[0] == "RateLimitExceeded", error
        assert error.limit == 5000 and error.remaining == 0 and error.policy == "5000;w=3600", (error.limit, error.remaining, error.policy)
        assert error.reset_at is not None and error.reset_at.timestamp() > 0, error.reset_at
    else:
        raise AssertionError("the rate_limit failure was not raised")
    # createRecord answers carry the write budget the SDK can read.
    created = client.send_post("Kiln notes")
    client.delete_post(created.uri)


STRONG_REF = {"uri": f"at://{ADA}/{POST}/3k4duaz5vfs2b", "cid": "bafyreibjifzpqj6o6wcq3hejh7y4z4z2vmiklkvykc57tw3pcbx3kxifpm"}


def facet(feature, start=0, end=4):
    return [{"index": {"byteStart": start, "byteEnd": end}, "features": [feature]}]


# Records the SDK's models (generated from the lexicons) call invalid: the sandbox must refuse each.
INVALID_RECORDS = [
    ("mention without did", {"facets": facet({"$type": "app.bsky.richtext.facet#mention"})}),
    ("mention of a non-DID", {"facets": facet({"$type": "app.bsky.richtext.facet#mention", "did": "ada.bsky.social"})}),
    ("tag without tag", {"facets": facet({"$type": "app.bsky.richtext.facet#tag"})}),
    ("tag of 641 characters", {"facets": facet({"$type": "app.bsky.richtext.facet#tag", "tag": "k" * 641})}),
    ("link to a non-URI", {"facets": facet({"$type": "app.bsky.richtext.facet#link", "uri": "not a uri"})}),
    ("byteStart as a string", {"facets": [{"index": {"byteStart": "0", "byteEnd": 4}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "k"}]}]}),
    ("negative byteStart", {"facets": [{"index": {"byteStart": -1, "byteEnd": 4}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "k"}]}]}),
    ("facet without features", {"facets": [{"index": {"byteStart": 0, "byteEnd": 4}}]}),
    ("4 langs", {"langs": ["en", "ja", "de", "fr"]}),
    ("a non-language", {"langs": ["english!"]}),
    ("9 tags", {"tags": ["kiln"] * 9}),
    ("a tag of 641 characters", {"tags": ["k" * 641]}),
    ("reply without parent", {"reply": {"root": STRONG_REF}}),
    ("reply to an https URL", {"reply": {"root": STRONG_REF, "parent": {"uri": "https://bsky.app/x", "cid": STRONG_REF["cid"]}}}),
    ("createdAt without a zone", {"createdAt": "2026-11-27T12:00:00"}),
    ("createdAt -00:00", {"createdAt": "2026-11-27T12:00:00-00:00"}),
    ("createdAt with a space", {"createdAt": "2026-11-27 12:00:00Z"}),
    ("card without description", {"embed": {"$type": "app.bsky.embed.external", "external": {"uri": "https://rose-ash.example", "title": "t"}}}),
    ("card to a non-URI", {"embed": {"$type": "app.bsky.embed.external", "external": {"uri": "rose-ash", "title": "t", "description": ""}}}),
    ("text as a number", {"text": 3}),
]

# Invalid by the lexicons' grapheme limits, which the SDK's models do not count: refused too.
INVALID_BY_GRAPHEMES = [
    ("tag of 65 graphemes", {"facets": facet({"$type": "app.bsky.richtext.facet#tag", "tag": "é" * 65})}),
    ("a tag of 65 graphemes", {"tags": ["é" * 65]}),
]

# Valid by the lexicons; the sandbox must accept them.
VALID_RECORDS = [
    ("mention of a DID", {"facets": facet({"$type": "app.bsky.richtext.facet#mention", "did": GRACE})}),
    ("tag of 64 graphemes", {"facets": facet({"$type": "app.bsky.richtext.facet#tag", "tag": "é" * 64})}),
    ("8 tags", {"tags": ["kiln"] * 8}),
    ("a reply", {"reply": {"root": STRONG_REF, "parent": STRONG_REF}}),
    ("self-labels", {"labels": {"$type": "com.atproto.label.defs#selfLabels", "values": [{"val": "graphic-media"}]}}),
    ("createdAt with microseconds and an offset", {"createdAt": "2026-11-27T12:00:00.123456+05:30"}),
    ("createdAt with nanoseconds", {"createdAt": "2026-11-27T12:00:00.123456789Z"}),
]


def check_records_the_lexicons_refuse(base):
    client, _ = login(base)

    def create(record):
        return client.com.atproto.repo.create_record(models.ComAtprotoRepoCreateRecord.Data(repo=ADA, collection=POST, record=record))

    for what, change in INVALID_RECORDS + INVALID_BY_GRAPHEMES + VALID_RECORDS:
        record = {"$type": POST, "text": "kiln #kiln", "createdAt": "2026-11-27T12:00:00.000Z", **change}
        try:
            get_or_create(record, models.AppBskyFeedPost.Record, strict=True, strict_string_format=True)
            model_valid = True
        except exceptions.ModelError:
            model_valid = False
        valid = (what, change) in VALID_RECORDS
        assert model_valid == (valid or (what, change) in INVALID_BY_GRAPHEMES), f"{what}: the SDK's model says {model_valid}"
        if valid:
            client.delete_post(create(record).uri)
        else:
            message = refused(lambda record=record: create(record), exceptions.BadRequestError, "InvalidRequest", what=what)
            assert message.startswith("Invalid app.bsky.feed.post record:"), (what, message)


def check_delete_post(base):
    client, _ = login(base)
    created = client.send_post("Kiln notes, to be deleted")
    rkey = created.uri.rsplit("/", 1)[-1]
    assert client.delete_post(created.uri) is True
    assert all(post["id"] != created.uri for post in sandbox_posts(base)), sandbox_posts(base)
    refused(lambda: client.get_post(rkey), exceptions.BadRequestError, "RecordNotFound")


CHECKS = [
    check_app_password_login_profile_refresh,
    check_post_with_link_facets_and_card,
    check_refusals_text_and_facets,
    check_refusals_thumbs,
    check_refusals_expired_token_and_rate_limit,
    check_records_the_lexicons_refuse,
    check_delete_post,
]


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], "atproto", CHECKS))
