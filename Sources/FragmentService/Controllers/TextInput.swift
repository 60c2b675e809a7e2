import Foundation
import Hummingbird

/// The one rule for text that arrives from outside (query strings, form bodies, JSON bodies,
/// token claims): it must be UTF-8 and hold no control character other than tab, line feed and
/// carriage return. PostgreSQL refuses NUL in `text` outright, and no field of ours has a use for
/// the other C0 controls or DEL; refusing them at the edge gives a 400 that says why instead of a
/// 500 from the database.
enum TextInput {
    /// True when `text` holds no refused control character.
    static func isAcceptable(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: true
            case 0x00...0x1F, 0x7F: false
            default: true
            }
        }
    }

    /// The name-value pairs of a query string or form body, decoded, or the first one refused:
    /// `.failure(RefusedField(name: name))` when its value is, `name: nil` when the name itself is.
    static func acceptedFields(inForm text: String) -> Result<FormFields, RefusedField> {
        var pairs: [(String, String)] = []
        for (rawName, rawValue) in FormFields.rawPairs(text) {
            guard let name = FormFields.decode(rawName), isAcceptable(name) else { return .failure(RefusedField(name: nil)) }
            guard let value = FormFields.decode(rawValue), isAcceptable(value) else {
                return .failure(RefusedField(name: String(name.prefix(40))))
            }
            pairs.append((name, value))
        }
        return .success(FormFields(pairs: pairs))
    }

    /// A query or form pair that is refused: its name (at most 40 characters), or nil when the
    /// name itself is refused.
    struct RefusedField: Error {
        let name: String?
    }

    /// Checks every key and string of a JSON document that is already known to be UTF-8.
    static func checkJSON(_ object: Any, path: String = "") throws(RequestError) {
        switch object {
        case let string as String:
            guard isAcceptable(string) else { throw refusal(path.isEmpty ? "The JSON body" : "The field \(path)") }
        case let array as [Any]:
            for (index, element) in array.enumerated() { try checkJSON(element, path: "\(path)[\(index)]") }
        case let dictionary as [String: Any]:
            for (key, value) in dictionary {
                guard isAcceptable(key) else { throw refusal("A field name") }
                try checkJSON(value, path: path.isEmpty ? key : "\(path).\(key)")
            }
        default:
            break
        }
    }

    /// What every refusal says about the rule.
    static let rule = "text must be UTF-8 without NUL or other control characters"

    /// The 400 for refused text; `what` names where it was, never the text itself.
    static func refusal(_ what: String) -> RequestError {
        .invalid("\(what) contains characters that are not allowed: \(rule).")
    }
}
