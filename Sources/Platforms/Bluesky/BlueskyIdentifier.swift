import Foundation

/// What a person types to name their Bluesky account, checked before anything is fetched: a
/// handle (a domain name) or a DID of the two methods atproto uses (docs/platforms/bluesky.md,
/// "Identity" and "Handles and DIDs"). Handles and `did:web` hosts are hosts the person chose, so
/// only strict syntax passes; whether the address may be reached is the transport's check.
package enum BlueskyIdentifier: Sendable, Equatable {
    case handle(String)
    case did(String)

    /// Top-level domains the handle rules refuse (`.example` and `.test` stay allowed: the
    /// sandbox's accounts live there, and they never resolve on the public internet anyway).
    static let refusedTLDs: Set<String> = ["alt", "arpa", "internal", "invalid", "local", "localhost", "onion"]

    /// Reads `input`: surrounding spaces and one leading `@` are dropped, handles are lower-cased.
    package static func parse(_ input: String) throws(PlatformError) -> BlueskyIdentifier {
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("@") { text.removeFirst() }
        guard !text.isEmpty else { throw refuse("Enter your Bluesky handle, e.g. alice.bsky.social.") }
        guard text.utf8.count <= 2048 else { throw refuse("That is not a Bluesky handle or DID.") }
        if text.hasPrefix("did:") {
            guard isDID(text) else { throw refuse("That DID is not one Bluesky uses (did:plc or did:web).") }
            return .did(text)
        }
        let handle = text.lowercased()
        guard isHandle(handle) else { throw refuse("That is not a Bluesky handle; a handle looks like alice.bsky.social.") }
        return .handle(handle)
    }

    /// The text as sent in `login_hint`.
    package var text: String {
        switch self {
        case .handle(let value), .did(let value): value
        }
    }

    /// Handle syntax: ASCII letters, digits and `-`, at least two labels of 1–63 characters that
    /// neither start nor end with `-`, at most 253 characters, a TLD that does not start with a digit.
    package static func isHandle(_ text: String) -> Bool {
        guard text.utf8.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, let first = tld.first, !first.isNumber, !refusedTLDs.contains(tld.lowercased()) else {
            return false
        }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
        }
    }

    /// `did:plc:` + 24 base32 characters, or `did:web:` + a host name (no port, no path).
    package static func isDID(_ text: String) -> Bool {
        if text.hasPrefix("did:plc:") {
            let id = text.dropFirst(8)
            return id.utf8.count == 24
                && id.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "2")...UInt8(ascii: "7")).contains($0) }
        }
        if text.hasPrefix("did:web:") { return isHandle(String(text.dropFirst(8)).lowercased()) && text == text.lowercased() }
        return false
    }

    private static func refuse(_ message: String) -> PlatformError { PlatformError(.invalidInstance, .bluesky, message) }
}
