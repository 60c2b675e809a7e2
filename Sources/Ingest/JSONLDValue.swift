import Foundation
import SocialCore

/// Helpers for reading loosely typed JSON-LD values as produced by `JSONSerialization`.
///
/// JSON-LD in the wild gives most properties as a string, a number, an object, or an array
/// of any of those; each helper accepts all the shapes that make sense for its property.
enum JSONLDValue {
    /// The schema.org types of `object`, without `schema:` or `https://schema.org/` prefixes.
    static func types(of object: [String: Any]) -> [String] {
        let raw: [Any] = (object["@type"] as? [Any]) ?? (object["@type"].map { [$0] } ?? [])
        return raw.compactMap { $0 as? String }.map { type in
            let afterSlash = type.split(separator: "/").last.map(String.init) ?? type
            return afterSlash.split(separator: ":").last.map(String.init) ?? afterSlash
        }
    }

    /// A cleaned string: text as is, numbers formatted, `{"@value": …}` or `{"name": …}`
    /// unwrapped, the first usable element of an array. Markup and entities are flattened.
    static func text(_ value: Any?) -> String? {
        guard let raw = rawString(value) else { return nil }
        if raw.contains("&") || raw.contains("<") {
            return LibXML.plainText(fromHTML: raw).normalisedWhitespace
        }
        return raw.normalisedWhitespace
    }

    /// Like `text` but without flattening markup: for URLs and dates.
    static func rawString(_ value: Any?) -> String? {
        switch value {
        case let string as String:
            return string.trimmingWhitespace().isEmpty ? nil : string.trimmingWhitespace()
        case let number as NSNumber:
            return format(number)
        case let object as [String: Any]:
            return rawString(object["@value"] ?? object["name"] ?? object["url"] ?? object["@id"])
        case let array as [Any]:
            return array.lazy.compactMap { rawString($0) }.first
        default:
            return nil
        }
    }

    /// A whole number inside `range` from `1200`, `"1200"`, `"1200px"` or `{"value": 1200}`.
    static func integer(_ value: Any?, in range: ClosedRange<Int>) -> Int? {
        switch value {
        case let number as NSNumber:
            return BoundedNumber.int(number.doubleValue.rounded(), in: range)
        case let string as String:
            return BoundedNumber.int(string.trimmingWhitespace().prefix { $0.isASCII && $0.isNumber }, in: range)
        case let object as [String: Any]:
            return integer(object["value"] ?? object["@value"], in: range)
        default:
            return nil
        }
    }

    /// Names of a person, organisation or list of them, joined with ", ".
    static func names(_ value: Any?) -> String? {
        let names = nameList(value)
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    /// Names of a person, organisation or list of them, in order.
    static func nameList(_ value: Any?) -> [String] {
        let items: [Any] = (value as? [Any]) ?? (value.map { [$0] } ?? [])
        return items.compactMap { item -> String? in
            if let object = item as? [String: Any] { return text(object["name"]) }
            return text(item)
        }
    }

    /// Keywords from a comma-separated string or an array of strings.
    static func keywords(_ value: Any?) -> [String] {
        if let array = value as? [Any] { return array.compactMap { text($0) } }
        guard let string = text(value) else { return [] }
        return string.split(separator: ",").compactMap { $0.normalisedWhitespace }
    }

    /// A postal address as one line, from a string or a `PostalAddress` object.
    static func address(_ value: Any?) -> String? {
        guard let object = value as? [String: Any] else { return text(value) }
        let parts = ["streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry"]
            .compactMap { text(object[$0]) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// An image from a URL string, an `ImageObject`, or an array of either (first wins).
    static func image(_ value: Any?) -> ContentImage? {
        if let array = value as? [Any] { return array.lazy.compactMap { image($0) }.first }
        if let object = value as? [String: Any] {
            guard let url = rawString(object["url"] ?? object["contentUrl"] ?? object["@id"]) else { return nil }
            return ContentImage(
                url: url, width: integer(object["width"], in: ContentImage.plausiblePixels),
                height: integer(object["height"], in: ContentImage.plausiblePixels),
                alt: text(object["caption"] ?? object["description"]))
        }
        return rawString(value).map { ContentImage(url: $0) }
    }

    /// `InStock` from `https://schema.org/InStock`, `schema:InStock` or `InStock`.
    static func availability(_ value: Any?) -> String? {
        guard let raw = rawString(value) else { return nil }
        let last = raw.split(separator: "/").last.map(String.init) ?? raw
        return last.split(separator: ":").last.map(String.init) ?? last
    }

    private static func format(_ number: NSNumber) -> String {
        let double = number.doubleValue
        if double.rounded() == double, abs(double) < 1e15 { return String(Int(double)) }
        return String(double)
    }
}
