-- Content apps and the publish events they send (webhooks or polled feeds), and one resolved
-- record per content URL.

-- A registered content app (blog, events, market). The signing secret is Fernet-encrypted: the
-- service needs the plaintext to check signatures, so it cannot be a one-way hash.
CREATE TABLE content_apps (
    id                 text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    display_name       text NOT NULL,
    signing_secret_enc text NOT NULL,
    -- URLs in this app's events must start with one of these origins (scheme://host[:port]).
    allowed_origins    text[] NOT NULL CHECK (cardinality(allowed_origins) > 0),
    -- Apps that cannot send webhooks register a feed that the service polls instead.
    feed_url           text,
    -- What the items of that feed are (a feed does not say).
    feed_content_type  text NOT NULL DEFAULT 'blog_post' CHECK (feed_content_type IN ('blog_post', 'event', 'product')),
    feed_etag          text,
    feed_last_modified text,
    feed_polled_at     timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- One resolved record per canonical content URL.
CREATE TABLE content_items (
    id            bigserial PRIMARY KEY,
    canonical_url text NOT NULL UNIQUE,
    content_type  text,
    title         text,
    description   text,
    image_url     text,
    site_name     text,
    author        text,
    tags          text[] NOT NULL DEFAULT '{}',
    published_at  timestamptz,
    -- Everything Ingest extracted, as JSON, for fields without a column.
    metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    fetched_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Stored before the webhook is answered, so a crash after the 202 loses nothing.
CREATE TABLE publish_events (
    id              bigserial PRIMARY KEY,
    app_id          text NOT NULL REFERENCES content_apps (id) ON DELETE CASCADE,
    event_id        text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 200),
    source          text NOT NULL DEFAULT 'webhook' CHECK (source IN ('webhook', 'feed')),
    content_type    text NOT NULL CHECK (content_type IN ('blog_post', 'event', 'product')),
    url             text NOT NULL,
    title           text,
    description     text,
    image_url       text,
    tags            text[] NOT NULL DEFAULT '{}',
    author_user_id  text,
    published_at    timestamptz,
    state           text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'resolved', 'failed')),
    state_detail    text,
    attempts        integer NOT NULL DEFAULT 0,
    -- A worker that claims the event leases it until then; a crash lets the lease lapse.
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    content_item_id bigint REFERENCES content_items (id) ON DELETE SET NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    CONSTRAINT publish_events_once UNIQUE (app_id, event_id)
);
CREATE INDEX publish_events_pending_idx ON publish_events (next_attempt_at) WHERE state = 'received';
CREATE INDEX publish_events_recent_idx ON publish_events (received_at DESC, id DESC);
