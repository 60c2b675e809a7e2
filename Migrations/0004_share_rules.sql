-- Share rules per connection (issue 6): one-click preselection or automatic sharing of matching
-- publish events, and the auto-share jobs those rules create.
CREATE TABLE share_rules (
    id               bigserial PRIMARY KEY,
    user_id          text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    connection_id    bigint NOT NULL REFERENCES social_connections (id) ON DELETE CASCADE,
    mode             text NOT NULL CHECK (mode IN ('one_click', 'auto')),
    -- Empty means "any".
    content_types    text[] NOT NULL DEFAULT '{}',
    source_apps      text[] NOT NULL DEFAULT '{}',
    tags             text[] NOT NULL DEFAULT '{}',
    tags_match       text NOT NULL DEFAULT 'any' CHECK (tags_match IN ('any', 'all')),
    delay_seconds    integer NOT NULL DEFAULT 0 CHECK (delay_seconds BETWEEN 0 AND 604800),
    message_template text NOT NULL DEFAULT '{title}',
    enabled          boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX share_rules_user_idx ON share_rules (user_id, id);

-- One job per (event, connection): a publish event can never be auto-shared twice to an account.
CREATE TABLE auto_shares (
    id              bigserial PRIMARY KEY,
    event_id        bigint NOT NULL REFERENCES publish_events (id) ON DELETE CASCADE,
    rule_id         bigint REFERENCES share_rules (id) ON DELETE SET NULL,
    connection_id   bigint NOT NULL REFERENCES social_connections (id) ON DELETE CASCADE,
    user_id         text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message         text,
    state           text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'waiting_reconnect', 'done')),
    detail          text,
    outcome         text,
    share_id        bigint REFERENCES social_shares (id) ON DELETE SET NULL,
    attempts        integer NOT NULL DEFAULT 0,
    run_after       timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT auto_shares_once UNIQUE (event_id, connection_id)
);
CREATE INDEX auto_shares_due_idx ON auto_shares (run_after) WHERE state <> 'done';
