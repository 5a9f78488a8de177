import Foundation
import CansCore

/// A measurement microphone's calibration (or a rig/coupler compensation) file: the response the
/// microphone adds, to be subtracted from measurements (see `applied(to:)`).
///
/// Two layouts are read:
/// - miniDSP (UMIK-1, UMIK-2): a first line like `"Sens Factor =-1.378dB, AGain =18dB, SERNO:
///   7001234"` (quoted or not, other fields allowed), then `frequency dB [phase]` rows, usually
///   tab-separated;
/// - REW: `frequency dB [phase]` rows; lines starting with `*` or `"` are comments (`#` too).
///
/// The sensitivity factor is kept, not applied: it is an absolute level offset (dB re the
/// nominal sensitivity) for SPL readings, not part of the response's shape.
public struct MicCalibration: Sendable, Equatable {
    /// The calibration response in dB (and phase in degrees when the file has it).
    public let response: FrequencyResponse
    /// miniDSP's "Sens Factor" in dB, when the file states one.
    public let sensitivityFactorDB: Double?
    /// miniDSP's "SERNO", when the file states one.
    public let serialNumber: String?

    public init(response: FrequencyResponse, sensitivityFactorDB: Double? = nil, serialNumber: String? = nil) {
        self.response = response
        self.sensitivityFactorDB = sensitivityFactorDB
        self.serialNumber = serialNumber
    }

    /// Parses a calibration file held in memory; `name` stands for the path in errors.
    /// - Throws: `FileFormatError` naming the line and the bad value (including an unreadable
    ///   Sens Factor); every bad row at once.
    public static func parse(_ text: String, name: String) throws(FileFormatError) -> MicCalibration {
        try parse(TextBuffer(text), name: name)
    }

    /// The same on decoded bytes: how files arrive, without a String in between.
    static func parse(_ buffer: TextBuffer, name: String) throws(FileFormatError) -> MicCalibration {
        let (response, table) = try FrequencyColumns.parse(buffer, path: name, commentMarks: "*\"#", readsPhase: true)
        var sensitivity: Double?, serial: String?
        for line in table.preamble {
            let text = buffer.text(of: line)
            if sensitivity == nil { sensitivity = try sensitivityFactor(in: text, line: line.number, path: name) }
            if serial == nil { serial = serialNumber(in: text) }
        }
        return MicCalibration(response: response, sensitivityFactorDB: sensitivity, serialNumber: serial)
    }

    /// Reads the calibration file at `path`.
    /// - Throws: `FileAccessError` when the file cannot be read, `FileFormatError` when its
    ///   content is malformed.
    public static func read(path: String) throws -> MicCalibration {
        try parse(TextDecoding.readText(path: path), name: path)
    }

    /// The number after `Sens Factor` (`=-1.378dB`, `= -1.378 dB`, `=-.6574dB`, `=-1,378dB`).
    private static func sensitivityFactor(in text: String, line: Int, path: String) throws(FileFormatError) -> Double? {
        guard let label = text.range(of: "sens factor", options: .caseInsensitive) else { return nil }
        let rest = text[label.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "=" || $0 == ":" }
        var number = ""
        var index = rest.startIndex
        while index < rest.endIndex {
            let character = rest[index]
            let next = rest.index(after: index)
            if "+-.0123456789".contains(character) {
                number.append(character)
            } else if character == ",", next < rest.endIndex, rest[next].isASCII, rest[next].isNumber, !number.isEmpty {
                number.append(".")
            } else {
                break
            }
            index = next
        }
        guard let value = Double(number), value.isFinite else {
            let shown = rest.prefix { $0 != "," && $0 != "\"" }
            throw FileFormatError(
                path: path, line: line, problem: "the Sens Factor \"\(shown)\" is not a number",
                hint: "miniDSP files start with a line like \"Sens Factor =-1.378dB, SERNO: 7001234\"")
        }
        return value
    }

    /// The token after `SERNO` (`SERNO: 7001234`), or nil.
    private static func serialNumber(in text: String) -> String? {
        guard let label = text.range(of: "serno", options: .caseInsensitive) else { return nil }
        let rest = text[label.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == ":" || $0 == "=" }
        let token = rest.prefix { $0 != "," && $0 != "\"" && $0 != " " && $0 != "\t" }
        return token.isEmpty ? nil : String(token)
    }
}
