"""Differential check: our feed parser (social-service resolve --feed) against feedparser.

feedparser (https://feedparser.readthedocs.io/) is the reference for "what feeds in the wild
look like"; we aim to read whatever it reads. For every fixture in
Fixtures/ingest/feeds/differential/ (written by make_feed_fixtures.py) both parsers run and
these are compared: the feed title and, per item in order, title, link, id, the item's date,
its update time (Atom and JSON Feed, where both sides read one), and the summary as text.

Normalisation (applied to both sides): text is compared as text content — HTML tags removed,
entities decoded, whitespace (including no-break spaces) collapsed; dates as UTC instants.
The item's date is our publishedAt against feedparser's published › created › updated (each of
us falls back in its own way when there is no publication date).

Where we differ on purpose, INTENTIONAL lists the fixture, item and field with the reason. An
unexplained difference, or a listed one that no longer occurs, fails the run.
Usage: feedparser_diff.py PATH_TO_social-service — prints one line per case, exits non-zero on failure.
"""
import calendar
import html
import html.parser
import json
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import feedparser

FIXTURES = Path(__file__).resolve().parents[2] / "Fixtures" / "ingest" / "feeds" / "differential"
FEED_URL = "https://diff.rose-ash.example/feed"

# fixture → Content-Type it is served with (None: no header).
CASES = {
    "bare-ampersand.xml": "application/rss+xml",
    "html-entities.xml": "application/rss+xml",
    "atom03.xml": "application/atom+xml",
    "unknown-encoding.xml": None,
    "namespace-fallbacks.xml": "application/rss+xml",
    "latin1-with-1252-bytes.xml": None,
    "windows-1252-undefined-byte.xml": None,
    "windows-1251-undefined-byte.xml": None,
    "utf8-declared-1251.xml": None,
    "rss091.xml": "application/rss+xml",
    "rss10.rdf": "application/rdf+xml",
    "rss090.rdf": "application/rdf+xml",
    "atom10.xml": "application/atom+xml",
    "jsonfeed11.json": "application/feed+json",
}

# (fixture, item index or None for the feed, field) → why we differ from feedparser on purpose.
INTENTIONAL = {
    ("bare-ampersand.xml", 0, "id"):
        "feedparser's loose (SGML) fallback, used once the feed is not well-formed, leaves &amp; undecoded "
        "in <guid>; XML says &amp; is &, and our link and id agree",
    ("bare-ampersand.xml", 1, "title"):
        "feedparser's SGML fallback reads the bare '&A' in 'Q&A' as an entity and writes 'Q&A;'; we keep the "
        "publisher's text",
    ("namespace-fallbacks.xml", 3, "title"):
        "itunes:subtitle is our last title fallback; feedparser files it as the subtitle only",
    ("windows-1252-undefined-byte.xml", None, "title"):
        "0x81 is undefined in windows-1252: we write U+FFFD and go on; feedparser falls "
        "through to a decoder that yields the C1 control U+0081",
    ("windows-1251-undefined-byte.xml", None, "title"):
        "one undefined byte (0x98) makes feedparser reject windows-1251 and decode the whole feed as "
        "windows-1252 (mojibake); we keep the declared windows-1251 and replace the one byte with U+FFFD",
    ("windows-1251-undefined-byte.xml", 0, "title"):
        "as above: U+FFFD for the undefined byte instead of decoding the feed as windows-1252",
    ("windows-1251-undefined-byte.xml", 1, "title"):
        "as above: the rest of the feed stays Cyrillic",
    ("jsonfeed11.json", None, "title"):
        "feedparser 6.0.14 has no JSON Feed reader (it tries XML and fails); JSON Feed 1.0/1.1 is a format we read",
    ("jsonfeed11.json", None, "item count"):
        "as above: feedparser finds no items in JSON Feed",
}

# Differences that follow from a documented rule of ours rather than from one fixture.
GENERAL_RULES = {
    "id falls back to link":
        "an RSS item without <guid> (or rdf:about) has our link as its id (Sources/Ingest/RSSFeedReader.swift); "
        "feedparser leaves the id empty",
}


def general_rule(field, mine_item, a, b):
    """The GENERAL_RULES entry explaining this difference, or None."""
    if field == "id" and b is None and a is not None and a == mine_item.get("link"):
        return "id falls back to link"
    return None


