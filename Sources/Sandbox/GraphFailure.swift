/// A Graph error answer carried through `Result`.
struct GraphFailure: Error {
    let response: SandboxResponse
    init(_ response: SandboxResponse) { self.response = response }
}
