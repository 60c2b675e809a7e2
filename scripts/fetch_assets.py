#!/usr/bin/env python3
"""Puts Font Awesome 6 Free (icons the plan names) under Sources/FragmentService/Public/vendor.

The files come from the `fontawesomefree` package on PyPI (the Font Awesome Free distribution),
so nothing is ever loaded from a CDN at run time. Re-running is a no-op once they are there.
License: icons CC BY 4.0, fonts SIL OFL 1.1, CSS MIT (see the package).
"""
import pathlib
import subprocess
import sys
import tempfile
import zipfile

VERSION = "6.6.0"
ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "Sources" / "FragmentService" / "Public" / "vendor" / "fontawesome"
PREFIX = "fontawesomefree/static/fontawesomefree/"
FILES = [
    "css/fontawesome.min.css", "css/brands.min.css", "css/solid.min.css",
    "webfonts/fa-brands-400.woff2", "webfonts/fa-brands-400.ttf",
    "webfonts/fa-solid-900.woff2", "webfonts/fa-solid-900.ttf",
]


def main() -> int:
    stamp = TARGET / f".version-{VERSION}"
    if stamp.exists():
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--disable-pip-version-check",
                 "-d", tmp, f"fontawesomefree=={VERSION}"], check=True)
        except subprocess.CalledProcessError:
            print("warning: could not fetch fontawesomefree; pages will show no icons", file=sys.stderr)
            return 0
        wheel = next(pathlib.Path(tmp).glob("fontawesomefree-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            for name in FILES:
                out = TARGET / name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(archive.read(PREFIX + name))
    stamp.write_text(VERSION + "\n")
    print(f"Font Awesome Free {VERSION} placed in {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
