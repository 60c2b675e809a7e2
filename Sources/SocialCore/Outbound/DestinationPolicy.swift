/// How far a request's destination is trusted.
package enum DestinationPolicy: Sendable, Equatable {
    /// A host from configuration (a platform API): the shared pooled client, no address checks,
    /// redirects returned to the caller rather than followed.
    case trusted
    /// A host a user or a page chose (content URLs, typed Mastodon instances): every hop's
    /// addresses are checked and the connection pinned to a checked address; redirects are
    /// followed here, re-checked each time. With `requireHTTPS`, only https is allowed, so an
    /// https→http redirect is refused.
    case untrusted(requireHTTPS: Bool = false)
}
