import Foundation
import JWTKit
import SocialCore

/// Checks tokens minted by the account service (HS256 with `SOCIAL_IDENTITY_SECRET`): the
/// algorithm (HS256 and nothing else, whatever key would match), signature, expiry, `nbf`,
/// issuer, audience, a short lifetime and the text of the claims. Handoff tokens are
/// additionally single-use.
struct IdentityVerifier: Sendable {
    /// The longest lifetime (`exp - iat`) accepted: these are hand-offs, not long-term credentials.
    static let maximumLifetime: TimeInterval = 15 * 60
    /// How far the account service's clock may run ahead of ours for `iat` and `nbf`.
    static let clockLeeway: TimeInterval = 60
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
        // jwt-kit verifies a token without `kid` with its one key whatever `alg` the header names
        // (even "none"), so insist on the algorithm we use: "perform algorithm verification",
        // https://www.rfc-editor.org/rfc/rfc8725#section-3.1
        guard Self.algorithm(of: trimmed) == "HS256" else { throw .wrongAlgorithm }
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
            claims.iat.value.timeIntervalSince(now) < Self.clockLeeway
        else { throw .tooLong }
        if let nbf = claims.nbf, nbf.value.timeIntervalSince(now) > Self.clockLeeway { throw .notYetValid }
        guard UserID.isValid(claims.sub.value) else { throw .badSubject }
        guard TextInput.isAcceptable(claims.jti.value), claims.name.map(TextInput.isAcceptable) ?? true else { throw .badText }
        return claims
    }

    /// The `alg` of a compact JWS header, or nil when the header cannot be read.
    static func algorithm(of token: String) -> String? {
        struct Header: Decodable { var alg: String }
        guard let encoded = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let data = Data(base64URLEncoded: String(encoded))
        else { return nil }
        return try? JSONDecoder().decode(Header.self, from: data).alg
    }
}
