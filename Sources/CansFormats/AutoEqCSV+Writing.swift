import CansCore

extension AutoEqCSV {
    /// A further named column of an AutoEq CSV (`smoothed`, `error`, `target`, ...), one value per
    /// frequency of the response it is written with.
    public struct Column: Sendable, Equatable {
        /// The header name: not empty, without commas, quotes or line breaks.
        public let name: String
        /// One value per frequency; non-finite values are written as empty cells, as pandas
        /// (and so AutoEq) writes NaN.
        public let values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// `response` as AutoEq CSV text: header `frequency,raw` (plus `extraColumns`), then one row
    /// per point with the frequency and every value at two decimals, `.` as the decimal mark,
    /// never `-0.00`, LF line ends and a final newline. Deterministic: the same response gives
    /// the same bytes. Phase is not written (AutoEq CSV has no phase column).
    ///
    /// Two decimals follow AutoEq; points closer than 0.005 Hz (dense REW exports below about
    /// 30 Hz at 1/96 octave are not) would print the same frequency.
    /// - Precondition: every extra column has one value per point and a valid name (checked:
    ///   these come from code, not from a user's file).
    public static func render(
        _ response: FrequencyResponse, valueColumn: String = "raw", extraColumns: [Column] = []
    ) -> String {
        for column in [Column(name: valueColumn, values: [])] + extraColumns {
            precondition(
                !column.name.isEmpty && !column.name.contains { ",\"\n\r".contains($0) },
                "invariant: CSV column names have no commas, quotes or line breaks")
        }
        for column in extraColumns {
            precondition(column.values.count == response.count, "invariant: one value per frequency")
        }
        var header = "frequency," + valueColumn
        for column in extraColumns { header += "," + column.name }
        var bytes = Array((header + "\n").utf8)
        bytes.reserveCapacity(bytes.count + response.count * (16 + 8 * extraColumns.count))
        for index in 0..<response.count {
            FixedDecimal.appendTwoDecimals(response.frequenciesHz[index], to: &bytes)
            bytes.append(UInt8(ascii: ","))
            FixedDecimal.appendTwoDecimals(response.magnitudesDB[index], to: &bytes)
            for column in extraColumns {
                bytes.append(UInt8(ascii: ","))
                let value = column.values[index]
                if value.isFinite { FixedDecimal.appendTwoDecimals(value, to: &bytes) }
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
