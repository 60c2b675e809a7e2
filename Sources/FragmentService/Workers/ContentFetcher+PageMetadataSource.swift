import Ingest

/// Ingest's fetcher is the production source of page metadata for the publish-event worker.
extension ContentFetcher: PageMetadataSource {}
