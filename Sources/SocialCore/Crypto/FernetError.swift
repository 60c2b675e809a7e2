/// Why a Fernet operation failed. Descriptions never contain key material, tokens or plaintext.
package struct FernetError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable { case missingKey, malformedKey, malformedToken, invalidToken, notUTF8 }
    private let code: Code

    /// No key was configured.
    package static let missingKey = FernetError(code: .missingKey)
    /// A key is not 32 bytes of url-safe base64.
    package static let malformedKey = FernetError(code: .malformedKey)
    /// The value is not a Fernet token at all.
    package static let malformedToken = FernetError(code: .malformedToken)
    /// The token's signature does not match any configured key, or it does not decrypt.
    package static let invalidToken = FernetError(code: .invalidToken)
    /// The token decrypted, but not to UTF-8 text.
    package static let notUTF8 = FernetError(code: .notUTF8)

    package var description: String {
        switch code {
        case .missingKey:
            "SOCIAL_ENCRYPTION_KEY is not set; generate one with `social-service generate-key`"
        case .malformedKey:
            "SOCIAL_ENCRYPTION_KEY holds a value that is not a Fernet key (32 bytes, url-safe base64); generate one with `social-service generate-key`"
        case .malformedToken:
            "stored secret is not a Fernet token"
        case .invalidToken:
            "stored secret does not decrypt with any key in SOCIAL_ENCRYPTION_KEY (wrong key, or the value was altered)"
        case .notUTF8:
            "stored secret decrypted to something that is not text"
        }
    }
}
