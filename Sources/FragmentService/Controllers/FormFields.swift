import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body: `+` is a space, values are percent-decoded,
/// repeated names keep every value in order (checkbox groups). Query strings use the same
/// decoding. `InputValidationMiddleware` has already refused bodies and queries whose decoded
/// text is not valid UTF-8 or holds control characters.
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ body: String) {
        pairs = Self.rawPairs(body).map { (Self.decode($0.name) ?? "", Self.decode($0.value) ?? "") }
    }

    /// Pairs already decoded.
    init(pairs: [(String, String)]) {
        self.pairs = pairs
    }

    /// The first value of `name`.
    subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// Every value of `name`.
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// The still-encoded name and value of each `name=value` part.
    static func rawPairs(_ text: String) -> [(name: Substring, value: Substring)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
    }

    /// One name or value decoded (`+` is a space); nil when the percent-escapes are malformed or
    /// do not form UTF-8.
    static func decode(_ component: Substring) -> String? {
        percentDecode(component, plusIsSpace: true)
    }

    /// `%XX` escapes undone, and `+` made a space when `plusIsSpace` (forms and queries; not
    /// paths). Nil when an escape is not `%` and two hex digits or the result is not UTF-8 —
    /// the same answers as Foundation's `removingPercentEncoding`, without its detours through
    /// `NSString`, since this runs on every request.
    static func percentDecode(_ component: some StringProtocol, plusIsSpace: Bool) -> String? {
        let utf8 = component.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(component)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Request {
    /// The query string decoded as a form (`+` is a space, names decoded too) — the one query
    /// decoder; Hummingbird's `uri.queryParameters` keeps `+` and leaves names encoded.
    var queryFields: FormFields { FormFields(uri.query ?? "") }
}
