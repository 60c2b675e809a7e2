import Foundation

/// The fragment handlers keyed by name, each with its own render cache, built once by the app
/// builder.
struct FragmentRegistry: Sendable {
    private let endpoints: [String: any FragmentEndpoint]

    /// A registry of `endpoints`; a later one with the same name replaces an earlier one.
    init(_ endpoints: [any FragmentEndpoint]) {
        self.endpoints = Dictionary(endpoints.map { ($0.name, $0) }) { _, later in later }
    }

    /// Every fragment this service offers, rendered with the shared templates, each cached within
    /// `FragmentCache`'s default bounds.
    static func standard(views: Views, publicBaseURL: URL) -> FragmentRegistry {
        FragmentRegistry([CachedFragment(ShareButtonFragment(views: views, publicBaseURL: publicBaseURL), cache: FragmentCache())])
    }

    /// The fragment called `name`, if there is one.
    func endpoint(named name: String) -> (any FragmentEndpoint)? { endpoints[name] }

    /// The known names, sorted, for error messages.
    var names: [String] { endpoints.keys.sorted() }
}
