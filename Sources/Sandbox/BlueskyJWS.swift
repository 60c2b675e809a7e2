import Crypto
import Foundation

/// Compact JWS reading and ES256 checking for the Bluesky emulator: DPoP proofs (RFC 9449) and
/// `private_key_jwt` client assertions (RFC 7523) as docs/platforms/bluesky.md, "OAuth", describes
/// them. Written for the sandbox alone; it shares nothing with the service's client.
struct BlueskyJWS: Sendable {
    /// Decoded header and claims, as JSON objects; the signing input and raw signature.
    let header: [String: any Sendable]
    let claims: [String: any Sendable]
    let signingInput: Data
    let signature: Data

    /// Splits and decodes `header.claims.signature`; nil for anything that is not a compact JWS of two JSON objects.
    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, text.utf8.count <= 16_384,
            let headerData = Data(base64URL: String(parts[0])), let claimsData = Data(base64URL: String(parts[1])),
            let signature = Data(base64URL: String(parts[2])),
            let header = Self.object(headerData), let claims = Self.object(claimsData)
        else { return nil }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    static func object(_ data: Data) -> [String: any Sendable]? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object.compactMapValues { BlueskyJSON.sendable($0) }
    }

    func string(_ name: String) -> String? { claims[name] as? String }
    func headerString(_ name: String) -> String? { header[name] as? String }

    /// A numeric date claim in whole seconds (booleans and fractions refused, range-checked).
    func seconds(_ name: String) -> Int? { BlueskyJSON.integer(claims[name], in: 0...4_102_444_800) }

    /// Whether the ES256 signature verifies with `key`.
    func verifies(with key: P256.Signing.PublicKey) -> Bool {
        guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
        return key.isValidSignature(signature, for: signingInput)
    }

    /// The P-256 public key of an EC JWK; nil for any other key type, or one carrying private material.
    static func publicKey(jwk: [String: any Sendable]) -> P256.Signing.PublicKey? {
        guard jwk["kty"] as? String == "EC", jwk["crv"] as? String == "P-256", jwk["d"] == nil,
            let x = (jwk["x"] as? String).flatMap(Data.init(base64URL:)), let y = (jwk["y"] as? String).flatMap(Data.init(base64URL:)),
            x.count == 32, y.count == 32
        else { return nil }
        return try? P256.Signing.PublicKey(rawRepresentation: x + y)
    }

    /// RFC 7638 thumbprint of an EC JWK: SHA-256 over the required members in lexicographic order.
    static func thumbprint(jwk: [String: any Sendable]) -> String? {
        guard let crv = jwk["crv"] as? String, let kty = jwk["kty"] as? String, let x = jwk["x"] as? String, let y = jwk["y"] as? String
        else { return nil }
        let canonical = #"{"crv":"\#(crv)","kty":"\#(kty)","x":"\#(x)","y":"\#(y)"}"#
        return Data(SHA256.hash(data: Data(canonical.utf8))).base64URLEncoded
    }
}

/// Small readers for JSON decoded by `JSONSerialization`, which hands out `NSNumber` for both
/// numbers and booleans.
enum BlueskyJSON {
    /// Keeps the JSON value types (all Sendable once bridged); drops anything else.
    static func sendable(_ value: Any) -> (any Sendable)? {
        if type(of: value) == Bool.self, let flag = value as? Bool { return flag }
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number
        case let list as [Any]: return list.compactMap { sendable($0) }
        case let object as [String: Any]: return object.compactMapValues { sendable($0) }
        case is NSNull: return NSNull()
        default: return nil
        }
    }

    /// Whether a decoded value is a JSON boolean.
    static func isBoolean(_ value: Any?) -> Bool {
        guard let value else { return false }
        if type(of: value) == Bool.self { return true }
        guard let number = value as? NSNumber else { return false }
        let code = String(cString: number.objCType)
        return code == "c" || code == "B"
    }

    /// Whether a decoded value is the JSON literal `true`.
    static func isTrue(_ value: Any?) -> Bool {
        guard isBoolean(value) else { return false }
        return (value as? Bool) ?? (value as? NSNumber)?.boolValue ?? false
    }

    /// A whole JSON number inside `range`; nil for booleans, fractions, strings and anything out of range.
    static func integer(_ value: Any?, in range: ClosedRange<Int>) -> Int? {
        guard let number = value as? NSNumber, !isBoolean(value) else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, double >= Double(range.lowerBound), double <= Double(range.upperBound) else { return nil }
        return Int(double)
    }
}

extension Data {
    /// Decodes base64url without padding (RFC 4648 §5); nil on any other character.
    init?(base64URL text: String) {
        guard text.utf8.allSatisfy({ $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "/") }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = standard.utf8.count % 4
        guard remainder != 1 else { return nil }
        if remainder > 0 { standard += String(repeating: "=", count: 4 - remainder) }
        self.init(base64Encoded: standard)
    }
}
