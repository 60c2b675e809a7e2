import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body: `+` is a space, values are percent-decoded,
/// repeated names keep every value in order (checkbox groups). Query strings use the same
/// decoding. `InputValidationMiddleware` has already refused bodies and queries whose decoded
/// text is not valid UTF-8 or holds control characters.
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ body: String) {
        pairs = Self.rawPairs(body).map { (Self.decode($0.name) ?? "", Self.decode($0.value) ?? "") }
    }

    /// The first value of `name`.
    subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// Every value of `name`.
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// The still-encoded name and value of each `name=value` part.
    static func rawPairs(_ text: String) -> [(name: Substring, value: Substring)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
    }

    /// One name or value decoded; nil when the percent-escapes do not form UTF-8.
    static func decode(_ component: Substring) -> String? {
        String(component).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

extension Request {
    /// The query string decoded as a form (`+` is a space, names decoded too) — the one query
    /// decoder; Hummingbird's `uri.queryParameters` keeps `+` and leaves names encoded.
    var queryFields: FormFields { FormFields(uri.query ?? "") }
}
