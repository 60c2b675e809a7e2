/// LinkedIn "little text" escaping for `commentary` (docs/platforms/linkedin.md, "Text"): unescaped
/// reserved characters truncate or misparse the post, so every one is backslash-escaped (as postiz
/// does, hashtags and `@` included — we send no mentions).
package enum LinkedInLittleText {
    package static let reserved: Set<Character> = ["\\", "|", "{", "}", "@", "[", "]", "(", ")", "<", ">", "#", "*", "_", "~"]

    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            if reserved.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
