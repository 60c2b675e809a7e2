import Foundation

/// Each instance's text limits, read once per process (mastodon.md §7: forks change the limit,
/// so it is read, not hard-coded).
actor MastodonTextRulesCache {
    private var rules: [String: TextRules] = [:]

    func rules(for instance: URL) -> TextRules? { rules[instance.absoluteString] }

    func store(_ value: TextRules, for instance: URL) { rules[instance.absoluteString] = value }
}
