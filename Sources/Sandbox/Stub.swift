import ArgumentParser
import Hummingbird
public struct SandboxCommand: AsyncParsableCommand {
    public init() {}
    public func run() async throws {}
}
