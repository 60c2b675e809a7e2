/// One element's attributes, copied out of the parsed document.
///
/// Attribute names are lower-cased; values are decoded (entities already expanded by the
/// HTML parser) but otherwise untouched, so callers normalise whitespace themselves.
struct HTMLTag: Sendable, Equatable {
    /// Attribute values keyed by lower-cased attribute name. The first occurrence wins.
    var attributes: [String: String]

    /// The value of `name` (case-insensitive), or `nil` when the attribute is absent.
    subscript(_ name: String) -> String? {
        attributes[name.lowercased()]
    }

    /// The whitespace-separated tokens of `name`, lower-cased (for `rel` and similar lists).
    func tokens(_ name: String) -> [String] {
        (self[name] ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
