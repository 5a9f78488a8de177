/// Reading EqualizerAPO `ParametricEQ.txt` files back, the commands cans and AutoEq write, per
/// the EqualizerAPO configuration reference: `Preamp: g dB`, `Filter n: ON|OFF PK|LSC|HSC Fc f Hz
/// Gain g dB Q q` (the number after `Filter` is optional), and `Channel: L|R|all ...`.
///
/// As in EqualizerAPO, a line without a colon (REW's header lines) and a `#` comment are ignored,
/// several `Preamp:` lines add up, an `OFF` filter does nothing, and `Channel:` starts a block
/// for the named channels (`all` returns to every channel). Unlike EqualizerAPO, which ignores
/// what it does not know, any other command or a malformed value is an error naming the line, so
/// a typo is not silently dropped. `parse(render(x)) == x`.
extension EqualizerAPO {
    /// The channel blocks of `text`, in order; a file without `Channel:` lines is one block with
    /// `channel == nil`. Empty blocks (a closing `Channel: all`) are left out.
    /// - Throws: `FileFormatError` naming `path`, the 1-based line, the bad value and the rule.
    public static func parse(_ text: String, path: String) throws(FileFormatError) -> [Channel] {
        var blocks = [Channel(channel: nil, preampDB: 0, filters: [])]
        var touched = [false]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            var line = Substring(raw)
            if index == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let command = line[..<colon].trimmingSpaces.lowercased()
            let words = line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            func fail(_ problem: String, _ hint: String) -> FileFormatError {
                FileFormatError(path: path, line: number, problem: problem, hint: hint)
            }
            if command == "preamp" {
                guard (words.count == 1 || (words.count == 2 && words[1].lowercased() == "db")), let gain = Double(words[0]), gain.isFinite else {
                    throw fail("Preamp \"\(words.joined(separator: " "))\" is not a gain in dB", "write it as `Preamp: -5.1 dB`")
                }
                let total = blocks[blocks.count - 1].preampDB + gain
                guard total.isFinite else {
                    throw fail("the Preamp lines up to this one add up to \(total) dB", "give each channel block one Preamp line, such as `Preamp: -5.1 dB`")
                }
                blocks[blocks.count - 1].preampDB = total
                touched[touched.count - 1] = true
            } else if command == "filter" || command.hasPrefix("filter ") {
                if let filter = try parseFilter(words, fail: fail) { blocks[blocks.count - 1].filters.append(filter) }
                touched[touched.count - 1] = true
            } else if command == "channel" {
                guard !words.isEmpty else { throw fail("Channel names no channel", "write `Channel: L`, `Channel: R` or `Channel: all`") }
                let name = words.joined(separator: " ")
                blocks.append(Channel(channel: name.lowercased() == "all" ? nil : name, preampDB: 0, filters: []))
                touched.append(false)
            } else {
                throw fail("\"\(line[..<colon])\" is not a command cans reads",
                           "cans reads Preamp, Filter and Channel lines; remove or comment out (#) the others")
            }
        }
        return zip(blocks, touched).filter { $1 }.map(\.0)
    }

    /// One filter's words after the colon, or nil for an `OFF` filter.
    private static func parseFilter(_ words: [String], fail: (String, String) -> FileFormatError) throws(FileFormatError) -> Filter? {
        let shown = words.joined(separator: " ")
        let layout = "write it as `Filter 1: ON PK Fc 1000 Hz Gain 3.0 dB Q 1.41` (PK, LSC or HSC)"
        guard words.count == 10 || (words.count == 2 && words[0].uppercased() == "OFF") else {
            if words.first?.uppercased() == "OFF" { return nil }
            throw fail("Filter \"\(shown)\" does not have the ON TYPE Fc f Hz Gain g dB Q q layout", layout)
        }
        let state = words[0].uppercased()
        guard state == "ON" || state == "OFF" else { throw fail("Filter state \"\(words[0])\" is not ON or OFF", layout) }
        if state == "OFF" { return nil }
        let kind = words[1].uppercased()
        guard ["PK", "LSC", "HSC"].contains(kind) else {
            throw fail("filter type \"\(words[1])\" is not one cans reads", "use PK, LSC or HSC (shelves with a centre frequency and Q)")
        }
        guard words[2].lowercased() == "fc", words[4].lowercased() == "hz", words[5].lowercased() == "gain",
              words[7].lowercased() == "db", words[8].lowercased() == "q" else {
            throw fail("Filter \"\(shown)\" does not have the ON TYPE Fc f Hz Gain g dB Q q layout", layout)
        }
        guard let frequency = Double(words[3]), frequency.isFinite, frequency > 0 else {
            throw fail("Fc \"\(words[3])\" is not a frequency above 0 Hz", layout)
        }
        guard let gain = Double(words[6]), gain.isFinite else { throw fail("Gain \"\(words[6])\" is not a number of dB", layout) }
        guard let q = Double(words[9]), q.isFinite, q > 0 else { throw fail("Q \"\(words[9])\" is not a number above 0", layout) }
        return Filter(kind: kind, frequencyHz: frequency, gainDB: gain, q: q)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return s
    }
}
