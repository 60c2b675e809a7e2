import Foundation

/// A strict reader of Prometheus' text exposition format (version 0.0.4), for tests of
/// `/metrics`: anything a Prometheus server would refuse, or that breaks the format's rules for
/// families (one `# TYPE` before its samples, samples of a family together, a histogram's
/// buckets cumulative and ending in `+Inf` equal to `_count`), is an error naming the line.
struct PrometheusText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Family {
        var type: String
        var samples: [Sample] = []
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var families: [String: Family] = [:]

    init(_ text: String) throws {
        var current: String?
        var closed: Set<String> = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            func fail(_ why: String) -> FormatError { FormatError(description: "line \(number + 1) '\(line)': \(why)") }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                guard parts.count >= 3, parts[0] == "#", parts[1] == "TYPE" || parts[1] == "HELP" else { continue }
                let name = String(parts[2])
                guard Self.isMetricName(name) else { throw fail("bad metric name") }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else { throw fail("bad type") }
                    guard families[name] == nil, !closed.contains(name) else { throw fail("second TYPE for \(name)") }
                    if let current { closed.insert(current) }
                    families[name] = Family(type: String(parts[3]))
                    current = name
                }
                continue
            }
            let sample = try Self.sample(line, fail: fail)
            let family = Self.family(of: sample.name, among: families)
            guard let family, family == current else { throw fail("sample outside its family's block (no TYPE before it?)") }
            families[family]?.samples.append(sample)
        }
        for (name, family) in families where family.type == "histogram" { try Self.checkHistogram(name, family) }
    }

    /// Samples of `name` (for a histogram, its `_bucket`, `_sum` or `_count` series) whose labels include `labels`.
    func samples(_ name: String, _ labels: [String: String] = [:]) -> [Sample] {
        families.values.flatMap(\.samples).filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }

    /// The one sample of `name` with exactly `labels`, if there is one.
    func value(_ name: String, _ labels: [String: String]) -> Double? {
        families.values.flatMap(\.samples).first { $0.name == name && $0.labels == labels }?.value
    }

    // MARK: Reading

    private static func family(of sample: String, among families: [String: Family]) -> String? {
        if families[sample] != nil { return sample }
        for suffix in ["_bucket", "_sum", "_count"] where sample.hasSuffix(suffix) {
            let base = String(sample.dropLast(suffix.count))
            if let family = families[base], family.type == "histogram" || family.type == "summary" { return base }
        }
        return nil
    }

    private static func sample(_ line: Substring, fail: (String) -> FormatError) throws -> Sample {
        var rest = line[...]
        let name = String(rest.prefix { $0 != "{" && $0 != " " })
        guard isMetricName(name) else { throw fail("bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = String(rest.prefix { $0 != "=" })
                guard isLabelName(label), !label.hasPrefix("__") else { throw fail("bad label name '\(label)'") }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw fail("label \(label) has no quoted value") }
                rest = rest.dropFirst(2)
                var value = ""
                while true {
                    guard let c = rest.first else { throw fail("unterminated label value") }
                    rest = rest.dropFirst()
                    if c == "\"" { break }
                    if c == "\\" {
                        guard let escaped = rest.first else { throw fail("dangling escape") }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw fail("unknown escape \\\(escaped)")
                        }
                    } else {
                        guard c != "\n" else { throw fail("raw line feed in a label value") }
                        value.append(c)
                    }
                }
                guard labels.updateValue(value, forKey: label) == nil else { throw fail("label \(label) twice") }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw fail("expected , or }") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw fail("no space before the value") }
        let fields = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(fields.count), let value = number(fields[0]) else { throw fail("bad value") }
        if fields.count == 2, Int64(fields[1]) == nil { throw fail("bad timestamp") }
        return Sample(name: name, labels: labels, value: value)
    }

    private static func number(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default:
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
            return Double(text)
        }
    }

    private static func checkHistogram(_ name: String, _ family: Family) throws {
        var series: [[String: String]: [(le: Double, count: Double)]] = [:]
        var counts: [[String: String]: Double] = [:]
        for sample in family.samples {
            var labels = sample.labels
            if sample.name == name + "_bucket" {
                guard let le = labels.removeValue(forKey: "le"), let bound = number(le[...]) else {
                    throw FormatError(description: "\(name): a bucket without a numeric le")
                }
                series[labels, default: []].append((bound, sample.value))
            } else if sample.name == name + "_count" {
                counts[labels] = sample.value
            } else if sample.name != name + "_sum" {
                throw FormatError(description: "\(name): unexpected series \(sample.name)")
            }
        }
        for (labels, buckets) in series {
            guard buckets.last?.le == .infinity else { throw FormatError(description: "\(name)\(labels): the last bucket is not +Inf") }
            for (a, b) in zip(buckets, buckets.dropFirst()) where !(a.le < b.le && a.count <= b.count) {
                throw FormatError(description: "\(name)\(labels): buckets not increasing and cumulative")
            }
            guard counts[labels] == buckets.last?.count else { throw FormatError(description: "\(name)\(labels): _count differs from +Inf bucket") }
        }
    }

    private static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }
    }

    private static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
