import FuzzerDriver
import Ingest

/// Called by libFuzzer once per input; returning 0 keeps the input if it found new coverage.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    IngestFuzzing.date(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// SwiftPM links a debug executable's `main` to `<module>_main`; from there libFuzzer's own
/// driver takes over, with the command line it documents.
@_cdecl("FuzzDate_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
}
