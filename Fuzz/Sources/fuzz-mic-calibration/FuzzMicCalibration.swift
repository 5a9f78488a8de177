import CansFormats
import FuzzSupport

/// Microphone calibration files (miniDSP and REW layouts) through `MicCalibration.read(path:)`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMicCalibration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = ScratchFile.write(data, size, name: "mic.txt")
    do {
        let calibration = try MicCalibration.read(path: path)
        precondition(!calibration.response.frequenciesHz.isEmpty, "a calibration read without points")
        if let factor = calibration.sensitivityFactorDB { precondition(factor.isFinite, "a non-finite Sens Factor") }
    } catch {
        expect(error, isOneOf: [FileFormatError.self], reader: "MicCalibration")
    }
    return 0
}

/// The entry point (see `runFuzzer`).
@_cdecl("fuzz_mic_calibration_main")
public func fuzzMicCalibrationMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc: argc, argv: argv) { data, size in fuzzMicCalibration(data, size) }
}
