import Foundation
import Hummingbird
import NIOCore

/// The routes of one demo app: list page (with the publish form), detail pages with the share
/// button, the RSS feed, the generated images and `POST /publish`.
struct DemoAppController: Sendable {
    let site: DemoSite
    let shareButtons: ShareButtonClient
    let sender: DemoWebhookSender

    var kind: DemoAppKind { site.kind }

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await list() }
        router.get("/\(kind.section)/:slug") { _, context in try await detail(slug: context.parameters.require("slug")) }
        router.get("/feed.xml") { _, _ in try await feed() }
        router.get("/images/:file") { _, context in try await image(file: context.parameters.require("file")) }
        router.post("/publish") { _, _ in try await publish() }
    }

    func list() async throws -> Response {
        let origin = await site.origin
        return Self.html(DemoPages.list(kind: kind, origin: origin, items: await site.allItems()))
    }

    func detail(slug: String) async throws -> Response {
        guard let item = await site.item(slug: slug) else { throw HTTPError(.notFound, message: "No such page.") }
        let origin = await site.origin
        let pageURL = DemoURLs.page(origin: origin, kind: kind, slug: item.slug)
        let button = await shareButtons.shareButton(
            kind: kind, pageURL: pageURL, title: item.title, description: item.summary,
            image: DemoURLs.image(origin: origin, slug: item.slug))
        let outcome = await site.outcome(slug: slug)
        return Self.html(DemoPages.detail(kind: kind, origin: origin, item: item, shareButton: button, outcome: outcome))
    }

    func feed() async throws -> Response {
        let xml = DemoFeed.rss(kind: kind, origin: await site.origin, items: await site.allItems())
        return Self.text(xml, contentType: "application/rss+xml; charset=utf-8")
    }

    /// `<slug>.jpg` (the sharing image: Instagram publishes only JPEG, uploads take no SVG)
    /// or `<slug>.svg` (the card with its title, shown on the page).
    func image(file: String) async throws -> Response {
        guard file.hasSuffix(".svg") || file.hasSuffix(".jpg"), let item = await site.item(slug: String(file.dropLast(4))) else {
            throw HTTPError(.notFound, message: "No such image.")
        }
        var response: Response
        if file.hasSuffix(".jpg") {
            let jpeg = DemoJPEG.card(hue: item.hue)
            response = Response(
                status: .ok, headers: [.contentType: "image/jpeg", .contentLength: String(jpeg.count)],
                body: .init(byteBuffer: ByteBuffer(bytes: jpeg)))
        } else {
            response = Self.text(DemoImage.svg(title: item.title, siteName: kind.siteName, hue: item.hue), contentType: "image/svg+xml")
        }
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    /// Creates an item, sends its signed webhook, then redirects to it (the page says whether
    /// the service accepted it).
    func publish() async throws -> Response {
        let item = await site.addGeneratedItem()
        let origin = await site.origin
        let path = DemoURLs.pagePath(kind: kind, slug: item.slug)
        let outcome = await sender.publish(
            item: item, pageURL: origin + path, imageURL: DemoURLs.image(origin: origin, slug: item.slug))
        await site.record(outcome, slug: item.slug)
        return Response(status: .seeOther, headers: [.location: path])
    }

    static func html(_ text: String) -> Response {
        self.text(text, contentType: "text/html; charset=utf-8")
    }

    static func text(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
