-- Foundation schema: users, platform connections, share history, Mastodon apps, identity handoffs.
-- Applied once by `social-service migrate` inside a transaction and recorded in schema_migrations.

-- Users belong to the host platform (Rose Ash's account service): the id is theirs, no passwords here.
CREATE TABLE users (
    id           text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
    display_name text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- One row per connected platform account (plan 1a). Tokens are Fernet-encrypted (plan 1c).
CREATE TABLE social_connections (
    id                bigserial PRIMARY KEY,
    user_id           text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform          text NOT NULL CHECK (platform IN ('facebook', 'instagram', 'threads', 'twitter', 'linkedin', 'mastodon')),
    platform_user_id  text NOT NULL,
    platform_username text,
    display_name      text,
    access_token_enc  text,
    refresh_token_enc text,
    token_expires_at  timestamptz,
    scopes            text,
    extra_data        jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- plan 6a: a failed refresh marks the connection so the UI can prompt a reconnect.
    status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reconnect')),
    last_error        text,
    last_error_at     timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    revoked_at        timestamptz,
    CONSTRAINT social_connections_platform_user_key UNIQUE (platform, platform_user_id),
    -- A revoked connection keeps no usable secret.
    CONSTRAINT social_connections_revoked_has_no_tokens
        CHECK (revoked_at IS NULL OR (access_token_enc IS NULL AND refresh_token_enc IS NULL))
);
CREATE INDEX social_connections_user_platform_idx ON social_connections (user_id, platform);

-- Every share attempt (plan 6b): written as pending before the platform call, then its outcome.
CREATE TABLE social_shares (
    id                bigserial PRIMARY KEY,
    connection_id     bigint NOT NULL REFERENCES social_connections (id) ON DELETE CASCADE,
    user_id           text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    shared_url        text NOT NULL,
    shared_title      text,
    message           text,
    platform_post_id  text,
    platform_post_url text,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'failed', 'unconfirmed')),
    error_kind        text,
    error_message     text,
    -- The person chose "share again": this row repeats an earlier published share on purpose.
    repeat_of         bigint REFERENCES social_shares (id) ON DELETE SET NULL,
    -- One submitted form (or one auto-share job) carries one key; the same key posts once per account.
    idempotency_key   text NOT NULL,
    origin            text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'auto')),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT social_shares_idempotency_key UNIQUE (connection_id, idempotency_key)
);
-- A URL can be live (pending, published or possibly published) on a connection only once,
-- unless the person explicitly asked to share it again: the database refuses a second post.
CREATE UNIQUE INDEX social_shares_one_live_share_idx
    ON social_shares (connection_id, shared_url)
    WHERE status IN ('pending', 'published', 'unconfirmed') AND repeat_of IS NULL;
CREATE INDEX social_shares_user_created_idx ON social_shares (user_id, created_at DESC, id DESC);
CREATE INDEX social_shares_url_idx ON social_shares (shared_url);

-- Mastodon apps are registered once per instance and reused across users (plan 2e).
CREATE TABLE mastodon_apps (
    instance_url      text PRIMARY KEY,
    client_id         text NOT NULL,
    client_secret_enc text NOT NULL,
    redirect_uri      text NOT NULL,
    scopes            text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_used_at      timestamptz NOT NULL DEFAULT now()
);

-- Handoff tokens are single-use: their `jti` is remembered until they would have expired anyway.
CREATE TABLE identity_handoffs (
    jti        text PRIMARY KEY,
    user_id    text NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_handoffs_expires_idx ON identity_handoffs (expires_at);
