import Crypto
import CryptoExtras
import Foundation

/// One Fernet key: 32 bytes, the first half signs (HMAC-SHA256), the second half encrypts
/// (AES-128-CBC). Byte-compatible with the Fernet specification and Python's `cryptography`.
/// Spec: https://github.com/fernet/spec/blob/master/Spec.md
package struct FernetKey: Sendable {
    let signingKey: SymmetricKey
    let encryptionKey: SymmetricKey

    /// Parses a url-safe base64 key of 32 bytes (padding optional, as Python writes it with `=`).
    package init(base64URL text: String) throws(FernetError) {
        guard let raw = Data(base64URLEncoded: text.trimmingCharacters(in: .whitespaces)), raw.count == 32 else {
            throw .malformedKey
        }
        self.signingKey = SymmetricKey(data: raw.prefix(16))
        self.encryptionKey = SymmetricKey(data: raw.suffix(16))
    }

    /// A new random key, url-safe base64 with padding (the form `Fernet.generate_key()` prints).
    package static func generate() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLEncodedString(padded: true)
    }
}

/// Encrypts with one key and decrypts with any of several (the first encrypts: key rotation).
package struct Fernet: Sendable {
    private static let version: UInt8 = 0x80
    private let keys: [FernetKey]

    /// - Parameter keys: at least one key; the first is used to encrypt.
    package init(keys: [FernetKey]) {
        precondition(!keys.isEmpty, "Fernet needs at least one key")
        self.keys = keys
    }

    /// Parses a comma-separated list of keys, as `SOCIAL_ENCRYPTION_KEY` holds them.
    package init(keyList: String) throws(FernetError) {
        let parts = keyList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw .missingKey }
        var keys: [FernetKey] = []
        for part in parts { keys.append(try FernetKey(base64URL: part)) }
        self.init(keys: keys)
    }

    /// Encrypts `plaintext` into a Fernet token (url-safe base64 with padding).
    package func encrypt(_ plaintext: String) -> String {
        encrypt(Data(plaintext.utf8), at: Date(), iv: AES._CBC.IV())
    }

    /// Deterministic form used by tests to compare bytes with Python's `_encrypt_from_parts`.
    package func encrypt(_ plaintext: Data, at time: Date, iv: AES._CBC.IV) -> String {
        let key = keys[0]
        // AES-CBC with PKCS#7 padding cannot fail for a 16-byte key and IV.
        let ciphertext = try! AES._CBC.encrypt(plaintext, using: key.encryptionKey, iv: iv)
        var token = Data([Self.version])
        var timestamp = UInt64(max(0, time.timeIntervalSince1970)).bigEndian
        withUnsafeBytes(of: &timestamp) { token.append(contentsOf: $0) }
        token.append(contentsOf: Array(iv))
        token.append(ciphertext)
        token.append(contentsOf: HMAC<SHA256>.authenticationCode(for: token, using: key.signingKey))
        return token.base64URLEncodedString(padded: true)
    }

    /// Decrypts a token made with any of the keys. Errors never include the token or plaintext.
    package func decrypt(_ token: String) throws(FernetError) -> String {
        let data = try decryptData(token)
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        return text
    }

    /// Decrypts to raw bytes.
    package func decryptData(_ token: String) throws(FernetError) -> Data {
        guard let raw = Data(base64URLEncoded: token), raw.count >= 1 + 8 + 16 + 16 + 32,
            raw.first == Self.version, (raw.count - 57) % 16 == 0
        else { throw .malformedToken }
        let signed = raw.prefix(raw.count - 32)
        let mac = raw.suffix(32)
        for key in keys where HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key.signingKey) {
            let iv = raw.dropFirst(9).prefix(16)
            let ciphertext = raw.dropFirst(25).prefix(raw.count - 57)
            guard let ivValue = try? AES._CBC.IV(ivBytes: iv),
                let plaintext = try? AES._CBC.decrypt(ciphertext, using: key.encryptionKey, iv: ivValue)
            else { throw .invalidToken }
            return plaintext
        }
        throw .invalidToken
    }

    /// True when the token verifies under the first (current) key, i.e. needs no rotation.
    package func isCurrent(_ token: String) -> Bool {
        guard let raw = Data(base64URLEncoded: token), raw.count > 32 else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(raw.suffix(32), authenticating: raw.prefix(raw.count - 32), using: keys[0].signingKey)
    }

    /// Re-encrypts a token under the first key.
    package func rotate(_ token: String) throws(FernetError) -> String {
        encrypt(try decryptData(token), at: Date(), iv: AES._CBC.IV())
    }
}
