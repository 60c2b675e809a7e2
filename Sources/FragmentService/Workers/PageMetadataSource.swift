import Foundation
import Ingest

/// Where the worker gets a content page's own metadata. The production implementation fetches
/// the page through the outbound policy (SSRF checks, caps) and runs Ingest's extractor.
protocol PageMetadataSource: Sendable {
    func metadata(for url: URL) async throws -> ContentMetadata
}
