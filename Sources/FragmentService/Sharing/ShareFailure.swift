import Platforms

/// A refresh that ended the attempt, carrying the result to record.
struct ShareFailure: Error {
    let result: ShareResult
    /// The platform refused the grant itself (a refresh answered `invalidGrant`): the account must
    /// be reconnected, whatever the access token may still do.
    let deadGrant: Bool
    init(_ result: ShareResult, deadGrant: Bool = false) {
        self.result = result
        self.deadGrant = deadGrant
    }
}
