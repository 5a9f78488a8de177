/// What a band that is too loud or too quiet on the monitoring headphone tends to do to a mix
/// made on it. The principle is Toole's "circle of confusion" (F. E. Toole, "Sound Reproduction:
/// The Acoustics and Psychoacoustics of Loudspeakers and Rooms", Focal Press 2008; S. Olive,
/// "Audio's Circle of Confusion", Audio Musings blog, October 2009): recordings are balanced by
/// ear on monitors that are not standardised, so what the monitor adds or takes away is
/// corrected in the mix and reaches every other system reversed.
/// The band descriptions follow common mixing vocabulary; the size of the effect depends on the
/// listener and the music, hence "tends to".
enum MixEffects {
    static func effect(band: String, louder: Bool) -> String {
        switch (band, louder) {
        case ("Sub", true):
            return "Mixes made on it tend to lack low-end weight: the kick and sub bass sound big here and end up too quiet elsewhere."
        case ("Sub", false):
            return "Mixes made on it tend to carry too much sub bass or rumble that this headphone does not show."
        case ("Bass", true):
            return "A bass-heavy headphone tends to lead to bass-light, thin mixes."
        case ("Bass", false):
            return "A bass-light headphone tends to lead to bass-heavy, boomy mixes."
        case ("Low mids", true):
            return "Mixes made on it tend to have the low mids cut too far: thin or hollow elsewhere."
        case ("Low mids", false):
            return "Mixes made on it tend to keep too much low-mid build-up: muddy or boxy elsewhere."
        case ("Mids", true):
            return "Vocals and lead instruments sound forward here, so they tend to be set too low in the mix."
        case ("Mids", false):
            return "Vocals and lead instruments sound recessed here, so they tend to be pushed too loud in the mix."
        case ("Upper mids", true):
            return "Mixes made on it tend to be softened too much here and sound dull or distant elsewhere."
        case ("Upper mids", false):
            return "Mixes made on it tend to be harsh or shouty on other systems."
        case ("Presence", true):
            return "Sibilance and attack sound strong here, so mixes tend to be de-essed or darkened too much."
        case ("Presence", false):
            return "Mixes made on it tend to come out bright or sibilant elsewhere."
        case ("Air", true):
            return "Mixes made on it tend to lack air and sparkle. Above 10 kHz measurements depend on the seat and the rig: trust this band least."
        case ("Air", false):
            return "Mixes made on it tend to get too much top end. Above 10 kHz measurements depend on the seat and the rig: trust this band least."
        default:
            return ""
        }
    }
}
