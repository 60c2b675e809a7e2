import Foundation

/// An `application/x-www-form-urlencoded` body: `+` is a space, values are percent-decoded,
/// repeated names keep every value in order (checkbox groups).
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ body: String) {
        for part in body.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            pairs.append((decode(kv[0]), kv.count > 1 ? decode(kv[1]) : ""))
        }
    }

    /// The first value of `name`.
    subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// Every value of `name`.
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
}
