import Foundation

/// Alt text for a shared image, from a person, a content app or a page: trimmed, empty as none,
/// at most 1,000 characters (Instagram's `alt_text` limit, docs in the README's Sharing section).
enum ShareImageAlt {
    static let maximumLength = 1000

    static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return String(trimmed.prefix(maximumLength))
    }
}
