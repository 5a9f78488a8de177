import ArgumentParser

/// A number of samples written as a plain integer (262144) or a power of two (2^18).
struct SampleCount: ExpressibleByArgument, Equatable {
    let value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if let caret = text.firstIndex(of: "^") {
            guard text[..<caret] == "2", let exponent = Int(text[text.index(after: caret)...]),
                  (0...30).contains(exponent) else { return nil }
            value = 1 << exponent
        } else if let plain = Int(text), plain > 0 {
            value = plain
        } else {
            return nil
        }
    }

    var defaultValueDescription: String {
        value.nonzeroBitCount == 1 ? "2^\(value.trailingZeroBitCount)" : "\(value)"
    }
}
