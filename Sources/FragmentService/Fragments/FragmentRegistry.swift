import Foundation

/// The fragment handlers keyed by name, built once by the app builder.
struct FragmentRegistry: Sendable {
    private let handlers: [String: any FragmentHandler]

    /// A registry of `handlers`; a later handler with the same name replaces an earlier one.
    init(_ handlers: [any FragmentHandler]) {
        self.handlers = Dictionary(handlers.map { ($0.name, $0) }) { _, later in later }
    }

    /// Every fragment this service offers, rendered with the shared templates.
    static func standard(views: Views, publicBaseURL: URL) -> FragmentRegistry {
        FragmentRegistry([ShareButtonFragment(views: views, publicBaseURL: publicBaseURL)])
    }

    /// The handler called `name`, if there is one.
    func handler(named name: String) -> (any FragmentHandler)? { handlers[name] }

    /// The known names, sorted, for error messages.
    var names: [String] { handlers.keys.sorted() }
}
