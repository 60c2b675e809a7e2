import Foundation
import Testing

@testable import FragmentService

/// Runs the built `social-service` binary, as an operator would.
@Suite struct ResolveCommandTests {
    static var binary: URL {
        // The test bundle sits in the build folder next to the executables.
        var dir = Bundle.main.bundleURL
        while dir.pathComponents.count > 1, !FileManager.default.fileExists(atPath: dir.appendingPathComponent("social-service").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("social-service")
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/ingest")

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func resolvesASavedPageAndFeedToJSON() throws {
        let page = try Self.run([
            "resolve", "--html", Self.fixtures.appendingPathComponent("html/blog-post.html").path, "--url", "https://journal.rose-ash.example/x",
        ])
        #expect(page.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(page.output.utf8)) as? [String: Any])
        #expect(json["title"] as? String == "Kiln diaries: firing the anagama")
        let feed = try Self.run([
            "resolve", "--feed", Self.fixtures.appendingPathComponent("feeds/atom.xml").path, "--url", "https://events.example/feed.atom",
        ])
        #expect(feed.status == 0)
        #expect(feed.output.contains(#""format" : "atom""#))
    }

    @Test func badArgumentsExplainThemselves() throws {
        let neither = try Self.run(["resolve", "--url", "https://a.example/"])
        #expect(neither.status != 0)
        #expect(neither.output.contains("--html FILE"))
        let missing = try Self.run(["resolve", "--html", "/nonexistent.html", "--url", "https://a.example/"])
        #expect(missing.status != 0)
        #expect(missing.output.contains("Cannot read"))
    }
}
