/// Reads an id that Mastodon sends as a string but some compatible servers send as a number.
enum MastodonID {
    static func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> String {
        if let text = try? container.decode(String.self, forKey: key) { return text }
        return String(try container.decode(Int64.self, forKey: key))
    }
}
