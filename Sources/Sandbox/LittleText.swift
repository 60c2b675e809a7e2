/// LinkedIn "little text" (docs/platforms/linkedin.md, "Text"): backslash escapes reserved
/// characters; an unescaped reserved character makes LinkedIn truncate the text there. Mentions
/// `@[…](urn)` and hashtags stay.
enum LittleText {
    static let reserved: Set<Character> = ["\\", "|", "{", "}", "@", "[", "]", "(", ")", "<", ">", "#", "*", "_", "~"]

    /// The text a reader would see.
    static func render(_ commentary: String) -> String {
        var out = ""
        var escaping = false
        for ch in commentary {
            if escaping { out.append(ch); escaping = false; continue }
            if ch == "\\" { escaping = true; continue }
            // `#tag` and `@` may be sent unescaped (hashtag / mention syntax); anything else truncates.
            if reserved.contains(ch), ch != "#", ch != "@" { return out }
            out.append(ch)
        }
        return out
    }
}
