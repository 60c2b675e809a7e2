import Foundation

/// A decoded Graph answer with the usage headers that came with it.
package struct MetaGraphAnswer<Value> {
    /// The decoded body.
    package var value: Value
    /// Rate-limit usage, when the headers were sent.
    package var usage: MetaUsage?

    /// Creates an answer.
    package init(value: Value, usage: MetaUsage?) {
        self.value = value
        self.usage = usage
    }
}
