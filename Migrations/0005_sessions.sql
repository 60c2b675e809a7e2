-- Server-side browser sessions (issue 10 item 10): the cookie carries a random id, this table
-- only its SHA-256, so a copied cookie stops working when the person signs out (here or
-- everywhere) and a database leak holds no usable cookie. Rows live 7 days; expired rows are
-- deleted as new sessions start.
CREATE TABLE sessions (
    id_hash    bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
    user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
