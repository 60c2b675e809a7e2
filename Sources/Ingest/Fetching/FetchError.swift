import Foundation
import SocialCore

/// A fetched page answered with an unusable status.
package struct FetchError: Error, Sendable, CustomStringConvertible {
    package let description: String

    static func status(_ code: Int, url: URL) -> FetchError {
        FetchError(description: "\(url.redactedDescription) answered HTTP \(code)")
    }
}
