import CansFormats
import FuzzSupport

/// The EQ profile `cans fit` writes (`*.profile.json`) through `ProfileDocument.read(path:)`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfileJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = ScratchFile.write(data, size, name: "eq.profile.json")
    do {
        let profile = try ProfileDocument.read(path: path)
        precondition(profile.format == "cans-eq-profile" && profile.version == 1, "a profile of another format read")
    } catch {
        expect(error, isOneOf: [FileFormatError.self], reader: "ProfileDocument")
    }
    return 0
}

/// The entry point (see `runFuzzer`).
@_cdecl("fuzz_profile_json_main")
public func fuzzProfileJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzProfileJSON(data, size) }
}
