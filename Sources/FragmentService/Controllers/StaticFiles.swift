import Foundation
import HTTPTypes
import Hummingbird

/// Serves `GET /static/<file>` (CSS, `share.js`) from memory: the bundled `Public` files are few
/// and small, so they are read once at start with their headers computed then, and no request
/// touches the file system. Only `/static/` is served this way; nothing outside it looks for
/// files at all.
///
/// Each file has `Cache-Control: public, max-age=3600` (the names carry no version, so an hour
/// bounds how long a changed stylesheet takes to arrive), a strong `ETag` (SHA-256 of the bytes)
/// and `Last-Modified`; `If-None-Match` — or, without it, `If-Modified-Since` — answers 304
/// (RFC 9110 §13.1.2, §13.1.3). `HEAD` gets the headers alone. Range requests get
/// the whole file, which RFC 9110 §14.2 allows.
struct StaticFiles: Sendable {
    /// The `Cache-Control` value of every file.
    static let cacheControl = "public, max-age=3600"

    struct File: Sendable {
        let body: ByteBuffer
        let etag: String
        let lastModified: String
        let modified: Date
        let headers: HTTPFields
        let notModifiedHeaders: HTTPFields
    }

    /// Files by their path below the folder, such as `app.css` or `fonts/x.woff2`.
    let files: [String: File]

    /// Reads every regular file under `folder` (recursively).
    init(folder: URL) throws {
        var files: [String: File] = [:]
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let keys: [URLResourceKey] = [.isRegularFileKey, .contentModificationDateKey]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys)
        while let url = walker?.nextObject() as? URL {
            let values = try url.resourceValues(forKeys: Set(keys))
            guard values.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(root + "/") else { continue }
            let relative = String(path.dropFirst(root.count + 1))
            let bytes = [UInt8](try Data(contentsOf: url))
            // HTTP dates have whole seconds; comparing in whole seconds keeps If-Modified-Since exact.
            let modified = Date(timeIntervalSince1970: (values.contentModificationDate ?? Date()).timeIntervalSince1970.rounded(.down))
            files[relative] = File(bytes: bytes, path: relative, modified: modified)
        }
        self.files = files
    }

    /// Adds `GET` and `HEAD /**` to `group` (mounted at `/static`).
    func addRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        group.get("**") { request, _ in try self.serve(request) }
        group.head("**") { request, _ in try self.serve(request) }
    }

    func serve(_ request: Request) throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/static/"), let relative = FormFields.percentDecode(path.dropFirst("/static/".count), plusIsSpace: false),
            let file = files[relative]
        else {
            throw RequestError.notFound("No such file.")
        }
        if file.isNotModified(for: request.headers) {
            return Response(status: .notModified, headers: file.notModifiedHeaders)
        }
        // HEAD: the same headers (Content-Length included) without the body.
        return Response(status: .ok, headers: file.headers, body: request.method == .head ? .init() : .init(byteBuffer: file.body))
    }
}

extension StaticFiles.File {
    init(bytes: [UInt8], path: String, modified: Date) {
        body = ByteBuffer(bytes: bytes)
        etag = EntityTag.strong(forBytes: bytes)
        self.modified = modified
        lastModified = Self.httpDate(modified)
        notModifiedHeaders = [.eTag: etag, .lastModified: lastModified, .cacheControl: StaticFiles.cacheControl]
        var headers = notModifiedHeaders
        headers[.contentLength] = String(bytes.count)
        let ext = path.split(separator: ".").last.map(String.init) ?? ""
        headers[.contentType] = MediaType.getMediaType(forExtension: ext)?.description ?? "application/octet-stream"
        self.headers = headers
    }

    /// True when the request's validators say the client already holds this file.
    func isNotModified(for headers: HTTPFields) -> Bool {
        let ifNoneMatch = headers[values: .ifNoneMatch]
        if !ifNoneMatch.isEmpty { return EntityTag.ifNoneMatch(ifNoneMatch, matches: etag) }
        guard let since = headers[.ifModifiedSince] else { return false }
        if since == lastModified { return true }
        guard let date = Self.httpDateFormatter().date(from: since) else { return false }
        return modified <= date
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), such as `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ date: Date) -> String { httpDateFormatter().string(from: date) }

    private static func httpDateFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
