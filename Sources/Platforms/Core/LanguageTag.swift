import Foundation

/// A language as pages declare it (`og:locale` `en_GB`, `<html lang="en-gb">`, JSON-LD
/// `inLanguage`), checked and written as a BCP 47 tag (https://www.rfc-editor.org/rfc/rfc5646):
/// a 2–3 letter language, then subtags of 1–8 letters or digits, the region in capitals (`en-GB`).
/// Anything else — a page's text, not a tag — is dropped rather than sent to a platform.
package enum LanguageTag {
    /// The longest tag kept (the RFC's practical maximum is 35 characters).
    static let maximumLength = 35

    package static func normalize(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text.utf8.count <= maximumLength else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: "_", omittingEmptySubsequences: false)
        }
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        var tag = language.lowercased()
        for part in parts.dropFirst() {
            guard (1...8).contains(part.count), part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            // A two-letter subtag is a region (`GB`); a four-letter one a script (`Latn`).
            switch part.count {
            case 2 where part.allSatisfy(\.isLetter): tag += "-" + part.uppercased()
            case 4 where part.allSatisfy(\.isLetter): tag += "-" + part.prefix(1).uppercased() + part.dropFirst().lowercased()
            default: tag += "-" + part.lowercased()
            }
        }
        return tag
    }
}
