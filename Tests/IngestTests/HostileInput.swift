import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A hostile 7 MB page: a head with ordinary metadata, then one JSON-LD `@graph` of
/// objects that each reference the next by `@id` (`Fuzz/seeds.py` writes the same page).
enum HugeJSONLDPage {
    static func html(references: Int) -> [UInt8] {
        var page = """
            <html><head><title>huge</title><meta property="og:title" content="A page with a huge graph">
            <meta name="author" content="Mara Quill">
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
            {"@type": "Article", "@id": "#article", "headline": "Graph headline", "author": {"@id": "#n0"}}
            """
        for index in 0..<references {
            page += ##",{"@type":"Thing","@id":"#n\##(index)","name":"\##(index)","next":{"@id":"#n\##(index + 1)"}}"##
        }
        page += "]}</script></head><body></body></html>"
        return Array(page.utf8)
    }
}

/// Captures what is written to file descriptor 2 while `body` runs, through a temporary file
/// (a pipe could fill up and block the writer).
enum StandardError {
    static func capture(_ body: () throws -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        let file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        try #require(file >= 0)
        defer {
            close(file)
            unlink(path)
        }
        fflush(nil)
        let saved = dup(2)
        try #require(saved >= 0)
        dup2(file, 2)
        defer {
            fflush(nil)
            dup2(saved, 2)
            close(saved)
        }
        try body()
        fflush(nil)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
