import Foundation

/// A fragment request's query string, decoded as `application/x-www-form-urlencoded` (what
/// Python's `requests` and `urllib.parse.urlencode` send): `+` is a space, `%2B` a plus.
/// It decodes with `FormFields`, the service's one query decoder, and refuses repeated names.
struct FragmentQuery: Sendable {
    private let fields: FormFields

    /// The query `InputValidationMiddleware` already decoded and checked.
    init(fields: FormFields) {
        self.fields = fields
    }

    /// Decodes `query` (the part after `?`, without it). Throws 400 on malformed percent-encoding
    /// or bytes that are not UTF-8.
    init(_ query: String?) throws {
        var pairs: [(String, String)] = []
        for (rawName, rawValue) in FormFields.rawPairs(query ?? "") {
            guard let name = FormFields.decode(rawName) else {
                throw FragmentError.badQuery("has a parameter name that is not valid percent-encoded UTF-8")
            }
            guard let value = FormFields.decode(rawValue) else {
                throw FragmentError.badParameter(name, "is not valid percent-encoded UTF-8")
            }
            pairs.append((name, value))
        }
        fields = FormFields(pairs: pairs)
    }

    /// The value of `name`, or nil when it is absent or empty. Throws 400 when it is given twice,
    /// since either choice could show something the caller did not mean.
    func value(_ name: String) throws -> String? {
        var found: String?
        for (candidate, value) in fields.pairs where candidate == name {
            guard found == nil else { throw FragmentError.badParameter(name, "must be given at most once") }
            found = value
        }
        guard let found, !found.isEmpty else { return nil }
        return found
    }
}
