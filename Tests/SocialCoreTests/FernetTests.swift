import CryptoExtras
import Foundation
import Testing

@testable import SocialCore

/// Fixtures made by Python's `cryptography` (scripts/make_fernet_fixtures.py).
struct PythonFernetCase: Decodable {
    var name: String
    var key: String
    var plaintext: String
    var time: Int
    var iv_hex: String
    var token: String

    static func all() throws -> [PythonFernetCase] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/fernet/python.json")
        struct File: Decodable { var cases: [PythonFernetCase] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    var iv: [UInt8] {
        stride(from: 0, to: iv_hex.count, by: 2).map { i in
            let start = iv_hex.index(iv_hex.startIndex, offsetBy: i)
            return UInt8(iv_hex[start..<iv_hex.index(start, offsetBy: 2)], radix: 16)!
        }
    }
}

@Suite struct FernetTests {
    @Test func decryptsEveryTokenPythonMade() throws {
        let cases = try PythonFernetCase.all()
        #expect(cases.count >= 5)
        for c in cases {
            let fernet = try Fernet(keyList: c.key)
            #expect(try fernet.decrypt(c.token) == c.plaintext, "case \(c.name)")
        }
    }

    @Test func encryptsToTheSameBytesPythonDoesGivenTheSameTimeAndIV() throws {
        for c in try PythonFernetCase.all() {
            let fernet = try Fernet(keyList: c.key)
            let token = fernet.encrypt(
                Data(c.plaintext.utf8), at: Date(timeIntervalSince1970: TimeInterval(c.time)), iv: try AES._CBC.IV(ivBytes: c.iv))
            #expect(token == c.token, "case \(c.name)")
        }
    }

    @Test func roundTripsWithRandomIVs() throws {
        let fernet = try Fernet(keyList: FernetKey.generate())
        let a = fernet.encrypt("secret-token")
        let b = fernet.encrypt("secret-token")
        #expect(a != b)
        #expect(try fernet.decrypt(a) == "secret-token")
        #expect(try fernet.decrypt(b) == "secret-token")
    }

    @Test func firstKeyEncryptsAndEveryKeyDecrypts() throws {
        let old = FernetKey.generate()
        let new = FernetKey.generate()
        let oldToken = try Fernet(keyList: old).encrypt("access")
        let both = try Fernet(keyList: "\(new), \(old)")
        #expect(try both.decrypt(oldToken) == "access")
        #expect(!both.isCurrent(oldToken))
        let rotated = try both.rotate(oldToken)
        #expect(both.isCurrent(rotated))
        #expect(try Fernet(keyList: new).decrypt(rotated) == "access")
        #expect(throws: FernetError.invalidToken) { try Fernet(keyList: old).decrypt(rotated) }
    }

    @Test func tamperedTokenIsRefusedWithoutQuotingIt() throws {
        let fernet = try Fernet(keyList: FernetKey.generate())
        let token = fernet.encrypt("do-not-leak-me")
        var bytes = Data(base64URLEncoded: token)!
        bytes[30] ^= 0x01
        let tampered = bytes.base64URLEncodedString(padded: true)
        do {
            _ = try fernet.decrypt(tampered)
            Issue.record("a tampered token decrypted")
        } catch {
            #expect(error == .invalidToken)
            #expect(!error.description.contains("do-not-leak-me"))
            #expect(!error.description.contains(tampered))
            #expect(!String(reflecting: error).contains(tampered))
        }
    }

    @Test func wrongKeyIsRefused() throws {
        let token = try Fernet(keyList: FernetKey.generate()).encrypt("x")
        #expect(throws: FernetError.invalidToken) { try Fernet(keyList: FernetKey.generate()).decrypt(token) }
    }

    @Test func garbageIsNotAToken() throws {
        let fernet = try Fernet(keyList: FernetKey.generate())
        #expect(throws: FernetError.malformedToken) { try fernet.decrypt("not-a-token") }
        #expect(throws: FernetError.malformedToken) { try fernet.decrypt("") }
    }

    @Test func missingAndMalformedKeysNameTheVariableAndTheFix() {
        #expect(throws: FernetError.missingKey) { try Fernet(keyList: " , ") }
        #expect(throws: FernetError.malformedKey) { try Fernet(keyList: "c2hvcnQ=") }
        #expect(FernetError.missingKey.description.contains("SOCIAL_ENCRYPTION_KEY"))
        #expect(FernetError.malformedKey.description.contains("generate-key"))
    }
}
