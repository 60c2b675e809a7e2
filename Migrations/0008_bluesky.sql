-- Bluesky joins the platforms a connection, and an authorization in flight, may name.
ALTER TABLE social_connections DROP CONSTRAINT social_connections_platform_check;
ALTER TABLE social_connections ADD CONSTRAINT social_connections_platform_check
    CHECK (platform IN ('facebook', 'instagram', 'threads', 'twitter', 'linkedin', 'mastodon', 'bluesky'));

ALTER TABLE oauth_states DROP CONSTRAINT oauth_states_platform_check;
ALTER TABLE oauth_states ADD CONSTRAINT oauth_states_platform_check
    CHECK (platform IN ('facebook', 'instagram', 'threads', 'twitter', 'linkedin', 'mastodon', 'bluesky'));
