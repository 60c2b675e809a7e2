import Foundation
import NIOConcurrencyHelpers

/// Content apps whose webhook signature checked out recently, so the next webhook of the same
/// app is verified without reading (and decrypting) the app from the database. Only apps that
/// signed a request correctly get in, so there is one entry per registered app at most.
///
/// A cached app is used for `maxAge` (five seconds). If a signature does not match the cached
/// secret, the controller reads the app again before refusing, so an app re-registered with a
/// new secret (`social-service app add`) is accepted with it at once; its old secret stops
/// working on every instance within `maxAge`.
final class VerifiedAppCache: Sendable {
    private let entries = NIOLockedValueBox<[String: (app: ContentApp, until: Date)]>([:])
    let maxAge: TimeInterval

    init(maxAge: TimeInterval = 5) {
        self.maxAge = maxAge
    }

    /// The app, when it was verified less than `maxAge` ago.
    func app(id: String, now: Date = Date()) -> ContentApp? {
        entries.withLockedValue { entries in
            guard let entry = entries[id] else { return nil }
            guard entry.until > now else {
                entries[id] = nil
                return nil
            }
            return entry.app
        }
    }

    func remember(_ app: ContentApp, now: Date = Date()) {
        entries.withLockedValue { $0[app.id] = (app, now.addingTimeInterval(maxAge)) }
    }

    func forget(id: String) {
        entries.withLockedValue { $0[id] = nil }
    }
}
