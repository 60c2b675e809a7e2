@testable import Sandbox

/// Apps registered for the tests, as the service's environment would register them.
enum TestApps {
    static let base = "https://rose.example"
    static func callback(_ platform: String) -> String { "\(base)/social/callback/\(platform)/" }
    static let environment = [
        "PUBLIC_BASE_URL": base,
        "SOCIAL_FACEBOOK_APP_ID": "1111", "SOCIAL_FACEBOOK_APP_SECRET": "fb-secret",
        "SOCIAL_THREADS_APP_ID": "2222", "SOCIAL_THREADS_APP_SECRET": "th-secret",
        "SOCIAL_TWITTER_CLIENT_ID": "x-client", "SOCIAL_TWITTER_CLIENT_SECRET": "x-secret",
        "SOCIAL_LINKEDIN_CLIENT_ID": "li-client", "SOCIAL_LINKEDIN_CLIENT_SECRET": "li-secret",
    ]
    static var all: [RegisteredApp] { SandboxConfiguration.fromEnvironment(environment).apps }
}
