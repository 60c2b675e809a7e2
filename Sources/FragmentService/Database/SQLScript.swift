/// Splits a migration file into single statements, because PostgreSQL's extended query protocol
/// (the one PostgresNIO speaks) takes one statement at a time. Understands `--` and `/* */`
/// comments, quoted strings and identifiers, and `$tag$` bodies, so a `;` inside them stays put.
enum SQLScript {
    static func statements(_ sql: String) -> [String] {
        var result: [String] = []
        var current = ""
        var chars = Array(sql)[...]
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { result.append(trimmed) }
            current = ""
        }
        while let c = chars.popFirst() {
            switch c {
            case "-" where chars.first == "-":
                while let n = chars.popFirst(), n != "\n" {}
                current.append("\n")
            case "/" where chars.first == "*":
                chars.removeFirst()
                while let n = chars.popFirst() { if n == "*", chars.first == "/" { chars.removeFirst(); break } }
                current.append(" ")
            case "'", "\"":
                current.append(c)
                while let n = chars.popFirst() {
                    current.append(n)
                    if n == c { if chars.first == c { current.append(chars.removeFirst()) } else { break } }
                }
            case "$":
                // A dollar-quote tag is `$` [letters/digits/_]* `$`; otherwise `$` is a parameter or literal.
                let tagBody = chars.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if chars.dropFirst(tagBody.count).first == "$" {
                    let tag = "$" + String(tagBody) + "$"
                    chars = chars.dropFirst(tagBody.count + 1)
                    current += tag
                    var body = ""
                    while let n = chars.popFirst() {
                        body.append(n)
                        if body.hasSuffix(tag) { break }
                    }
                    current += body
                } else {
                    current.append(c)
                }
            case ";":
                flush()
            default:
                current.append(c)
            }
        }
        flush()
        return result
    }
}
