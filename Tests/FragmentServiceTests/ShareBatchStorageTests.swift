import Foundation
import Platforms
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

/// A whole share order is started in one call and its outcomes finished in one call, by both
/// repositories alike: each account is refused or started exactly as one-at-a-time starts would,
/// and each started attempt records the text its account is sent.
@Suite struct ShareBatchStorageTests {
    static let url = "https://blog.rose-ash.example/posts/kiln"

    /// Five accounts in one order under form key `form-2`: one that already took this form
    /// (whose attempt failed, so only the key refuses it), one where the URL is published, one
    /// where it is published but "share again" was chosen, one with a lost pending attempt, and a
    /// fresh one named twice. `backdate` makes an attempt older than the lease.
    static func startsAndFinishesAnOrder(
        _ shares: some ShareRepository, userID: String, accounts ids: [Int64], backdate: (Int64) async throws -> Void
    ) async throws {
        let (sameForm, published, again, lost, fresh) = (ids[0], ids[1], ids[2], ids[3], ids[4])
        func started(_ id: Int64, key: String) async throws -> ShareRecord {
            let start = try await shares.start(
                connectionID: id, userID: userID, url: url, title: "Kiln", message: nil, idempotencyKey: key, shareAgain: false, origin: .manual)
            guard case .started(let record) = start else { throw HarnessFailure("setup attempt on \(id) not started: \(start)") }
            return record
        }
        let earlierForm = try await started(sameForm, key: "form-2")
        _ = try await shares.finish(id: earlierForm.id, result: .failed(.transient, "The server was busy."))
        let live = try await started(published, key: "form-1")
        _ = try await shares.finish(id: live.id, result: .published(id: "1", url: "https://mastodon.social/@ada/1"))
        let liveToRepeat = try await started(again, key: "form-1")
        _ = try await shares.finish(id: liveToRepeat.id, result: .published(id: "2", url: "https://mastodon.social/@ada/2"))
        let stale = try await started(lost, key: "form-1")
        try await backdate(stale.id)

        // The repeat carries its own text; every other account the order's message.
        let starts = try await shares.start(
            connectionIDs: [sameForm, published, again, lost, fresh, fresh], userID: userID, url: url, title: "Kiln", message: "New",
            messages: [again: "Again, in other words", published: "Not recorded: refused"], idempotencyKey: "form-2", shareAgain: [again],
            origin: .manual)
        #expect(starts.count == 5)
        guard case .repeatedSubmission(let repeated) = starts[sameForm] else {
            throw HarnessFailure("same form: \(String(describing: starts[sameForm]))")
        }
        #expect(repeated.id == earlierForm.id)
        #expect(repeated.status == .failed)
        guard case .alreadyShared(let blocking) = starts[published] else {
            throw HarnessFailure("published: \(String(describing: starts[published]))")
        }
        #expect(blocking.id == live.id)
        #expect(blocking.postURL == "https://mastodon.social/@ada/1")
        guard case .started(let repost) = starts[again] else { throw HarnessFailure("share again: \(String(describing: starts[again]))") }
        #expect(repost.repeatOf == liveToRepeat.id)
        #expect(repost.status == .pending)
        #expect(repost.message == "Again, in other words")
        // The lost attempt is made unconfirmed first, and then it is what blocks the URL.
        guard case .alreadyShared(let unconfirmed) = starts[lost] else { throw HarnessFailure("lost: \(String(describing: starts[lost]))") }
        #expect(unconfirmed.id == stale.id)
        #expect(unconfirmed.status == .unconfirmed)
        #expect(unconfirmed.errorMessage == ShareRecord.lostAttemptMessage)
        guard case .started(let first) = starts[fresh] else { throw HarnessFailure("fresh: \(String(describing: starts[fresh]))") }
        #expect(first.status == .pending)
        #expect(first.repeatOf == nil)
        #expect(first.message == "New")
        #expect(try await shares.liveShares(userID: userID, url: url)[fresh]?.status == .pending)

        // The same order again (a double submit): everything is refused, nothing new recorded.
        let twice = try await shares.start(
            connectionIDs: [fresh, again], userID: userID, url: url, title: "Kiln", message: "New", idempotencyKey: "form-2",
            shareAgain: [again], origin: .manual)
        #expect(twice[fresh] == .repeatedSubmission(first))
        #expect(twice[again] == .repeatedSubmission(repost))

        // Both outcomes in one write; an id that is not an attempt is simply absent.
        let stored = try await shares.finish([
            repost.id: .published(id: "3", url: "https://mastodon.social/@ada/3"),
            first.id: .failed(.rateLimited, "Slow down."),
            999_999: .published(id: "4", url: nil),
        ])
        #expect(Set(stored.keys) == [repost.id, first.id])
        #expect(stored[repost.id]?.status == .published)
        #expect(stored[repost.id]?.postID == "3")
        #expect(stored[repost.id]?.postURL == "https://mastodon.social/@ada/3")
        #expect(stored[first.id]?.status == .failed)
        #expect(stored[first.id]?.postURL == nil)
        #expect(stored[first.id]?.errorKind == .rateLimited)
        #expect(stored[first.id]?.errorMessage == "Slow down.")
        let history = try await shares.history(userID: userID, limit: 20, offset: 0)
        #expect(history.count == 6)
        #expect(history.first(where: { $0.share.id == repost.id })?.share.status == .published)
        #expect(history.first(where: { $0.share.id == first.id })?.share.status == .failed)
        #expect(try await shares.finish([:]).isEmpty)
        #expect(
            try await shares.start(
                connectionIDs: [], userID: userID, url: url, title: nil, message: nil, idempotencyKey: "form-3", shareAgain: [], origin: .manual
            ).isEmpty)
    }

    @Test func memoryRepositoryStartsAndFinishesAWholeOrderAtOnce() async throws {
        let shares = MemoryShareRepository()
        try await Self.startsAndFinishesAnOrder(shares, userID: "u1", accounts: [11, 12, 13, 14, 15]) { id in
            await shares.backdate(id: id, by: 3600)
        }
    }

    @Test(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
    func postgresRepositoryStartsAndFinishesAWholeOrderAtOnce() async throws {
        try await TestDatabase.withDatabase { client in
            try await client.query("INSERT INTO users (id) VALUES ('u1')")
            let connections = PostgresConnectionRepository(
                client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            var ids: [Int64] = []
            for n in 1...5 {
                guard
                    case .created(let c) = try await connections.connect(
                        userID: "u1", platform: .mastodon, result: ConnectionRepositoryTests.result("\(n)@mastodon.social"))
                else { throw HarnessFailure("connection \(n) not created") }
                ids.append(c.id)
            }
            let shares = PostgresShareRepository(client: client, logger: TestDatabase.logger)
            try await Self.startsAndFinishesAnOrder(shares, userID: "u1", accounts: ids) { id in
                try await client.query("UPDATE social_shares SET created_at = now() - interval '1 hour' WHERE id = \(id)")
            }
        }
    }
}
