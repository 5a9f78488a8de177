import CansFormats
import CansMeasure
import FuzzSupport

/// A measurement session's `session.json` through `StoredSession.load(path:)`, which reads it
/// from the session folder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSessionJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = ScratchFile.write(data, size, name: "session.json")
    do {
        _ = try StoredSession.load(path: ScratchFile.folder)
    } catch {
        expect(error, isOneOf: [FileFormatError.self], reader: "StoredSession")
    }
    return 0
}

/// The entry point (see `runFuzzer`).
@_cdecl("fuzz_session_json_main")
public func fuzzSessionJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzSessionJSON(data, size) }
}
