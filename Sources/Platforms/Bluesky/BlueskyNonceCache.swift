/// The last DPoP nonce each server handed out (`DPoP-Nonce`), kept in memory per host so most
/// calls carry a current nonce at once. Bounded: past `capacity` hosts the cache starts again
/// (a lost nonce costs one `use_dpop_nonce` round trip; docs/platforms/bluesky.md, "OAuth").
actor BlueskyNonceCache {
    static let capacity = 512
    private var nonces: [String: String] = [:]

    func nonce(for host: String) -> String? { nonces[host] }

    func store(_ nonce: String, for host: String) {
        // A nonce is a short opaque token; anything else is not kept.
        guard !nonce.isEmpty, nonce.utf8.count <= 256, nonce.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else { return }
        if nonces[host] == nil, nonces.count >= Self.capacity { nonces.removeAll(keepingCapacity: true) }
        nonces[host] = nonce
    }
}
