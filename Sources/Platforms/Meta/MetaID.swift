import Foundation

/// A Graph id that may arrive as a JSON string or number: Threads' `user_id` has been seen as both
/// (docs/platforms/threads.md, "Tokens").
package struct MetaID: Decodable, Sendable, Equatable {
    /// The id as text.
    package var value: String

    /// Decodes a string or an integer.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else {
            value = String(try container.decode(Int64.self))
        }
    }
}
