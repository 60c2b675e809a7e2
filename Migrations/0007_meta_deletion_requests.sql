-- Data-deletion requests from Meta's callbacks (Facebook, Instagram, Threads apps): the
-- confirmation code Meta shows the person and what was deleted, for the public status page.
-- Nothing here names the person: their connections are gone when the row is written.
CREATE TABLE meta_deletion_requests (
    code                text PRIMARY KEY CHECK (code ~ '^[a-f0-9]{32}$'),
    app                 text NOT NULL CHECK (app IN ('facebook', 'instagram', 'threads')),
    connections_deleted integer NOT NULL CHECK (connections_deleted >= 0),
    requested_at        timestamptz NOT NULL DEFAULT now()
);
