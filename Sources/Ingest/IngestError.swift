/// Why `Ingest` could not turn bytes into metadata or a feed.
///
/// A struct over a private code so new cases can be added without breaking callers; callers
/// branch on `kind` (for example to choose an HTTP status at the service edge) and show
/// `description`, which says what went wrong and what to try.
package struct IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    fileprivate enum Code: Sendable, Hashable {
        case tooLarge, unparseable, notAFeed, emptyDocument
    }

    /// The category of an `IngestError`, for comparisons and mapping to responses.
    package struct Kind: Sendable, Hashable, CustomStringConvertible {
        fileprivate let code: Code
        /// The input was bigger than the caller's limit.
        package static let tooLarge = Kind(code: .tooLarge)
        /// The input could not be parsed at all.
        package static let unparseable = Kind(code: .unparseable)
        /// The input parsed, but is not RSS, Atom or JSON Feed.
        package static let notAFeed = Kind(code: .notAFeed)
        /// The input had no content.
        package static let emptyDocument = Kind(code: .emptyDocument)

        package var description: String { "\(code)" }
    }

    private let code: Code
    /// A sentence a person can act on; free of secrets (it never includes request headers).
    package let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The category of this error.
    package var kind: Kind { Kind(code: code) }

    /// The document has `byteCount` bytes, more than the `limit` the caller allows.
    package static func tooLarge(byteCount: Int, limit: Int) -> IngestError {
        IngestError(
            .tooLarge,
            "The document is \(byteCount) bytes, over the \(limit)-byte limit; "
                + "fetch less (the metadata is near the start) or raise the limit.")
    }

    /// Nothing usable could be parsed; `reason` says what was wrong.
    package static func unparseable(_ reason: String) -> IngestError {
        IngestError(.unparseable, "The document could not be parsed: \(reason).")
    }

    /// The document parsed but is not a feed; `found` describes what it is instead.
    package static func notAFeed(found: String) -> IngestError {
        IngestError(
            .notAFeed,
            "This is not an RSS, Atom or JSON feed (found \(found)); "
                + "check the URL points at the feed rather than a web page.")
    }

    /// The document had no bytes (or only whitespace).
    package static func emptyDocument() -> IngestError {
        IngestError(.emptyDocument, "The document is empty; check the fetch returned a body.")
    }
}
