import Foundation

/// What a platform would make of one post before anything is sent: the text it would post, how
/// the platform counts it, and every reason it would refuse the post. The share page shows it per
/// account and each client's `share` refuses with the same sentences, so the two never disagree.
package struct PostCheck: Sendable, Equatable {
    /// The text `share` posts.
    package var text: String
    /// Its length as the platform counts it.
    package var count: Int
    /// The platform's limit for that count.
    package var limit: Int
    /// Why the platform would refuse the post, as sentences for the person; empty when it fits.
    package var problems: [String]

    /// Counts `text` under `rules` and lists what the rules refuse, after `extra` problems that
    /// the text rules alone cannot see (a missing image, say).
    package init(text: String, rules: TextRules, extra: [String] = []) {
        self.text = text
        self.count = rules.count(text)
        self.limit = rules.limit
        self.problems = extra + rules.problems(text)
    }

    /// All problems in one message, or nil when the post fits.
    package var refusal: String? { problems.isEmpty ? nil : problems.joined(separator: " ") }

    /// The failed share result for a refused post; nil when it fits.
    package var refusedResult: ShareResult? { refusal.map { .failed(.rejectedContent, $0) } }
}
