import Foundation

/// `{"error": {...}}` as Meta sends it (docs/platforms/facebook.md, "Errors").
struct MetaErrorEnvelope: Decodable {
    struct Body: Decodable {
        var message: String?
        var code: Int
        var errorSubcode: Int?
        var errorUserMsg: String?
        var isTransient: Bool?

        enum CodingKeys: String, CodingKey {
            case message, code, errorSubcode = "error_subcode", errorUserMsg = "error_user_msg", isTransient = "is_transient"
        }
    }

    var error: Body
}
