import Foundation
import Testing
import CansCore
import CansFormats

@Suite struct MicCalibrationTests {
    static let miniDSP = """
        "Sens Factor =-1.378dB, AGain =18dB, SERNO: 7001234"
        10.054\t-2.7374
        10.179\t-2.6504
        1000.0\t0.0000
        19999.0\t1.8812
        """

    @Test func readsMiniDSPFile() throws {
        let calibration = try MicCalibration.parse(Self.miniDSP, name: "7001234.txt")
        #expect(calibration.sensitivityFactorDB == -1.378)
        #expect(calibration.serialNumber == "7001234")
        #expect(calibration.response.frequenciesHz == [10.054, 10.179, 1000, 19999])
        #expect(calibration.response.magnitudesDB == [-2.7374, -2.6504, 0, 1.8812])
        #expect(calibration.response.phasesDegrees == nil)
    }

    @Test func readsUnquotedAndOlderSensitivityLines() throws {
        let unquoted = try MicCalibration.parse("Sens Factor = -0.65 dB, SERNO: 700-1234\n20 1\n40 2\n", name: "u.txt")
        #expect(unquoted.sensitivityFactorDB == -0.65 && unquoted.serialNumber == "700-1234")
        let older = try MicCalibration.parse("\"Sens Factor =-.6574dB, SERNO: 7023270\"\n20 1\n40 2\n", name: "o.txt")
        #expect(older.sensitivityFactorDB == -0.6574 && older.serialNumber == "7023270")
    }

    @Test func readsREWCalibrationWithCommentsAndPhase() throws {
        let text = """
            * REW calibration file for an ECM8000
            "Created by a rig compensation script"
            20.0 -0.50 3.0
            1000.0 0.00 0.0
            20000.0 2.25 -12.5
            """
        let calibration = try MicCalibration.parse(text, name: "ecm8000.cal")
        #expect(calibration.sensitivityFactorDB == nil && calibration.serialNumber == nil)
        #expect(calibration.response.magnitudesDB == [-0.5, 0, 2.25])
        #expect(calibration.response.phasesDegrees == [3, 0, -12.5])
    }

    @Test func reportsAnUnreadableSensitivityFactor() throws {
        let error = try #require(throws: FileFormatError.self) {
            try MicCalibration.parse("\"Sens Factor =abc dB, SERNO: 1\"\n20 1\n40 2\n", name: "bad.txt")
        }
        #expect(error.line == 1 && error.problem.contains("abc"))
    }

    @Test func subtractsTheCalibrationInterpolatedInLogFrequency() throws {
        let calibration = MicCalibration(response: try FrequencyResponse(
            frequenciesHz: [10, 100, 1000, 10000, 20000], magnitudesDB: [-2, -1, 0, 1, 3]))
        let measurement = try FrequencyResponse(
            frequenciesHz: [5, 31.6227766, 1000, 14142.135624, 30000], magnitudesDB: [80, 80, 80, 80, 80],
            phasesDegrees: [10, 20, 30, 40, 50])
        let corrected = calibration.applied(to: measurement)
        #expect(corrected.frequenciesHz == measurement.frequenciesHz)
        #expect(allClose(corrected.magnitudesDB, [82, 81.5, 80, 78, 77], tolerance: 1e-6))
        #expect(corrected.phasesDegrees == [10, 20, 30, 40, 50])  // a calibration without phase keeps it
    }

    @Test func subtractsUnwrappedCalibrationPhase() throws {
        let calibration = MicCalibration(response: try FrequencyResponse(
            frequenciesHz: [100, 1000], magnitudesDB: [0, 0], phasesDegrees: [170, -170]))
        let measurement = try FrequencyResponse(
            frequenciesHz: [100, 316.227766, 1000], magnitudesDB: [0, 0, 0], phasesDegrees: [0, 0, 0])
        let phases = try #require(calibration.applied(to: measurement).phasesDegrees)
        // Unwrapped, the calibration runs 170 -> 190 degrees: 180 halfway, and 0 - 180 wraps to 180.
        let expected: [Double] = [-170, 180, 170]
        for (phase, wanted) in zip(phases, expected) {
            #expect(phase > -180 && phase <= 180)
            let difference = (phase - wanted).truncatingRemainder(dividingBy: 360)
            #expect(min(abs(difference), 360 - abs(difference)) < 1e-6, "phase \(phase), expected \(wanted)")
        }
    }
}
