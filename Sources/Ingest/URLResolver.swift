import Foundation

/// Resolves the URLs found in pages and feeds and keeps only web addresses.
enum URLResolver {
    /// Resolves `reference` against `base` and returns its absolute string when the result
    /// is an `http` or `https` URL with a host; anything else (`javascript:`, `data:`,
    /// `mailto:`, unparseable text, an empty value) gives `nil`.
    ///
    /// Surrounding whitespace is trimmed and inner spaces are percent-encoded first, because
    /// hand-written markup often carries them and browsers tolerate both.
    static func resolve(_ reference: String?, against base: URL?) -> String? {
        guard let cleaned = reference?.trimmingWhitespace(), !cleaned.isEmpty else { return nil }
        let escaped = cleaned.replacingOccurrences(of: " ", with: "%20")
        guard let url = URL(string: escaped, relativeTo: base)?.absoluteURL else { return nil }
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return nil }
        return url.absoluteString
    }

    /// The base for relative references in a document: its `<base href>` (itself resolved
    /// against the document URL) when that is an http(s) URL, otherwise the document URL.
    static func documentBase(baseHref: String?, documentURL: URL) -> URL {
        if let resolved = resolve(baseHref, against: documentURL), let url = URL(string: resolved) {
            return url
        }
        return documentURL
    }
}
