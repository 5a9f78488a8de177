import CansMonitor
import Foundation
import Synchronization

/// What the audio loop publishes for the status line: plain numbers in atomics, so the loop
/// neither allocates nor locks; a thread of its own formats and prints them.
final class MonitorStatus: Sendable {
    /// `MonitorSettings` packed: profile index, crossfeed, band, mono, preview.
    let settings = Atomic<Int>(0)
    /// Output level of the last period, dBFS RMS (bit pattern of a Double).
    let levelBits = Atomic<UInt64>((-120.0).bitPattern)
    /// Strongest limiter reduction since the status line last showed it, dB (bit pattern).
    let reductionBits = Atomic<UInt64>(0.0.bitPattern)
    /// Part of the weekly sound dose used so far (bit pattern of a Double; calibrated profiles).
    let doseBits = Atomic<UInt64>(0.0.bitPattern)
    let xruns = Atomic<Int>(0)
    let framesPlayed = Atomic<Int>(0)

    static func pack(_ s: MonitorSettings) -> Int {
        let band = s.band.map { $0.position + 1 } ?? 0
        let preview = s.preview.map { $0.position + 1 } ?? 0
        return s.profileIndex | (s.crossfeedOn ? 1 << 4 : 0) | band << 5 | (s.mono ? 1 << 8 : 0) | preview << 9
    }

    static func unpack(_ value: Int) -> MonitorSettings {
        let band = (value >> 5) & 7, preview = (value >> 9) & 7
        return MonitorSettings(profileIndex: value & 15, crossfeedOn: value & (1 << 4) != 0,
                               band: band == 0 ? nil : ListeningBand.allCases[band - 1], mono: value & (1 << 8) != 0,
                               preview: preview == 0 ? nil : TranslationPreview.allCases[preview - 1])
    }

    /// Keeps the strongest reduction until the status line takes it.
    func noteReduction(_ db: Double) {
        let current = Double(bitPattern: reductionBits.load(ordering: .relaxed))
        if db < current { reductionBits.store(db.bitPattern, ordering: .relaxed) }
    }

    func takeReduction() -> Double {
        Double(bitPattern: reductionBits.exchange(0.0.bitPattern, ordering: .relaxed))
    }
}
