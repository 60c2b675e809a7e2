import Foundation
import Logging
import NIOConcurrencyHelpers

/// A swift-log handler that writes each message as one JSON object on one line (`LOG_FORMAT=json`):
/// `{"timestamp":"2026-11-26T10:00:00.123Z","level":"info","label":"social-service","message":"…","metadata":{…}}`.
/// Keys are sorted; `metadata` is left out when empty; nested metadata stays nested. It writes
/// what it is given and nothing more: tokens and secrets are never put into log messages or
/// metadata in the first place (README, "Security and reliability").
struct JSONLogHandler: LogHandler {
    /// Where lines go: standard error (as the text logs), or a test's buffer.
    typealias Sink = @Sendable (String) -> Void

    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let sink: Sink

    init(label: String, metadataProvider: Logger.MetadataProvider? = nil, sink: @escaping Sink = JSONLogHandler.standardError) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        if let error = event.error { merged["error"] = "\(String(reflecting: error))" }
        sink(Self.line(timestamp: Date(), level: event.level, label: label, message: event.message.description, metadata: merged))
    }

    /// One log line, ending in a line feed.
    static func line(timestamp: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var object: [String: JSONValue] = [
            "timestamp": .string(timestamp.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
            "level": .string(level.rawValue), "label": .string(label), "message": .string(message),
        ]
        if !metadata.isEmpty { object["metadata"] = .object(metadata.mapValues(JSONValue.init)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, arrays and objects of strings always encode; the fallback only keeps a line per message.
        let data = (try? encoder.encode(JSONValue.object(object))) ?? Data(#"{"message":"unencodable log message"}"#.utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Lines from every logger of the process go out whole, one after another.
    private static let standardErrorLock = NIOLock()

    @Sendable static func standardError(_ line: String) {
        standardErrorLock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Metadata as JSON: strings, arrays and objects.
    private enum JSONValue: Encodable {
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])

        init(_ value: Logger.MetadataValue) {
            switch value {
            case .string(let text): self = .string(text)
            case .stringConvertible(let convertible): self = .string(convertible.description)
            case .dictionary(let dictionary): self = .object(dictionary.mapValues(JSONValue.init))
            case .array(let array): self = .array(array.map(JSONValue.init))
            }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .string(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .array(let values):
                var container = encoder.unkeyedContainer()
                for value in values { try container.encode(value) }
            case .object(let values):
                var container = encoder.singleValueContainer()
                try container.encode(values)
            }
        }
    }
}