# Elements that do not separate words (the same list as LibXML.plainText's).
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
          "small", "span", "strong", "sub", "sup", "time", "u", "var", "font"}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag not in INLINE:
            self.parts.append(" ")


def text(value):
    """Text content of a string that may be HTML, whitespace-normalised; None when blank."""
    if value is None:
        return None
    if "<" in value or "&" in value:
        parser = _Text()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    value = re.sub(r"[\s\u00a0]+", " ", value).strip()
    return value or None


def ours_instant(value):
    if value is None:
        return None
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc).timestamp())


def theirs_instant(entry, *keys):
    for key in keys:
        if dict.__contains__(entry, key + "_parsed") and dict.__getitem__(entry, key + "_parsed"):
            return calendar.timegm(dict.__getitem__(entry, key + "_parsed"))
    return None


def ours(binary, path, content_type):
    command = [binary, "resolve", "--feed", str(path), "--url", FEED_URL]
    if content_type:
        command += ["--content-type", content_type]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"social-service resolve failed: {result.stderr.strip()}")
    return json.loads(result.stdout)


def theirs(path, content_type):
    headers = {"content-location": FEED_URL}
    if content_type:
        headers["content-type"] = content_type
    return feedparser.parse(path.read_bytes(), response_headers=headers)


def get(entry, key):
    return dict.get(entry, key)


def compare(name, mine, reference):
    """Yields (item index or None, field, ours, theirs) for every difference."""
    fields = [(None, "title", text(mine.get("title")), text(reference.feed.get("title")))]
    atom_or_json = mine["format"] in ("atom", "jsonFeed")
    fields.append((None, "item count", len(mine["items"]), len(reference.entries)))
    for index in range(min(len(mine["items"]), len(reference.entries))):
        item, entry = mine["items"][index], reference.entries[index]
        fields += [
            (index, "title", text(item.get("title")), text(get(entry, "title"))),
            (index, "link", item.get("link"), get(entry, "link")),
            (index, "id", item.get("id"), get(entry, "id")),
            (index, "date", ours_instant(item.get("publishedAt")), theirs_instant(entry, "published", "created", "updated")),
            (index, "summary", text(item.get("summary")), text(get(entry, "summary"))),
        ]
        if atom_or_json:
            fields.append((index, "updated", ours_instant(item.get("updatedAt")), theirs_instant(entry, "updated")))
    for index, field, a, b in fields:
        if a != b:
            yield index, field, a, b, (mine["items"][index] if index is not None else mine)


def main(binary):
    failures = 0
    seen = set()
    rules_used = {}
    for name, content_type in CASES.items():
        path = FIXTURES / name
        mine = ours(binary, path, content_type)
        reference = theirs(path, content_type)
        problems = []
        explained = []
        for index, field, a, b, mine_item in compare(name, mine, reference):
            key = (name, index, field)
            where = "feed" if index is None else f"item {index + 1}"
            rule = general_rule(field, mine_item, a, b)
            if rule:
                rules_used[rule] = rules_used.get(rule, 0) + 1
            elif key in INTENTIONAL:
                seen.add(key)
                explained.append(f"    intentional, {where} {field}: ours {a!r}, feedparser {b!r} — {INTENTIONAL[key]}")
            else:
                problems.append(f"    UNEXPLAINED, {where} {field}: ours {a!r}, feedparser {b!r}")
        status = "FAIL" if problems else "ok"
        print(f"{status:4} {name} ({mine['format']}, {len(mine['items'])} items; feedparser bozo={int(bool(reference.bozo))})")
        for line in problems + explained:
            print(line)
        failures += len(problems)
    stale = [key for key in INTENTIONAL if key not in seen]
    for name, index, field in stale:
        where = "feed" if index is None else f"item {index + 1}"
        print(f"STALE reason: {name} {where} {field} no longer differs; remove it from INTENTIONAL")
    failures += len(stale)
    for rule, count in rules_used.items():
        print(f"rule '{rule}' explained {count} difference(s): {GENERAL_RULES[rule]}")
    print(f"{len(CASES)} feeds compared, {failures} unexplained difference(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
