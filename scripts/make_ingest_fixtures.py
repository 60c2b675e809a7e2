#!/usr/bin/env python3
"""Writes the non-UTF-8 fixtures in Fixtures/ingest/ (text editors mangle these bytes).

Run from anywhere: python3 scripts/make_ingest_fixtures.py
The outputs are committed; rerun only after changing this script.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "Fixtures" / "ingest"


def page(charset_tag: str, title: str, description: str) -> str:
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f"{charset_tag}\n"
        f"<title>{title}</title>\n"
        f'<meta name="description" content="{description}">\n'
        "</head>\n<body><p>Rose Ash</p></body>\n</html>\n"
    )


def write(relative: str, data: bytes) -> None:
    path = ROOT / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path.relative_to(ROOT.parent.parent)} ({len(data)} bytes)")


def main() -> None:
    # Declared ISO-8859-1, but bytes 0x93/0x94/0x85 are windows-1252 punctuation, as on many
    # real pages; browsers (and we) decode the label as windows-1252.
    latin1 = page(
        '<meta charset="ISO-8859-1">',
        "Caf\u00e9 cr\u00e8me at the kiln \u201copen day\u201d\u2026",
        "Na\u00efve glazes, sm\u00f8rrebr\u00f8d and \u00bd-price seconds",
    )
    write("html/latin1.html", latin1.encode("cp1252"))

    win1252 = page(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        "Seconds sale \u2013 every mug \u20ac5 \u2014 \u2018while they last\u2019",
        "Tickets \u20ac12 \u2022 \u201cbring a bag\u201d",
    )
    write("html/windows-1252.html", win1252.encode("cp1252"))

    sjis = page(
        '<meta charset="Shift_JIS">',
        "\u8584\u7070\u306e\u7aaf\u3000\u6625\u306e\u7a74\u7aaf\u713c\u6210",
        "\u85aa\u3092\u4e09\u30c8\u30f3\u3001\u4e94\u65e5\u9593\u713c\u304d\u307e\u3057\u305f\u3002",
    )
    write("html/shift_jis.html", sjis.encode("shift_jis"))

    # No meta tag at all: only the HTTP header can say what this is.
    header_only = page("", "Cr\u00e8me br\u00fbl\u00e9e \u2013 \u20ac4", "No charset declared in the page")
    write("html/header-only-1252.html", header_only.encode("cp1252"))

    # A UTF-8 BOM wins over a meta tag that wrongly claims ISO-8859-1.
    bom = page('<meta charset="iso-8859-1">', "Caf\u00e9 \u2615 \u2014 BOM wins", "Byte-order mark test")
    write("html/utf8-bom.html", b"\xef\xbb\xbf" + bom.encode("utf-8"))

    rss = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<rss version="2.0"><channel>\n'
        "<title>Rose Ash - Atelier fran\u00e7ais</title>\n"
        "<link>https://rose-ash.example/fr/</link>\n"
        "<item><title>Premi\u00e8re cuisson r\u00e9ussie</title>"
        "<link>/fr/premiere-cuisson</link>"
        "<pubDate>Sat, 06 Apr 2024 10:00:00 +0200</pubDate></item>\n"
        "</channel></rss>\n"
    )
    write("feeds/rss-latin1.xml", rss.encode("latin-1"))


if __name__ == "__main__":
    main()
