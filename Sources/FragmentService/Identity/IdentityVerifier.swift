import Foundation
import JWTKit

/// Checks tokens minted by the account service (HS256 with `SOCIAL_IDENTITY_SECRET`): signature,
/// expiry, issuer, audience and a short lifetime. Handoff tokens are additionally single-use.
struct IdentityVerifier: Sendable {
    /// The longest lifetime (`exp - iat`) accepted: these are hand-offs, not long-term credentials.
    static let maximumLifetime: TimeInterval = 15 * 60
    private let keys: JWTKeyCollection
    private let issuer: String
    private let audience: String

    init(secret: String, issuer: String, audience: String) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.issuer = issuer
        self.audience = audience
    }

    /// The verified claims, or an `IdentityError` saying what is wrong.
    func verify(_ token: String, now: Date = Date()) async throws(IdentityError) -> IdentityClaims {
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .missing }
        let claims: IdentityClaims
        do {
            claims = try await keys.verify(trimmed, as: IdentityClaims.self)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw .expired
        } catch {
            throw .badSignature
        }
        guard claims.iss.value == issuer else { throw .wrongIssuer }
        guard claims.aud.value.contains(audience) else { throw .wrongAudience }
        guard claims.exp.value.timeIntervalSince(claims.iat.value) <= Self.maximumLifetime,
            claims.iat.value.timeIntervalSince(now) < 60
        else { throw .tooLong }
        guard UserID.isValid(claims.sub.value) else { throw .badSubject }
        return claims
    }
}
