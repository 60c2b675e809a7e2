/// One named fragment: a small piece of HTML that the content apps fetch server-side and embed in
/// their own pages. A handler renders from the request's query parameters alone, so it
/// must not touch a database, the network or the session: it runs on every content page view.
///
/// Rendering is split in two so the registry can cache: `input(_:)` checks and normalises the
/// query into a key, and `render(_:)` — called once per distinct key while it stays cached —
/// turns that key into HTML. Equal inputs must render equal HTML.
protocol FragmentHandler: Sendable {
    /// The checked, normalised parameters: the cache key.
    associatedtype Input: FragmentInput

    /// The name under `/fragments/`, such as `share-button`.
    var name: String { get }

    /// Checks and normalises the decoded query parameters. Throws a `FragmentError` (400) naming
    /// the parameter when one is missing or unacceptable.
    func input(_ query: FragmentQuery) throws -> Input

    /// Renders the fragment's HTML for checked input.
    func render(_ input: Input) throws -> String
}

/// A fragment handler's normalised input, used as a cache key.
protocol FragmentInput: Hashable, Sendable {
    /// Roughly what the key occupies in memory, counted against the cache's byte bound.
    var byteCount: Int { get }
}
