/// One named fragment: a small piece of HTML that the content apps fetch server-side and embed in
/// their own pages (plan 5a). A handler renders from the request's query parameters alone, so it
/// must not touch a database, the network or the session: it runs on every content page view.
protocol FragmentHandler: Sendable {
    /// The name under `/fragments/`, such as `share-button`.
    var name: String { get }

    /// Renders the fragment's HTML from the decoded query parameters. Throws a `FragmentError`
    /// (400) naming the parameter when one is missing or unacceptable.
    func render(_ query: FragmentQuery) throws -> String
}
