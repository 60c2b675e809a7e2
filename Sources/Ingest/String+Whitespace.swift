extension StringProtocol {
    /// The string without leading and trailing whitespace (Unicode whitespace, including
    /// no-break spaces and line breaks).
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
            let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }

    /// The string with every run of whitespace collapsed to one space and the ends trimmed;
    /// `nil` when nothing but whitespace is left. Line breaks, tabs and no-break spaces
    /// collapse too; the ideographic space (U+3000) is kept inside text because CJK
    /// typography uses it deliberately.
    var normalisedWhitespace: String? {
        var result = ""
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for character in self {
            if character.isWhitespace && character != "\u{3000}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result.isEmpty ? nil : result
    }
}
