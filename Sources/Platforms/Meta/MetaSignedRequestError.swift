/// Why a Meta `signed_request` was refused. Descriptions never repeat the request, its signature
/// or the app secret: they only say which check failed.
package struct MetaSignedRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The check that failed.
    package enum Code: String, Sendable, Equatable {
        /// No `signed_request`, an empty one, or one longer than the size limit.
        case missing, tooLarge
        /// Not two base64url parts separated by one dot, or the signature is not 32 bytes.
        case malformed
        /// The HMAC does not match the payload under this app's secret.
        case badSignature
        /// The payload is not a JSON object.
        case unreadablePayload
        /// `algorithm` is absent or not `HMAC-SHA256`.
        case wrongAlgorithm
        /// `issued_at` is absent or not a whole number of seconds.
        case missingIssuedAt
        /// `issued_at` is older than the allowed age, or further in the future than the allowed skew.
        case stale, fromTheFuture
        /// `user_id` is absent, `"0"`, or not an app-scoped id (digits).
        case missingUser
    }

    /// The check that failed.
    package let code: Code

    package init(_ code: Code) { self.code = code }

    package var description: String {
        switch code {
        case .missing: "The signed_request field is missing or empty."
        case .tooLarge: "The signed_request is longer than \(MetaSignedRequest.maximumLength) characters."
        case .malformed: "The signed_request is not a base64url signature and payload separated by a dot."
        case .badSignature: "The signed_request's signature does not match this app."
        case .unreadablePayload: "The signed_request's payload is not a JSON object."
        case .wrongAlgorithm: "The signed_request's algorithm is not HMAC-SHA256."
        case .missingIssuedAt: "The signed_request has no issued_at time."
        case .stale: "The signed_request was issued more than \(Int(MetaSignedRequest.maximumAge)) seconds ago."
        case .fromTheFuture: "The signed_request was issued in the future; check the clocks."
        case .missingUser: "The signed_request names no user (user_id)."
        }
    }
}
