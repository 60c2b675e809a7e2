import ArgumentParser
import Foundation
import SocialCore

/// `social-service app add|list`: registers the content apps allowed to send publish webhooks.
struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app", abstract: "Register content apps (blog, events, market).", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register or update a content app and print its signing secret.")

        @OptionGroup var options: EnvironmentOptions
        @Argument(help: "Short id, e.g. blog (lowercase letters, digits, - and _).") var id: String
        @Option(help: "Name shown to people.") var name: String?
        @Option(name: .customLong("origin"), help: "An origin its content URLs live on, e.g. https://blog.rose-ash.com (repeatable).")
        var origins: [String] = []
        @Option(help: "An RSS/Atom/JSON feed to poll instead of webhooks.") var feed: String?
        @Option(help: "What the feed's items are: blog_post, event or product.") var feedType: String = "blog_post"
        @Option(help: "Use this signing secret instead of generating one (at least 32 characters).") var secret: String?

        func validate() throws {
            guard id.range(of: #"^[a-z0-9][a-z0-9_-]{0,62}$"#, options: .regularExpression) != nil else {
                throw ValidationError("The id must be lowercase letters, digits, - and _ (at most 63).")
            }
            guard !origins.isEmpty else { throw ValidationError("Give at least one --origin.") }
            for origin in origins {
                guard let url = URL(string: origin), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                    url.path.isEmpty, url.query == nil
                else { throw ValidationError("\(origin) is not an origin like https://blog.rose-ash.com") }
            }
            guard PublishEventPayload.contentTypes.contains(feedType) else {
                throw ValidationError("--feed-type must be blog_post, event or product.")
            }
            if let feed, !(feed.hasPrefix("https://") || feed.hasPrefix("http://")) {
                throw ValidationError("--feed must be an http(s) URL.")
            }
            if let secret, secret.count < 32 { throw ValidationError("--secret must be at least 32 characters.") }
        }

        func run() async throws {
            let configuration = try options.configuration(needs: [.database, .encryptionKey])
            let logger = options.logger()
            let signing = secret ?? RandomToken.make(bytes: 32)
            let app = ContentApp(
                id: id, displayName: name ?? id, signingSecret: signing, allowedOrigins: origins.map { $0.lowercased() }, feedURL: feed,
                feedContentType: feedType)
            try await options.withDatabase(configuration, logger: logger) { client in
                try await PostgresContentAppRepository(client: client, fernet: configuration.fernet, logger: logger).save(app)
            }
            print("registered \(id); signing secret (give it to the app, keep it secret):\n\(signing)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered content apps (without secrets).")
        @OptionGroup var options: EnvironmentOptions

        func run() async throws {
            let configuration = try options.configuration(needs: [.database, .encryptionKey])
            let logger = options.logger()
            let apps = try await options.withDatabase(configuration, logger: logger) { client in
                try await PostgresContentAppRepository(client: client, fernet: configuration.fernet, logger: logger).all()
            }
            for app in apps {
                print("\(app.id)\t\(app.displayName)\t\(app.allowedOrigins.joined(separator: ","))\t\(app.feedURL ?? "-")")
            }
        }
    }
}
