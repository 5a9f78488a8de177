import Testing
import CansCore
import CansFormats

@Suite struct REWTextTests {
    static let export = """
        * Measurement data measured by REW V5.20.13
        * Source: Umik-1  Gain: 18dB  , Speakers,\u{20}
        * Format: 256k Log Swept Sine, 1 sweep at -12.0 dBFS using an acoustic reference
        * Dated: 11-Jan-2023 10:00:00
        * REW Settings:
        *  C-weighting compensation: Off
        *  Target level: 75.0 dB
        * Note:
        * Measurement: Left
        * Smoothing: 1/48 octave
        * Frequency Step: 48 ppo
        * Start Frequency: 20.000 Hz
        *
        * Freq(Hz), SPL(dB), Phase(degrees)
        20.000000, 72.814, -175.3188
        20.291578, 72.902, -176.0112

        20.587402, 72.988, -176.6907
        1000.000000, 80.125, 12.5000
        19911.460938, 64.004, 95.2051
        """

    @Test func readsLevelAndPhase() throws {
        let response = try REWText.parse(Self.export, name: "left.txt")
        #expect(response.frequenciesHz == [20, 20.291578, 20.587402, 1000, 19911.460938])
        #expect(response.magnitudesDB == [72.814, 72.902, 72.988, 80.125, 64.004])
        #expect(response.phasesDegrees == [-175.3188, -176.0112, -176.6907, 12.5, 95.2051])
    }

    @Test func readsOldSpaceSeparatedExportWithoutPhase() throws {
        let text = "* Freq(Hz) SPL(dB)\n*\n10.0000 65.20\n100.0000\t70.75\n1000.0000   71.00\n"
        let response = try REWText.parse(text, name: "old.txt")
        #expect(response.frequenciesHz == [10, 100, 1000])
        #expect(response.magnitudesDB == [65.2, 70.75, 71])
        #expect(response.phasesDegrees == nil)
    }

    @Test func readsCommaDecimalLocaleExport() throws {
        let text = "* Freq(Hz), SPL(dB), Phase(degrees)\n20,5, 103,4, -12,0\n1000,0, 94,0, 3,5\n"
        let response = try REWText.parse(text, name: "de.txt")
        #expect(response.frequenciesHz == [20.5, 1000])
        #expect(response.magnitudesDB == [103.4, 94])
        #expect(response.phasesDegrees == [-12, 3.5])
    }

    @Test func doesNotTakeDistortionColumnsForPhase() throws {
        let text = "* Freq(Hz), Fundamental, THD, H2\n100, 94.0, -40.0, -45.0\n1000, 94.5, -42.0, -47.0\n"
        let response = try REWText.parse(text, name: "thd.txt")
        #expect(response.magnitudesDB == [94, 94.5])
        #expect(response.phasesDegrees == nil)
    }

    @Test func isSniffedByItsCommentLines() throws {
        let parsed = try ResponseReader.parse(Self.export, name: "measurement.txt")
        #expect(parsed.format == .rewText)
        #expect(parsed.response.count == 5)
    }
}
