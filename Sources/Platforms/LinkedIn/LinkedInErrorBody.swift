/// LinkedIn's `/rest/` and `/v2/` error body (docs/platforms/linkedin.md, "Errors"); every field optional.
struct LinkedInErrorBody: Decodable {
    var status: Int?
    var serviceErrorCode: Int?
    var code: String?
    var message: String?

    /// The URN named by a 422 "Content is a duplicate of urn:li:share:…" (docs/platforms/linkedin.md,
    /// "Errors").
    var duplicateOf: String? {
        guard let message, let range = message.range(of: "duplicate of ") else { return nil }
        var urn = message[range.upperBound...].prefix(while: { !$0.isWhitespace && $0 != "\"" })
        while urn.last == "." { urn = urn.dropLast() }
        return urn.hasPrefix("urn:li:") ? String(urn) : nil
    }
}
