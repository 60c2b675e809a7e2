#!/usr/bin/env python3
"""Checks docker-compose.yml without a Docker engine.

1. Validates it against the Compose specification's JSON schema (the copy shipped inside the
   `docker-compose` 1.29.2 wheel on PyPI, fetched once into var/ and cached).
2. Checks what this project promises: postgres and social-service exist, and social-service takes
   SOCIAL_ENCRYPTION_KEY and every platform credential from the shared `x-app-env` block, and the
   one-shot migrate service gets DATABASE_URL (the only setting `migrate` reads).
Usage: check_compose.py docker-compose.yml
"""
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "compose_spec.json"
REQUIRED_ENV = [
    "DATABASE_URL", "PUBLIC_BASE_URL", "SOCIAL_ENCRYPTION_KEY", "SOCIAL_SESSION_SECRET", "SOCIAL_IDENTITY_SECRET",
    "SOCIAL_FACEBOOK_APP_ID", "SOCIAL_FACEBOOK_APP_SECRET", "SOCIAL_THREADS_APP_ID", "SOCIAL_THREADS_APP_SECRET",
    "SOCIAL_TWITTER_CLIENT_ID", "SOCIAL_TWITTER_CLIENT_SECRET", "SOCIAL_LINKEDIN_CLIENT_ID", "SOCIAL_LINKEDIN_CLIENT_SECRET",
    "SOCIAL_ACCOUNT_SERVICE_TOKEN", "SOCIAL_OPERATORS", "SOCIAL_BLUESKY_CLIENT_KEY",
]


def schema() -> dict:
    if not CACHE.exists():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--disable-pip-version-check",
                 "-d", tmp, "docker-compose==1.29.2"], check=True)
            wheel = next(pathlib.Path(tmp).glob("docker_compose-*.whl"))
            with zipfile.ZipFile(wheel) as archive:
                data = archive.read("compose/config/compose_spec.json")
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(data)
    return json.loads(CACHE.read_text())


def environment(service: dict) -> dict:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def main(path: str) -> int:
    document = yaml.safe_load(pathlib.Path(path).read_text())
    errors = sorted(jsonschema.Draft7Validator(schema()).iter_errors(document), key=lambda e: list(e.path))
    problems = [f"schema: {'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors]
    services = document.get("services", {})
    for name in ("postgres", "social-service"):
        if name not in services:
            problems.append(f"service '{name}' is missing")
    shared = document.get("x-app-env") or {}
    for variable in REQUIRED_ENV:
        if variable not in shared:
            problems.append(f"x-app-env does not hold {variable}")
        if "social-service" in services and variable not in environment(services["social-service"]):
            problems.append(f"social-service does not receive {variable} (merge x-app-env into its environment)")
    if "migrate" in services and "DATABASE_URL" not in environment(services["migrate"]):
        problems.append("migrate does not receive DATABASE_URL")
    if problems:
        print(f"{path} is not valid:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"{path}: valid against the Compose specification schema; x-app-env complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docker-compose.yml"))
