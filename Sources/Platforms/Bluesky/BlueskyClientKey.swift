import Crypto
import Foundation
import SocialCore

/// The deployment's Bluesky client signing key: ES256 (P-256), used for the `private_key_jwt`
/// client assertions of a confidential client and published, public part only, in the JWKS
/// document (docs/platforms/bluesky.md, "Client key"). The private part is a secret: it is never
/// in `description`, logs or errors.
package struct BlueskyClientKey: Sendable {
    /// Why a configured key could not be read (never carries the key).
    package struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        package var description: String
    }

    let privateKey: P256.Signing.PrivateKey

    /// Reads one line of unpadded base64url holding the 32-byte private scalar
    /// (`SOCIAL_BLUESKY_CLIENT_KEY`).
    package init(encoded: String) throws(Invalid) {
        let text = encoded.trimmingCharacters(in: .whitespacesAndNewlines)
        guard AppConfiguration.isBlueskyClientKeyShape(text), let raw = Data(base64URLEncoded: text) else {
            throw Invalid(description: "the Bluesky client key must be base64url of 32 bytes (43 characters)")
        }
        do {
            privateKey = try P256.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw Invalid(description: "the Bluesky client key is not a valid P-256 private key")
        }
    }

    init(privateKey: P256.Signing.PrivateKey) { self.privateKey = privateKey }

    /// A new random key, for `social-service bluesky-key`.
    package static func generate() -> BlueskyClientKey { BlueskyClientKey(privateKey: P256.Signing.PrivateKey()) }

    /// The configuration value: unpadded base64url of the private scalar. A secret.
    package var encoded: String { privateKey.rawRepresentation.base64URLEncodedString() }

    /// The RFC 7638 JWK thumbprint of the public key, used as `kid`.
    package var keyID: String { BlueskyJOSE.thumbprint(privateKey.publicKey) }

    /// The public key as a JWK (`kty` EC, `crv` P-256, `x`, `y`, `kid`, `use` sig, `alg` ES256).
    package var publicJWK: [String: String] {
        var jwk = BlueskyJOSE.publicJWK(privateKey.publicKey)
        jwk["kid"] = keyID
        jwk["use"] = "sig"
        jwk["alg"] = "ES256"
        return jwk
    }
}

extension BlueskyClientKey: CustomStringConvertible, CustomDebugStringConvertible {
    /// Names the public key only.
    package var description: String { "BlueskyClientKey(kid: \(keyID))" }
    package var debugDescription: String { description }
}
