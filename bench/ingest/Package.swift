// swift-tools-version:6.0
import PackageDescription

// Benchmarks of the parsing code for `make bench` (README.md, "Benchmarks"): a package of its own,
// built in release, so the service build never sees it. As in Fuzz/, Sources/Ingest,
// Sources/SocialCore and Sources/CLibXML2 are symbolic links to the root package's folders and
// only the parsing code is compiled.
let package = Package(
    name: "social-bench",
    platforms: [.macOS(.v14)],
    targets: [
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0"),
        .target(name: "SocialCore", path: "Sources/SocialCore", exclude: ["Configuration", "Crypto", "Outbound"], sources: ["Input"]),
        .target(name: "Ingest", dependencies: ["SocialCore", "CLibXML2"], path: "Sources/Ingest", exclude: ["Fetching", "README.md"]),
        .executableTarget(name: "IngestBench", dependencies: ["Ingest", "CLibXML2"]),
    ],
    swiftLanguageModes: [.v6]
)
