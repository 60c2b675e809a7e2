/// X v2 error body: RFC 7807 problem JSON, or the legacy `{"errors":[{"code","message"}]}`
/// still shown in the rate-limit docs (docs/platforms/twitter.md, "Errors"). All fields optional.
struct TwitterProblem: Decodable {
    struct LegacyError: Decodable { var code: Int?; var message: String? }

    var title: String?
    var detail: String?
    var type: String?
    var errors: [LegacyError]?

    /// The problem type's last path segment (`usage-capped`, `client-forbidden`): the prefix
    /// differs between api.twitter.com and api.x.com (docs/platforms/twitter.md, "Errors").
    var kind: String? { type.flatMap { $0.split(separator: "/").last.map(String.init) } }

    /// A short human sentence from the body, without anything the request carried.
    var summary: String? { (detail ?? errors?.first?.message ?? title).map { String($0.prefix(200)) } }
}
