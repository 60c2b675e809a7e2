import Foundation

/// A fragment request's query string, decoded as `application/x-www-form-urlencoded` (what
/// Python's `requests` and `urllib.parse.urlencode` send): `+` is a space, `%2B` a plus.
/// It decodes with `FormFields`, the service's one query decoder, and refuses repeated names.
struct FragmentQuery: Sendable {
    private let values: [String: [String]]

    /// Decodes `query` (the part after `?`, without it). Throws 400 on malformed percent-encoding
    /// or bytes that are not UTF-8.
    init(_ query: String?) throws {
        var values: [String: [String]] = [:]
        for (rawName, rawValue) in FormFields.rawPairs(query ?? "") {
            guard let name = FormFields.decode(rawName) else {
                throw FragmentError.badQuery("has a parameter name that is not valid percent-encoded UTF-8")
            }
            guard let value = FormFields.decode(rawValue) else {
                throw FragmentError.badParameter(name, "is not valid percent-encoded UTF-8")
            }
            values[name, default: []].append(value)
        }
        self.values = values
    }

    /// The value of `name`, or nil when it is absent or empty. Throws 400 when it is given twice,
    /// since either choice could show something the caller did not mean.
    func value(_ name: String) throws -> String? {
        guard let found = values[name] else { return nil }
        guard found.count == 1 else { throw FragmentError.badParameter(name, "must be given at most once") }
        return found[0].isEmpty ? nil : found[0]
    }
}
