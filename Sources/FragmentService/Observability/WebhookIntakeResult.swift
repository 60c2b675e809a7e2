/// How one webhook delivery ended, as counted in `social_webhooks_total{result}`.
enum WebhookIntakeResult: String, Sendable {
    /// Verified, valid and stored as a new event.
    case accepted
    /// Verified and valid, but the app had sent this event id before (answered 202 again).
    case duplicate
    /// Larger than the body cap.
    case tooLarge = "too_large"
    /// The app, timestamp or signature header is missing.
    case unsigned
    /// The timestamp is more than the tolerance away from now.
    case staleTimestamp = "stale_timestamp"
    /// No registered app has this id.
    case unknownApp = "unknown_app"
    /// The signature does not match the body and timestamp.
    case badSignature = "bad_signature"
    /// Signed, but not JSON of the expected shape.
    case malformed
    /// Decoded, but a field was refused (422).
    case invalid
    /// Failed on our side (the database, say).
    case error
}
