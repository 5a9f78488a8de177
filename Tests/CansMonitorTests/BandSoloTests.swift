import CansMonitor
import Foundation
import Testing

@Suite("Band solo")
struct BandSoloTests {
    @Test("each band passes its middle within 0.5 dB and rejects an octave outside its edges by 40 dB or more",
          arguments: [44_100.0, 48_000.0, 96_000.0])
    func passAndReject(sampleRate: Double) {
        for band in ListeningBand.allCases {
            let sections = band.sections(sampleRate: sampleRate)
            let (low, high) = band.edgesHz
            let centre = (low * high).squareRoot()
            #expect(abs(sections.magnitudeDB(atHz: centre, sampleRate: sampleRate)) < 0.5, "\(band) at \(centre) Hz")
            #expect(sections.magnitudeDB(atHz: low / 2, sampleRate: sampleRate) < -40, "\(band) at \(low / 2) Hz")
            if 2 * high < sampleRate / 2 {
                #expect(sections.magnitudeDB(atHz: 2 * high, sampleRate: sampleRate) < -40, "\(band) at \(2 * high) Hz")
            }
            // The other bands' middles are rejected too.
            for other in ListeningBand.allCases where other != band {
                let (ol, oh) = other.edgesHz
                let otherCentre = (ol * oh).squareRoot()
                if otherCentre < low / 2 || otherCentre > 2 * high, otherCentre < sampleRate / 2 {
                    #expect(sections.magnitudeDB(atHz: otherCentre, sampleRate: sampleRate) < -40)
                }
            }
        }
    }

    @Test("band solo through the running cascade equals the design (the filter as heard)")
    func runningCascade() {
        let rate = 48_000.0
        for band in [ListeningBand.sub, .upperMids, .air] {
            let sections = band.sections(sampleRate: rate)
            var cascade = StereoCascade(both: sections)
            let (left, right) = impulseResponses(count: 1 << 17) { cascade.process($0) }
            #expect(right.allSatisfy { $0 == 0 })
            let (low, high) = band.edgesHz
            for f in [low * 0.7, (low * high).squareRoot(), min(high * 1.4, 23_000)] {
                #expect(abs(magnitudeDB(of: left, atHz: f, sampleRate: rate) - sections.magnitudeDB(atHz: f, sampleRate: rate)) < 0.01,
                        "\(band) \(f) Hz")
            }
        }
    }

    @Test("band names parse; a wrong name lists the right ones")
    func names() throws {
        #expect(try ListeningBand(parsing: "upper-mids") == .upperMids)
        #expect(throws: MonitorError.self) { try ListeningBand(parsing: "treble") }
    }
}
