import Foundation

/// The registrable domain ("site") of a host, for deciding whether two URLs belong to the same
/// publisher: `news.rose-ash.example` and `www.rose-ash.example` do, `other.example` does not.
///
/// An approximation of the Public Suffix List (https://publicsuffix.org/list/): the last two
/// labels, or the last three under a two-letter country code whose second level is a generic
/// registry label (`co.uk`, `com.au`, `ne.jp`), or under a hosting domain where every
/// subdomain is somebody else's site (`github.io`, `blogspot.com`). IP addresses and
/// single-label hosts are their own site. It errs towards "different site", which only makes
/// the extractor prefer the page's own `og:url`.
enum RegistrableDomain {
    private static let genericSecondLevels: Set<Substring> = [
        "co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob", "nic", "ltd", "plc", "sch", "mil", "nom",
        "gen", "biz", "info", "int", "lg", "ed", "gr", "ad",
    ]
    private static let sharedHostingSuffixes: Set<String> = [
        "github.io", "gitlab.io", "blogspot.com", "wordpress.com", "substack.com", "tumblr.com", "netlify.app",
        "vercel.app", "pages.dev", "herokuapp.com", "neocities.org", "medium.com",
    ]

    /// The registrable domain of `host`, lower-cased and without a trailing dot.
    static func of(host: String) -> String {
        var name = host.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        if name.contains(":") || name.allSatisfy({ $0.isNumber || $0 == "." }) { return name }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count > 2 else { return name }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        let keepThree =
            sharedHostingSuffixes.contains(lastTwo)
            || (labels[labels.count - 1].count == 2 && genericSecondLevels.contains(labels[labels.count - 2]))
        return labels.suffix(keepThree ? 3 : 2).joined(separator: ".")
    }

    /// Whether two absolute URL strings have hosts on the same registrable domain.
    static func sameSite(_ first: String, _ second: String) -> Bool {
        guard let a = host(of: first), let b = host(of: second) else { return false }
        return of(host: a) == of(host: b)
    }

    private static func host(of url: String) -> String? {
        URL(string: url)?.host
    }
}
