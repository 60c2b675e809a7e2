#!/usr/bin/env python3
"""Regenerates Fixtures/fernet/python.json with Python's `cryptography` Fernet.

Each case records the key, the plaintext, the time and IV used, and the token Python made, so
the Swift tests can check both directions: Swift decrypts Python's tokens, and Swift's
encryption with the same time and IV produces the same bytes Python does.
Run: python3 scripts/make_fernet_fixtures.py  (needs `pip install cryptography`).
"""
import base64
import json
import pathlib

from cryptography.fernet import Fernet

OUT = pathlib.Path(__file__).resolve().parent.parent / "Fixtures" / "fernet" / "python.json"

CASES = [
    ("access token", "EAAB-sandbox-access-token-0001"),
    ("empty string", ""),
    ("exactly one block", "0123456789abcdef"),
    ("non-ASCII text", "jeton d'accès — ключ 🔑"),
    ("long refresh token", "rt_" + "x" * 500),
]


def main() -> None:
    cases = []
    for index, (name, plaintext) in enumerate(CASES):
        key = base64.urlsafe_b64encode(bytes((index * 7 + i) % 256 for i in range(32))).decode()
        iv = bytes((index * 13 + i * 3 + 101) % 256 for i in range(16))
        when = 1_764_000_000 + index * 3600
        token = Fernet(key)._encrypt_from_parts(plaintext.encode("utf-8"), when, iv).decode()
        assert Fernet(key).decrypt(token.encode()).decode("utf-8") == plaintext
        cases.append({
            "name": name,
            "key": key,
            "plaintext": plaintext,
            "time": when,
            "iv_hex": iv.hex(),
            "token": token,
        })
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "cryptography.fernet", "cases": cases}, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
