import Platforms

/// A refresh that ended the attempt, carrying the result to record.
struct ShareFailure: Error {
    let result: ShareResult
    init(_ result: ShareResult) { self.result = result }
}
