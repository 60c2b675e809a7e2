import Foundation

/// A `ShareResult` carried as a `Result` failure.
package struct ShareResultBox: Error, Sendable {
    /// The result to hand back.
    package var result: ShareResult

    init(_ result: ShareResult) { self.result = result }
}
