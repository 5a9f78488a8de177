/// The limit sets shipped with cans, in the text format of `FilterLimits.parse` (so a user's
/// file looks exactly like these). Embedded in the source rather than shipped as resource files
/// so that an installed `cans` binary never depends on a resource folder beside it.
extension FilterLimits {
    /// Built-in limit sets by name, in display order.
    public static let builtInTexts: [(name: String, text: String)] = [
        ("generic", """
            name: generic
            # Any type at each of 10 filters; AutoEq's peaking bounds (DOMAIN.md section 3).
            ANY    20-16000   0.18-6     -20-20    x10
            """),
        ("autoeq", """
            name: autoeq
            # AutoEq 4.1.2's default: 105 Hz low shelf, 10 kHz high shelf, 8 peaking filters
            # (peq.py defaults as documented in DOMAIN.md section 3).
            LSC    105        0.4-0.7    -20-20
            HSC    10000      0.4-0.7    -20-20
            PK     20-10000   0.18-6     -20-20    x8
            """),
        ("graphic10", """
            name: graphic10
            # Fixed 10-band graphic EQ: 31.25 * 2^i Hz, Q 1.41 (one octave), +-12 dB.
            PK     31.25      1.41       -12-12
            PK     62.5       1.41       -12-12
            PK     125        1.41       -12-12
            PK     250        1.41       -12-12
            PK     500        1.41       -12-12
            PK     1000       1.41       -12-12
            PK     2000       1.41       -12-12
            PK     4000       1.41       -12-12
            PK     8000       1.41       -12-12
            PK     16000      1.41       -12-12
            """),
        ("qudelix5k", """
            name: qudelix5k
            # Qudelix 5K parametric EQ: 10 bands, +-12 dB, Q 0.1-7 (DOMAIN.md section 3).
            ANY    20-20000   0.1-7      -12-12    x10
            """),
        ("poweramp", """
            name: poweramp
            # Poweramp parametric EQ: +-15 dB, Q 0.1-12 (DOMAIN.md section 3).
            ANY    20-20000   0.1-12     -15-15    x10
            """),
    ]

    /// The names of the built-in sets.
    public static var builtInNames: [String] { builtInTexts.map(\.name) }

    /// A built-in set by name (case-insensitive).
    /// - Throws: `FitError.unknownName` listing the built-in names.
    public static func builtIn(named name: String) throws(FitError) -> FilterLimits {
        guard let entry = builtInTexts.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw .unknownName(kind: "limit set", name: name, known: builtInNames)
        }
        return try parse(entry.text, path: "built-in limits \(entry.name)")
    }
}
