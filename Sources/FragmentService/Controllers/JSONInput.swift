import Foundation
import Hummingbird

/// The JSON decoding path of the webhook and the rules API: the body must be UTF-8 and every key
/// and string must pass `TextInput` before it is decoded, and a decoding failure becomes one
/// `Problem` that names the field (a 400 through `ErrorMapping`, unless the caller words it as a
/// field problem of its own).
enum JSONInput {
    /// What is wrong with a JSON body.
    struct Problem: Error, CustomStringConvertible, Equatable {
        enum Kind: Equatable {
            /// Not JSON at all, or not the shape expected.
            case notJSON
            /// A required field is absent.
            case missing(field: String)
            /// A field holds the wrong kind of value; `path` is its coding path.
            case wrongType(path: [String])
        }
        var kind: Kind
        /// What the caller adds to a wrong-type message (the formats it expects).
        var hint: String?

        var description: String {
            switch kind {
            case .notJSON: "The body is not valid JSON."
            case .missing(let field): "The JSON body lacks the field \(field)."
            case .wrongType(let path): "The field \(path.joined(separator: ".")) has the wrong type" + (hint.map { " (\($0))." } ?? ".")
            }
        }
    }

    /// Decodes `type`; `hint` says what formats a wrong-type message should mention.
    static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, decoder: JSONDecoder = JSONDecoder(), hint: String? = nil) throws -> T {
        let bytes = Array(buffer: body)
        guard String(validating: bytes, as: UTF8.self) != nil else { throw TextInput.refusal("The JSON body") }
        // An unparseable body falls through to the decoder, whose error becomes the problem.
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) {
            try TextInput.checkJSON(object)
        }
        do {
            return try decoder.decode(type, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, _) {
            throw Problem(kind: .missing(field: key.stringValue), hint: hint)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw Problem(kind: .wrongType(path: context.codingPath.map(\.stringValue)), hint: hint)
        } catch {
            throw Problem(kind: .notJSON, hint: hint)
        }
    }
}
