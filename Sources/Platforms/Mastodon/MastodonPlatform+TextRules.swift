import Foundation

/// Text composition and limits (docs/platforms/mastodon.md, "Posting", "Text limits").
extension MastodonPlatform {
    /// The person's message (or, without one, the title), a blank line, then the link. The link
    /// must be in the text: the server builds the card from it (docs/platforms/mastodon.md, "Posting").
    package func postText(for content: ShareContent) -> String {
        let lead = content.message?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let first = lead.isEmpty ? content.title.trimmingCharacters(in: .whitespacesAndNewlines) : lead
        return first.isEmpty ? content.url : first + "\n\n" + content.url
    }

    /// The instance's `max_characters` and URL weight from `/api/v2/instance`, else
    /// `/api/v1/instance`, else the documented defaults 500/23; cached per instance once read.
    /// A `max_characters` outside `TextRules.plausibleLimits` counts as no answer.
    package func textRules(for credentials: StoredCredentials?) async -> TextRules {
        guard let credentials, let instance = try? Self.instance(of: credentials) else { return .mastodon() }
        return await textRules(instance: instance)
    }

    func textRules(instance: URL) async -> TextRules {
        if let cached = await textRulesCache.rules(for: instance) { return cached }
        // Only Mastodon counts a link as 23 characters; other servers report a URL weight they do
        // not apply and count links at full length (docs/platforms/mastodon-servers.md,
        // "Behaviour"), and so does an unknown server here, strictly.
        let shortensLinks = await server(instance: instance).software == .mastodon
        var reached = false
        for path in ["api/v2/instance", "api/v1/instance"] {
            guard let response = try? await send(.GET, instance.appending(path: path)) else { continue }
            reached = true
            guard (200..<300).contains(response.status), let info = response.decode(MastodonInstanceInfo.self),
                let max = info.configuration?.statuses?.maxCharacters ?? info.maxTootChars, TextRules.plausibleLimits.contains(max)
            else { continue }
            // A server's answer is a claim, not a fact: a URL weight outside the plausible range
            // (negative, or larger than any limit) is replaced by the documented 23.
            let weight =
                info.configuration?.statuses?.charactersReservedPerURL.flatMap { TextRules.plausibleURLWeights.contains($0) ? $0 : nil } ?? 23
            var rules = TextRules.mastodon(maxCharacters: max, charactersPerURL: weight)
            if !shortensLinks { rules.urlWeight = nil }
            await textRulesCache.store(rules, for: instance)
            return rules
        }
        // Servers without a limit get the default, and keep it; an unreachable one is asked again next time.
        var fallback = TextRules.mastodon()
        if !shortensLinks { fallback.urlWeight = nil }
        if reached { await textRulesCache.store(fallback, for: instance) }
        return fallback
    }
}
