import Foundation
import Hummingbird

/// The JSON decoding path of the webhook and the rules API: the body must be UTF-8 and every key
/// and string must pass `TextInput` before it is decoded. Decoding errors are thrown unchanged
/// so each caller words them for its own fields.
enum JSONInput {
    static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        let bytes = Array(buffer: body)
        guard String(validating: bytes, as: UTF8.self) != nil else { throw TextInput.refusal("The JSON body") }
        // An unparseable body falls through to the decoder, whose error the caller reports.
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) {
            try TextInput.checkJSON(object)
        }
        return try decoder.decode(type, from: Data(bytes))
    }
}
