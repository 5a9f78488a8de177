import CansFormats

/// `json`: the cans profile itself (`*.profile.json`, format `cans-eq-profile` version 1, see
/// `ProfileDocument`), normalised: keys sorted, numbers rounded, the channel choice and the
/// export rate applied, every preamp checked at that rate (lowered, never raised, if a filter
/// boosts more there). Reading it back gives the same profile.
public enum JSONExport {
    public static func render(_ profile: ExportProfile) throws -> String {
        var document = profile.document
        let written = profile.written(.standard, preampDecimals: 1)
        for index in document.channels.indices where index < written.count {
            document.channels[index].preampDB = min(document.channels[index].preampDB, written[index].preampDB)
        }
        return try document.render()
    }
}
