#!/usr/bin/env bash
# Writes .env for local development with freshly generated secrets, unless one exists.
# Usage: scripts/write-dotenv.sh PATH_TO_social-service
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ENV_FILE="$ROOT/.env"
[ -f "$ENV_FILE" ] && exit 0
BIN="$1"
secret() { python3 -c 'import secrets; print(secrets.token_hex(32))'; }
umask 077
cat > "$ENV_FILE" <<ENV
# Written by \`make run\` for local development. Never commit this file.
PUBLIC_BASE_URL=http://127.0.0.1:8080
SOCIAL_HOST=127.0.0.1
SOCIAL_PORT=8080
SOCIAL_ENCRYPTION_KEY=$("$BIN" generate-key)
SOCIAL_SESSION_SECRET=$(secret)
SOCIAL_IDENTITY_SECRET=$(secret)
SOCIAL_DEV_LOGIN=1
SOCIAL_ALLOW_PRIVATE_HOSTS=1
ENV
echo "wrote .env with new secrets"
