import CansFormats
import FuzzSupport

/// Response import (AutoEq CSV, REW text, squig.link text, generic columns) through
/// `ResponseReader.read(path:)`: the bytes are read under a plain name and under a squig.link
/// channel-file name, which selects the squig reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResponseText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    for name in ["response.csv", "response L.txt"] {
        let path = ScratchFile.write(data, size, name: name)
        do {
            let parsed = try ResponseReader.read(path: path)
            precondition(!parsed.response.frequenciesHz.isEmpty, "a response read without points")
        } catch {
            expect(error, isOneOf: [FileFormatError.self], reader: "ResponseReader")
        }
    }
    return 0
}

/// The entry point (see `runFuzzer`).
@_cdecl("fuzz_response_text_main")
public func fuzzResponseTextMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzResponseText(data, size) }
}
