import CansFormats
import FuzzSupport

/// EqualizerAPO `ParametricEQ.txt` through `EqualizerAPO.parse(_:path:)`, which takes text: the
/// bytes are decoded as UTF-8 with invalid sequences replaced, as a caller reading a file would.
/// What parses must hold finite values only (frequencies and Q above 0), as the reader promises.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEqualizerAPO(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let channels: [EqualizerAPO.Channel]
    do {
        channels = try EqualizerAPO.parse(text, path: "ParametricEQ.txt")
    } catch {
        return 0
    }
    for channel in channels {
        precondition(channel.preampDB.isFinite, "a non-finite preamp")
        for filter in channel.filters {
            precondition(filter.frequencyHz.isFinite && filter.frequencyHz > 0 && filter.gainDB.isFinite
                && filter.q.isFinite && filter.q > 0, "a filter out of range: \(filter)")
        }
    }
    return 0
}

/// The entry point (see `runFuzzer`).
@_cdecl("fuzz_equalizer_apo_main")
public func fuzzEqualizerAPOMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzEqualizerAPO(data, size) }
}
