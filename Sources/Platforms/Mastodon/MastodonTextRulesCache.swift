import Foundation

/// Each instance's text limits, read once per process: forks change the limit, so it is read,
/// not hard-coded (docs/platforms/mastodon.md, "Text limits").
actor MastodonTextRulesCache {
    private var rules: [String: TextRules] = [:]

    func rules(for instance: URL) -> TextRules? { rules[instance.absoluteString] }

    func store(_ value: TextRules, for instance: URL) { rules[instance.absoluteString] = value }
}
