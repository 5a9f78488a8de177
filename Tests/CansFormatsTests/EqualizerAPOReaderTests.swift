import Testing
@testable import CansFormats

/// The EqualizerAPO reader: round trips with the writer, EqualizerAPO's own rules, and errors that
/// name the line.
@Suite struct EqualizerAPOReaderTests {
    static let mono = [EqualizerAPO.Channel(channel: nil, preampDB: -4.5, filters: [
        .init(kind: "LSC", frequencyHz: 105, gainDB: 4, q: 0.7), .init(kind: "PK", frequencyHz: 1000, gainDB: 3, q: 1.41),
        .init(kind: "HSC", frequencyHz: 10000, gainDB: -2.5, q: 0.4),
    ])]
    static let perEar = [
        EqualizerAPO.Channel(channel: "L", preampDB: -3.2, filters: [.init(kind: "PK", frequencyHz: 2900, gainDB: 3.2, q: 2.1)]),
        EqualizerAPO.Channel(channel: "R", preampDB: -4.0, filters: [.init(kind: "PK", frequencyHz: 3100, gainDB: 2.8, q: 1.9),
                                                                     .init(kind: "PK", frequencyHz: 7800, gainDB: -4.1, q: 3.6)]),
    ]

    @Test func parseOfRenderIsTheSameEQ() throws {
        for channels in [Self.mono, Self.perEar] {
            let text = EqualizerAPO.render(channels)
            #expect(try EqualizerAPO.parse(text, path: "eq.txt") == channels)
        }
        #expect(EqualizerAPO.render(Self.perEar).hasSuffix("Channel: all\n"))
    }

    @Test func readsAsEqualizerAPODoes() throws {
        let text = """
            \u{FEFF}# a comment line
            Filter Settings file
            Preamp: -3 dB
            Preamp: -1.5 dB   # preamps add up
            Filter: ON PK Fc 1000 Hz Gain 2 dB Q 1
            Filter 2: OFF PK Fc 2000 Hz Gain 5 dB Q 1
              Filter   3:  ON  LSC   Fc 105 Hz  Gain  4.00 dB  Q  0.700\r
            """
        let parsed = try EqualizerAPO.parse(text, path: "eq.txt")
        #expect(parsed == [EqualizerAPO.Channel(channel: nil, preampDB: -4.5, filters: [
            .init(kind: "PK", frequencyHz: 1000, gainDB: 2, q: 1), .init(kind: "LSC", frequencyHz: 105, gainDB: 4, q: 0.7),
        ])])
    }

    @Test(arguments: [
        ("Preamp: -3 dB\nFilter 1: ON PK Fc 1000 Hz Gain 2 dB\n", 2, "layout"),
        ("Preamp: loud dB\n", 1, "Preamp \"loud dB\""),
        ("Preamp: -1 dB\nFilter 1: ON BP Fc 1000 Hz Gain 2 dB Q 1\n", 2, "filter type \"BP\""),
        ("\n\nFilter 1: ON PK Fc -5 Hz Gain 2 dB Q 1\n", 3, "Fc \"-5\""),
        ("Filter 1: ON PK Fc 1000 Hz Gain 2 dB Q 0\n", 1, "Q \"0\""),
        ("Filter 1: MAYBE PK Fc 1000 Hz Gain 2 dB Q 1\n", 1, "ON or OFF"),
        ("Preamp: -1 dB\nInclude: other.txt\n", 2, "\"Include\" is not a command"),
        ("Channel:\n", 1, "names no channel"),
    ])
    func errorsNameTheFileAndLine(text: String, line: Int, fragment: String) {
        #expect {
            try EqualizerAPO.parse(text, path: "HD 600 ParametricEQ.txt")
        } throws: { error in
            guard let error = error as? FileFormatError else { return false }
            return error.path == "HD 600 ParametricEQ.txt" && error.line == line && error.description.contains(fragment)
                && error.hint != nil
        }
    }
}
