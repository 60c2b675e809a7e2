import Platforms

/// The history filters as the page's GET form sends them: `platform` (a platform's stored name),
/// `outcome` (`published`, `unconfirmed`, `failed`, `pending`) and `origin` (`manual`,
/// `automatic`). An empty or absent value means all; anything else is refused with a 400 that
/// names the allowed values, rather than quietly listing everything under a filter the person
/// believes is applied.
extension ShareHistoryFilter {
    /// The outcome words of the form, in the order the form lists them.
    static let outcomes: [(word: String, status: ShareStatus)] = [
        ("published", .published), ("unconfirmed", .unconfirmed), ("failed", .failed), ("pending", .pending),
    ]
    /// The origin words of the form: "automatic" reads better in a link than the stored `auto`.
    static let origins: [(word: String, origin: ShareOrigin)] = [("manual", .manual), ("automatic", .auto)]

    init(query: FormFields) throws {
        self.init(
            platform: try Self.pick(query["platform"], name: "platform", from: PlatformName.allCases.map { ($0.rawValue, $0) }),
            status: try Self.pick(query["outcome"], name: "outcome", from: Self.outcomes.map { ($0.word, $0.status) }),
            origin: try Self.pick(query["origin"], name: "origin", from: Self.origins.map { ($0.word, $0.origin) }))
    }

    /// The query pairs that ask for this filter again (page links carry them).
    var queryPairs: [(String, String)] {
        var pairs: [(String, String)] = []
        if let platform { pairs.append(("platform", platform.rawValue)) }
        if let status, let word = Self.outcomes.first(where: { $0.status == status })?.word { pairs.append(("outcome", word)) }
        if let origin, let word = Self.origins.first(where: { $0.origin == origin })?.word { pairs.append(("origin", word)) }
        return pairs
    }

    private static func pick<Value>(_ text: String?, name: String, from choices: [(String, Value)]) throws -> Value? {
        guard let text, !text.isEmpty else { return nil }
        guard let found = choices.first(where: { $0.0 == text }) else {
            throw RequestError.invalid("\(name) must be one of \(choices.map(\.0).joined(separator: ", ")), or empty for all.")
        }
        return found.1
    }
}
