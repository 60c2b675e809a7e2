import Foundation

/// Reads `KEY=VALUE` files: blank lines and `#` comments skipped, an optional `export ` prefix,
/// values optionally in single or double quotes. Variables already in the process environment
/// win over the file, so a deployment can override what a developer's `.env` says.
package enum DotEnv {
    /// Parses the text of a `.env` file.
    package static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            if !key.isEmpty { values[key] = value }
        }
        return values
    }

    /// The process environment over the `.env` file at `path` (if it exists).
    package static func environment(
        file path: String = ".env",
        process: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return process }
        return parse(text).merging(process) { _, fromProcess in fromProcess }
    }
}
