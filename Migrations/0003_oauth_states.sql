-- Server-side OAuth state (issue 5): one row per authorization in flight, single use, ~10 minutes.
CREATE TABLE oauth_states (
    nonce             text PRIMARY KEY,
    user_id           text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform          text NOT NULL CHECK (platform IN ('facebook', 'instagram', 'threads', 'twitter', 'linkedin', 'mastodon')),
    -- PKCE verifier, Fernet-encrypted (it would let whoever reads it redeem the code).
    code_verifier_enc text,
    instance_url      text,
    return_to         text NOT NULL DEFAULT '/social/',
    created_at        timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL
);
CREATE INDEX oauth_states_expires_idx ON oauth_states (expires_at);

-- Accounts offered by one consent and waiting for the person to choose (Facebook Pages,
-- Instagram accounts): tokens Fernet-encrypted as one JSON document, kept ~10 minutes.
CREATE TABLE pending_connections (
    id          text PRIMARY KEY,
    user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform    text NOT NULL,
    results_enc text NOT NULL,
    return_to   text NOT NULL DEFAULT '/social/',
    expires_at  timestamptz NOT NULL
);
