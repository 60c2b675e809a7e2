#!/usr/bin/env python3
"""Copies the schemas the sandbox conformance tests need out of a platform's OpenAPI document.

Usage: scripts/extract_spec_schemas.py SPEC.json OUT.json NAME [NAME ...]

Writes {"info": {...}, "components": {"schemas": {...}}} holding NAME and every schema it reaches
through "$ref" (so "#/components/schemas/X" references keep working), sorted, unchanged otherwise.
"""
import json
import sys


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    spec_path, out_path, roots = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    schemas = spec["components"]["schemas"]
    kept: dict = {}
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        if name not in schemas:
            print(f"unknown schema {name}", file=sys.stderr)
            return 1
        kept[name] = schemas[name]
        pending.extend(references(schemas[name]))
    info = {key: spec.get("info", {}).get(key) for key in ("title", "version", "license")}
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump({"info": info, "components": {"schemas": dict(sorted(kept.items()))}}, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"{out_path}: {len(kept)} schemas")
    return 0


def references(node) -> list:
    """Names of the component schemas a node refers to."""
    found = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.append(ref.rsplit("/", 1)[1])
        for value in node.values():
            found.extend(references(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(references(value))
    return found


if __name__ == "__main__":
    sys.exit(main())
