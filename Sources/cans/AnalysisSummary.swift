import CansDSP
import Foundation

/// The human-readable lines `cans analyze` and `cans demo` print about one analysis.
enum AnalysisSummary {
    static func text(_ analysis: SweepAnalysis, levelAt1kHzDB: Double) -> String {
        var lines = [String]()
        lines.append(String(format: "latency:     %.3f ms (%d samples)", analysis.latencySeconds * 1000, analysis.latencySamples))
        lines.append(String(format: "peak:        %.2f dBFS", analysis.levels.peakDBFS))
        if let noise = analysis.levels.noiseFloorDBFS, let snr = analysis.levels.snrDB {
            lines.append(String(format: "noise floor: %.1f dBFS", noise))
            lines.append(String(format: "SNR:         %.1f dB", snr))
        } else {
            lines.append("SNR:         unknown (less than \(RecordingLevels.minimumNoiseSamples) samples before the sweep)")
        }
        lines.append(String(format: "gain:        %.2f dB at 1 kHz (recorded re played)", levelAt1kHzDB))
        if let distortion = analysis.distortion, let index = distortion.frequenciesHz.firstIndex(where: { $0 >= 1000 }) {
            let orders = analysis.harmonics.compactMap { harmonic -> String? in
                guard let at = harmonic.frequenciesHz.firstIndex(where: { $0 >= 1000 }) else { return nil }
                return String(format: "H%d %.1f dB", harmonic.order, harmonic.levelsDB[at])
            }
            lines.append(String(
                format: "THD:         %.3f %% at 1 kHz (%@)", distortion.thdPercent[index],
                orders.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }
}
