// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the readers of outside input (README.md, "Input handling"). A package of
// its own so the normal build never sees them: `make fuzz` builds it with `-sanitize=fuzzer`.
// Sources/Ingest, Sources/SocialCore and Sources/CLibXML2 here are symbolic links to the root
// package's folders; only the parsing code is compiled (no fetching, so none of the HTTP, NIO
// or crypto dependencies), which keeps the instrumented cold build short enough for CI.
let package = Package(
    name: "social-fuzz",
    platforms: [.macOS(.v14)],
    targets: [
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0"),
        // Only the input helpers: the rest of SocialCore is outbound HTTP, configuration and crypto.
        .target(name: "SocialCore", path: "Sources/SocialCore", exclude: ["Configuration", "Crypto", "Outbound"], sources: ["Input"]),
        .target(name: "Ingest", dependencies: ["SocialCore", "CLibXML2"], path: "Sources/Ingest", exclude: ["Fetching", "README.md"]),
        .target(name: "FuzzerDriver"),
    ]
        + ["FuzzHTML", "FuzzFeed", "FuzzJSONLD", "FuzzDate"].map { name in
            .executableTarget(name: name, dependencies: ["Ingest", "FuzzerDriver"], swiftSettings: [.unsafeFlags(["-parse-as-library"])])
        },
    swiftLanguageModes: [.v6]
)
