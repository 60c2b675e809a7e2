-- The page's declared language (a BCP 47 tag, checked by the service), which Bluesky posts carry.
ALTER TABLE content_items ADD COLUMN language text CHECK (language IS NULL OR length(language) <= 35);
