import ArgumentParser
import Hummingbird
import Mustache
import PostgresNIO
import JWTKit
import ServiceLifecycle
public struct SocialServiceCommand: AsyncParsableCommand {
    public init() {}
    public func run() async throws {}
}
