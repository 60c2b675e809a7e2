import JWTKit

/// The claims of a token minted by the account service: a short-lived HS256 JWT naming the user.
/// The README shows how the account service makes one.
struct IdentityClaims: JWTPayload {
    /// The host platform's user id.
    var sub: SubjectClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    /// Optional "not before"; `IdentityVerifier` honours it with `IdentityVerifier.clockLeeway`.
    var nbf: NotBeforeClaim?
    /// Unique per token: a handoff token is accepted once.
    var jti: IDClaim
    var iss: IssuerClaim
    var aud: AudienceClaim
    /// Optional display name to show before the user connects anything.
    var name: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
