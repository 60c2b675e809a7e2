#!/usr/bin/env python3
"""Writes hostile seeds: HTML pages into DIR/FuzzHTML, JSON-LD blocks into
DIR/FuzzJSONLD. Usage: Fuzz/seeds.py DIR.

They are generated rather than checked in (one is 7 MB). Fuzz/run.sh replays each in full,
under the same time and memory limits as fuzzing, before libFuzzer truncates its corpus to
-max_len. The same pages are built by Tests/IngestTests (HostileInput.swift,
HTMLStructureLimitTests.swift).
"""
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
out = root / "FuzzHTML"
out.mkdir(parents=True, exist_ok=True)
json_out = root / "FuzzJSONLD"
json_out.mkdir(parents=True, exist_ok=True)
meta = ('<meta property="og:title" content="After the deep part"><meta name="author" content="Mara Quill">'
        '<script type="application/ld+json">{"@type": "Article", "headline": "h", '
        '"datePublished": "2024-05-01T00:00:00Z"}</script>')

def write(name, text):
    (out / name).write_bytes(text if isinstance(text, bytes) else text.encode())

# 100,000 unclosed elements, then the metadata (libxml2 stops at depth 256 on its own).
write("deep-nesting.html", "<html><body>" + "<div>" * 100_000 + meta)
write("deep-spans-stray-ends.html", "<html><body>" + "<span>" * 200_000 + "</b>" * 200_000 + meta)
# 0.6-1 MB floods of empty elements, comments and stray </p>: libxml2 builds a node for each, so
# 8 MB of them took 400 MB. each is three times HTMLMarkupBounds.maximumNodes; 8 MB floods stay
# under the memory limit but need 1.5-4 s here under coverage instrumentation (0.3-0.4 s without).
write("element-flood.html", "<html><body>" + "<li>" * 150_000 + meta)
write("comment-flood.html", "<html><body>" + "<!---->" * 150_000 + meta)
write("stray-p-flood.html", "<html><body>" + "</p>" * 150_000 + meta)
# A leading NUL byte, and NULs inside a tag.
write("leading-nul.html", b"\0<html><head><title>Kiln</title>\0<meta\0 name=author content=x>" + meta.encode())
# One element with 40,000 attributes (0.5 MB).
write("many-attributes.html", '<html><head><meta name="author" content="Mara Quill"'
      + "".join(f' a{i}="value"' for i in range(40_000)) + "><title>After the big tag</title>" + meta)
write("many-attributes-unquoted.html", "<p " + "".join(f"a{i}=b " for i in range(100_000)) + ">" + meta)
# 7 MB of JSON-LD: one @graph of 100,000 objects chained by @id references.
nodes = "".join(f',{{"@type":"Thing","@id":"#n{i}","name":"{i}",'
                f'"next":{{"@id":"#n{i + 1}"}}}}' for i in range(100_000))
write("huge-jsonld.html", '<html><head><title>huge</title><meta property="og:title" content="A page with a huge graph">'
      '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
      '{"@type": "Article", "@id": "#article", "headline": "Graph headline", "author": {"@id": "#n0"}}'
      + nodes + "]}</script></head><body></body></html>")
(json_out / "huge-graph.json").write_text('{"@graph": [{"@type": "Article", "headline": "h"}' + nodes + "]}")
(json_out / "many-references.json").write_text("[" + ",".join(['{"@type":"Thing","@id":"#x","a":{"@id":"#x"}}'] * 150_000) + "]")
# Many small JSON-LD blocks, each just under any per-block limit.
block = '<script type="application/ld+json">[' + ",".join(['{"@type":"Thing","@id":"#x","a":{"@id":"#x"}}'] * 5_500) + "]</script>"
write("many-jsonld-blocks.html", "<html><head>" + block * 28 + "</head></html>")
