import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// `/static/` is served from memory with caching headers; nothing else looks for files.
@Suite struct StaticFilesTests {
    @Test func bundledFilesCarryCacheControlAStrongETagAndLastModified() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let etag = try await client.execute(uri: "/static/app.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
                #expect(response.headers[.cacheControl] == "public, max-age=3600")
                #expect(response.headers[.lastModified]?.hasSuffix(" GMT") == true)
                let etag = try #require(response.headers[.eTag])
                #expect(etag == EntityTag.strong(forBytes: Array(buffer: response.body)))
                return etag
            }
            try await client.execute(uri: "/static/app.css", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.cacheControl] == "public, max-age=3600")
            }
            try await client.execute(uri: "/static/share.js", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(Int(response.headers[.contentLength] ?? "") ?? 0 > 0)
                #expect(response.headers[.cacheControl] == "public, max-age=3600")
            }
        }
    }

    @Test func onlyPathsUnderStaticServeFiles() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            for uri in ["/app.css", "/static/missing.css", "/static/../Public/app.css", "/static/%2E%2E/Templates/layout.mustache", "/static/"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
            }
        }
    }

    @Test func filesAreReadOnceAtStartAndServedWithoutTouchingTheDisk() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fonts"), withIntermediateDirectories: true)
        try Data("body { color: red }".utf8).write(to: folder.appendingPathComponent("site.css"))
        try Data([0, 1, 2, 3]).write(to: folder.appendingPathComponent("fonts/icons.woff2"))
        let files = try StaticFiles(folder: folder)
        let modified = try #require(files.files["site.css"]).lastModified
        // Gone from disk: answers must come from memory.
        try FileManager.default.removeItem(at: folder)

        let router = Router()
        files.addRoutes(to: router.group("static"))
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/static/site.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "body { color: red }")
                #expect(response.headers[.cacheControl] == "public, max-age=3600")
            }
            try await client.execute(uri: "/static/fonts/icons.woff2", method: .get) { #expect(Array(buffer: $0.body) == [0, 1, 2, 3]) }
            try await client.execute(uri: "/static/site.css", method: .get, headers: [.ifModifiedSince: modified]) {
                #expect($0.status == .notModified)
            }
            try await client.execute(uri: "/static/site.css", method: .get, headers: [.ifModifiedSince: "Sun, 06 Nov 1994 08:49:37 GMT"]) {
                #expect($0.status == .ok)
            }
        }
    }
}
