#!/usr/bin/env bash
# Writes .env for local development with freshly generated secrets, unless one exists.
# Usage: scripts/write-dotenv.sh PATH_TO_social-service
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ENV_FILE="$ROOT/.env"
[ -f "$ENV_FILE" ] && exit 0
BIN="$1"
secret() { python3 -c 'import secrets; print(secrets.token_hex(32))'; }
KEY="$("$BIN" generate-key)"
[ -n "$KEY" ] || { echo "could not generate SOCIAL_ENCRYPTION_KEY" >&2; exit 1; }
umask 077
cat > "$ENV_FILE.tmp" <<ENV
# Written by \`make run\` for local development. Never commit this file.
PUBLIC_BASE_URL=http://127.0.0.1:8080
SOCIAL_HOST=127.0.0.1
SOCIAL_PORT=8080
SOCIAL_ENCRYPTION_KEY=$KEY
SOCIAL_SESSION_SECRET=$(secret)
SOCIAL_IDENTITY_SECRET=$(secret)
SOCIAL_DEV_LOGIN=1
SOCIAL_ALLOW_PRIVATE_HOSTS=1
# Sandbox mode: every platform is emulated by social-sandbox on this address, and these demo
# app credentials are registered there (the sandbox reads the same variables).
SOCIAL_SANDBOX_URL=http://127.0.0.1:8100
SOCIAL_FACEBOOK_APP_ID=sandbox-facebook-app
SOCIAL_FACEBOOK_APP_SECRET=$(secret)
SOCIAL_THREADS_APP_ID=sandbox-threads-app
SOCIAL_THREADS_APP_SECRET=$(secret)
SOCIAL_TWITTER_CLIENT_ID=sandbox-x-client
SOCIAL_TWITTER_CLIENT_SECRET=$(secret)
SOCIAL_LINKEDIN_CLIENT_ID=sandbox-linkedin-client
SOCIAL_LINKEDIN_CLIENT_SECRET=$(secret)
# The demo content apps (blog, events, market) sign their publish webhooks with these.
DEMO_BLOG_SECRET=$(secret)
DEMO_EVENTS_SECRET=$(secret)
DEMO_MARKET_SECRET=$(secret)
ENV
mv "$ENV_FILE.tmp" "$ENV_FILE"
echo "wrote .env with new secrets"
