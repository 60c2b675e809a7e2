import Foundation
import Hummingbird
import SocialCore

/// What the person has written and ticked on the share page so far: the common message, each
/// account's own text ("edit for this platform", fields `message_<account id>`), the alt text and
/// the ticked accounts. The share form posts it; without JavaScript, "Update previews" posts it
/// back to show the page again with every preview and count for it.
struct ShareDraft: Sendable {
    /// The message for every account without its own text.
    var message: String?
    /// Accounts' own texts, replacing `message` for those accounts.
    var ownMessages: [Int64: String] = [:]
    var imageAlt: String?
    /// The ticked accounts; nil on a fresh page (one-click rules then preselect).
    var ticked: Set<Int64>?
    var shareAgain: Set<Int64> = []
    var idempotencyKey: String

    /// The longest message or own text kept; the rest is cut (the platforms' limits are far lower,
    /// and the counts show it).
    static let messageLength = 5000

    /// The form field that carries an account's own text.
    static func ownMessageField(_ id: Int64) -> String { "message_\(id)" }

    /// A fresh page: nothing written, nothing ticked.
    static func fresh(imageAlt: String?) -> ShareDraft {
        ShareDraft(imageAlt: imageAlt, idempotencyKey: RandomToken.make())
    }

    /// The draft a share form (or query) carries. Throws `RequestError.invalid` for more own
    /// texts than a page can show.
    init(_ fields: FormFields) throws {
        message = Self.text(fields["message"])
        ownMessages = try Self.ownMessages(fields)
        imageAlt = ShareImageAlt.clean(fields["image_alt"])
        ticked = Set(fields.all("account").compactMap(Int64.init))
        shareAgain = Set(fields.all("share_again").compactMap(Int64.init))
        idempotencyKey = fields["idempotency_key"].flatMap { (16...100).contains($0.count) ? $0 : nil } ?? RandomToken.make()
    }

    private init(imageAlt: String?, idempotencyKey: String) {
        self.imageAlt = imageAlt
        self.idempotencyKey = idempotencyKey
    }

    /// A message as kept: cut to `messageLength`, nil when only blanks.
    static func text(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return String(value.prefix(messageLength))
    }

    /// Every `message_<id>` field with some text; an empty one means "the common message".
    static func ownMessages(_ fields: FormFields) throws -> [Int64: String] {
        var found: [Int64: String] = [:]
        for (name, value) in fields.pairs where name.hasPrefix("message_") {
            guard let id = Int64(name.dropFirst("message_".count)), let text = text(value) else { continue }
            found[id] = text
            guard found.count <= ShareOrder.accountLimit else {
                throw RequestError.invalid("Write your own text for at most \(ShareOrder.accountLimit) accounts.")
            }
        }
        return found
    }
}
