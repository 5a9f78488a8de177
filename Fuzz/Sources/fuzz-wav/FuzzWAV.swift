import CansAudio
import FuzzSupport

/// Audio files through libsndfile: `AudioFile.readWithInfo(path:)` (header and samples) and
/// `AudioFile.info(path:)` (header only). libsndfile sniffs the format from the bytes, so WAV
/// seeds also lead to its other readers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWAV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = ScratchFile.write(data, size, name: "take.wav")
    do {
        let (buffer, info) = try AudioFile.readWithInfo(path: path)
        precondition(buffer.channels.count == info.channelCount, "channels read differ from the header's")
        precondition(buffer.channels.allSatisfy { $0.count == info.frameCount }, "channels of unequal length")
    } catch {
        expect(error, isOneOf: [AudioFileError.self], reader: "AudioFile.readWithInfo")
    }
    do {
        _ = try AudioFile.info(path: path)
    } catch {
        expect(error, isOneOf: [AudioFileError.self], reader: "AudioFile.info")
    }
    return 0
}

/// The entry point (see `runFuzzer`).
@_cdecl("fuzz_wav_main")
public func fuzzWAVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzWAV(data, size) }
}
