#!/usr/bin/env python3
"""Writes Fixtures/ingest/feeds/differential/: the feeds feedparser_diff.py compares on.

Project-written feeds, one or more per kind of broken feed the readers recover from, plus one per supported
format. Several are not UTF-8 (text editors mangle those bytes), hence a generator.
Run from anywhere: python3 scripts/differential/make_feed_fixtures.py — the outputs are committed.
"""
import base64
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "Fixtures" / "ingest" / "feeds" / "differential"
NS = ('xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" '
      'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/"')


def rss(encoding, channel_title, items, extra_ns=NS):
    body = "".join(f"<item>{item}</item>\n" for item in items)
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0" {extra_ns}>\n<channel>\n'
            f"<title>{channel_title}</title>\n<link>https://diff.rose-ash.example/</link>\n"
            f"<description>Differential fixture</description>\n{body}</channel>\n</rss>\n")


FEEDS = {
    # Class 1: one bare & early on; every later &amp; &lt; &gt; must survive.
    "bare-ampersand.xml": rss("utf-8", "Fish & Chips Weekly", [
        "<title>Salt & vinegar</title><link>https://diff.rose-ash.example/?id=1&amp;page=1</link>"
        "<guid>https://diff.rose-ash.example/?id=1&amp;page=1</guid><pubDate>Tue, 14 May 2024 08:30:00 GMT</pubDate>"
        "<description>a &lt;b&gt;bold&lt;/b&gt; claim &amp; more</description>",
        "<title>Q&A &amp; answers</title><link>https://diff.rose-ash.example/?a=1&b=2</link>"
        "<guid isPermaLink=\"false\">qa-2</guid><pubDate>Wed, 15 May 2024 09:00:00 +0100</pubDate>"
        "<description>R&amp;D &gt; marketing</description>",
    ]).encode("utf-8"),
    # Class 2: HTML named entities, undeclared.
    "html-entities.xml": rss("utf-8", "Caf&eacute; &amp; Bar", [
        "<title>Cr&egrave;me br&ucirc;l&eacute;e &mdash; &euro;4&hellip;</title>"
        "<link>https://diff.rose-ash.example/creme</link><pubDate>Thu, 16 May 2024 10:00:00 GMT</pubDate>"
        "<description>&ldquo;Quoted&rdquo;&nbsp;text &copy; 2024 &amp; &lt;i&gt;more&lt;/i&gt;</description>",
        "<title>Numeric &#233;t&#233; &#x2014; &#8220;ok&#8221;</title><link>https://diff.rose-ash.example/ete</link>"
        "<description>Plain</description>",
    ]).encode("utf-8"),
    # Class 3: Atom 0.3.
    "atom03.xml": ("""<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="en">
  <title>Rose Ash Old Log</title>
  <tagline>Notes from 2004</tagline>
  <link rel="alternate" type="text/html" href="https://old.rose-ash.example/"/>
  <copyright>Rose Ash</copyright>
  <modified>2004-06-01T12:00:00Z</modified>
  <author><name>Mara Quill</name></author>
  <entry>
    <title>First kiln</title>
    <link rel="alternate" type="text/html" href="https://old.rose-ash.example/2004/first-kiln"/>
    <id>tag:old.rose-ash.example,2004:1</id>
    <issued>2004-05-30T09:00:00+02:00</issued>
    <modified>2004-05-31T10:00:00Z</modified>
    <created>2004-05-29T08:00:00Z</created>
    <content type="text/html" mode="escaped">&lt;p&gt;It &lt;em&gt;worked&lt;/em&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Second kiln</title>
    <link rel="alternate" type="text/html" href="https://old.rose-ash.example/2004/second"/>
    <id>tag:old.rose-ash.example,2004:2</id>
    <issued>2004-06-01T11:00:00Z</issued>
    <modified>2004-06-01T11:00:00Z</modified>
    <summary>Second summary</summary>
    <content type="text/plain" mode="base64">""" + base64.b64encode(b"Base64 body").decode() + """</content>
  </entry>
  <entry>
    <title>Third kiln</title>
    <link rel="alternate" type="text/html" href="https://old.rose-ash.example/2004/third"/>
    <id>tag:old.rose-ash.example,2004:3</id>
    <issued>2004-06-02T08:00:00Z</issued>
    <modified>2004-06-02T08:00:00Z</modified>
    <content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <b>xhtml</b></p></div></content>
  </entry>
</feed>
""").encode("utf-8"),
    # Class 3: an encoding label nobody knows, over UTF-8 bytes.
    "unknown-encoding.xml": rss("x-klingon", "Caf\u00e9 cr\u00e8me", [
        "<title>\u00c7a marche</title><link>https://diff.rose-ash.example/ca</link><description>d\u00e9j\u00e0 vu</description>",
    ]).encode("utf-8"),
    # Class 4: items with no link or title; namespace fallbacks.
    "namespace-fallbacks.xml": rss("utf-8", "Kiln Radio", [
        '<guid isPermaLink="false">kiln-radio-1</guid><dc:date>2024-05-01T10:00:00Z</dc:date>',
        '<guid isPermaLink="false">kiln-radio-2</guid><dc:title>Episode two</dc:title><itunes:summary>Two &amp; more.</itunes:summary>',
        '<guid isPermaLink="false">kiln-radio-3</guid><media:title>Episode three</media:title>'
        "<content:encoded><![CDATA[<p>Three <b>bold</b></p>]]></content:encoded><pubDate>Fri, 03 May 2024 10:00:00 GMT</pubDate>",
        '<guid isPermaLink="false">kiln-radio-4</guid><itunes:subtitle>Episode four</itunes:subtitle>'
        "<dc:creator>Jo Harrow</dc:creator><dc:date>2024-05-04T10:00:00+02:00</dc:date>",
        "<guid>https://diff.rose-ash.example/episodes/5</guid><title>Episode five</title>",
    ]).encode("utf-8"),
    # Class 5: ISO-8859-1 declared, windows-1252 bytes (curly quotes, ellipsis, euro).
    "latin1-with-1252-bytes.xml": rss("ISO-8859-1", "\u201cQuoted\u201d caf\u00e9 \u2026 \u20ac5", [
        "<title>Cr\u00e8me \u2013 br\u00fbl\u00e9e</title><link>https://diff.rose-ash.example/latin1</link>",
    ]).encode("cp1252"),
    # Class 5: a byte windows-1252 does not define (0x81), then more text and items.
    "windows-1252-undefined-byte.xml": rss("windows-1252", "A\x81B caf\xe9", [
        "<title>Second \xe9t\xe9</title><link>https://diff.rose-ash.example/?a=1&amp;b=2</link>",
    ]).encode("latin-1"),
    # Class 5: real windows-1251 text with one undefined byte (0x98).
    "windows-1251-undefined-byte.xml": rss("windows-1251", "\u0418\u043d\u0442\u0435\u0440\u0435\u0441\u043d\u044b\u0435 \u043d\u0430\u0431\u043b\u044e\u0434\u0435\u043d\u0438\u044f", [
        "<title>\u041f\u0435\u0440\u0432\u0430\u044f BYTE98 \u0437\u0430\u043f\u0438\u0441\u044c</title><link>https://diff.rose-ash.example/ru/1</link>",
        "<title>\u0412\u0442\u043e\u0440\u0430\u044f</title><link>https://diff.rose-ash.example/ru/2</link>",
    ]).encode("cp1251").replace(b"BYTE98", b"\x98"),
    # Class 5: UTF-8 bytes declared windows-1251 (0x98 is the second byte of UTF-8 "И").
    "utf8-declared-1251.xml": rss("windows-1251", "\u0418\u043d\u0442\u0435\u0440\u0435\u0441\u043d\u044b\u0435 \u043d\u0430\u0431\u043b\u044e\u0434\u0435\u043d\u0438\u044f\u2026", [
        "<title>\u0418\u0442\u043e\u0433\u0438</title><link>https://diff.rose-ash.example/ru/3</link>",
    ]).encode("utf-8"),
    # Supported formats: RSS 0.91, RSS 1.0, RSS 0.90, Atom 1.0, JSON Feed 1.1.
    "rss091.xml": b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="0.91"><channel><title>Rose Ash 0.91</title><link>https://diff.rose-ash.example/</link>
<description>Old style</description><language>en</language>
<item><title>Old item</title><link>https://diff.rose-ash.example/old</link><description>Old &amp; plain</description></item>
</channel></rss>
""",
    "rss10.rdf": b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://diff.rose-ash.example/"><title>Rose Ash RDF</title><link>https://diff.rose-ash.example/</link><description>RSS 1.0</description></channel>
<item rdf:about="https://diff.rose-ash.example/rdf/1"><title>RDF one</title><link>https://diff.rose-ash.example/rdf/1</link>
<description>First</description><dc:date>2024-05-01T10:00:00+01:00</dc:date><dc:creator>Mara Quill</dc:creator></item>
</rdf:RDF>
""",
    "rss090.rdf": b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Rose Ash 0.90</title><link>https://diff.rose-ash.example/</link><description>1999</description></channel>
<item><title>Ninety</title><link>https://diff.rose-ash.example/090</link></item>
</rdf:RDF>
""",
    "atom10.xml": b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Rose Ash &lt;b&gt;Atom&lt;/b&gt;</title>
<link rel="alternate" href="https://diff.rose-ash.example/"/><id>urn:rose-ash:atom</id><updated>2024-05-20T12:00:00Z</updated>
<entry><title>Atom one</title><link href="https://diff.rose-ash.example/atom/1"/><id>urn:rose-ash:atom:1</id>
<published>2024-05-18T08:00:00+01:00</published><updated>2024-05-19T21:30:45Z</updated>
<summary type="html">&lt;p&gt;Summary &amp;amp; more&lt;/p&gt;</summary><author><name>Eira Lloyd</name></author></entry>
<entry><title>Atom two</title><link href="https://diff.rose-ash.example/atom/2"/><id>urn:rose-ash:atom:2</id>
<updated>2024-05-02T10:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Inline <i>two</i></div></content></entry>
</feed>
""",
    "jsonfeed11.json": b"""{"version": "https://jsonfeed.org/version/1.1", "title": "Rose Ash JSON", "home_page_url": "https://diff.rose-ash.example/",
 "items": [
  {"id": "j1", "url": "https://diff.rose-ash.example/json/1", "title": "JSON one", "content_html": "<p>One &amp; two</p>",
   "summary": "One summary", "date_published": "2024-05-10T13:00:00Z", "date_modified": "2024-05-11T09:00:00+02:00"},
  {"id": "j2", "url": "https://diff.rose-ash.example/json/2", "title": "JSON two", "content_text": "Plain two",
   "date_published": "2024-05-12T13:00:00Z"}
 ]}
""",
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in FEEDS.items():
        (OUT / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
