-- Alt text of the content's image, as a content app sent it in a webhook or the page gave it
-- (`og:image:alt` and the like), so auto-shares can describe the image to Instagram.
ALTER TABLE publish_events ADD COLUMN image_alt text CHECK (length(image_alt) <= 1000);
ALTER TABLE content_items ADD COLUMN image_alt text CHECK (length(image_alt) <= 1000);
