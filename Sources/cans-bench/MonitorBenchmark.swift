import CansFit
import CansMonitor
import Foundation

/// The monitor graph as `cans monitor` runs it: stereo at 48 kHz, 10 profile biquads per
/// channel (different on left and right), crossfeed on, the limiter, in blocks of 256 frames,
/// on 10 s of pink noise at -20 dBFS RMS, one thread. Prints the median time and the speed as a
/// multiple of real time, and the same with band solo and a preview on (the heaviest setting),
/// for each filter kernel this processor runs (portable, and fused where it has x86-64-v3).
func benchmarkMonitorGraph(repeats: Int) throws {
    let rate = 48_000.0
    let seconds = 10.0
    func filters(_ shift: Double) throws -> [Biquad] {
        try [
            Biquad(.lowShelf, frequencyHz: 105, gainDB: 5.5 + shift, q: 0.7), Biquad(.peaking, frequencyHz: 38, gainDB: 2, q: 1.2),
            Biquad(.peaking, frequencyHz: 180, gainDB: -2.5, q: 1.1), Biquad(.peaking, frequencyHz: 600, gainDB: 1.5, q: 0.9),
            Biquad(.peaking, frequencyHz: 1_400, gainDB: -1.8, q: 2), Biquad(.peaking, frequencyHz: 2_900, gainDB: -3.1 + shift, q: 1.8),
            Biquad(.peaking, frequencyHz: 4_500, gainDB: 2.4, q: 3), Biquad(.peaking, frequencyHz: 6_100, gainDB: 4.2, q: 3.5),
            Biquad(.peaking, frequencyHz: 8_200, gainDB: -3, q: 4), Biquad(.highShelf, frequencyHz: 10_000, gainDB: -1.5, q: 0.7),
        ]
    }
    let profile = MonitorProfile(name: "bench", left: .init(preampDB: -6, filters: try filters(0)),
                                 right: .init(preampDB: -6, filters: try filters(0.4)))
    let noise = PinkNoise.stereo(frameCount: Int(seconds * rate), sampleRate: rate)
    // The stages alone, to see where the time goes.
    func stage(_ name: String, _ body: (UnsafeMutableBufferPointer<StereoFrame>) -> Void) {
        var buffer = noise
        var times = [Double]()
        for run in 0...repeats {
            buffer.replaceSubrange(0..<buffer.count, with: noise)
            let elapsed = ContinuousClock().measure {
                buffer.withUnsafeMutableBufferPointer { all in
                    var start = 0
                    while start < all.count {
                        body(UnsafeMutableBufferPointer(rebasing: all[start..<min(start + 256, all.count)]))
                        start += 256
                    }
                }
            }
            if run > 0 { times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) }
        }
        times.sort()
        print(String(format: "monitor stage %@: 10 s in median %.1f ms: %.0fx real time", name as NSString,
                     times[times.count / 2] * 1e3, seconds / times[times.count / 2]))
    }
    for kernel in ArithmeticKernel.runnable {
        var (cascade, _) = try profile.design(sampleRate: rate)
        cascade.kernel = kernel
        stage("10 biquads/ch, \(kernel) kernel") { cascade.process($0) }
        var crossfeed = CrossfeedFilter(CrossfeedSettings.bs2bDefault.design(sampleRate: rate), kernel: kernel)
        stage("crossfeed, \(kernel) kernel") { crossfeed.process($0) }
    }
    var limiter = try SafetyLimiter(sampleRate: rate)
    stage("limiter, quiet blocks (the pure-delay path)") { limiter.process($0) }
    var busyLimiter = try SafetyLimiter(sampleRate: rate)
    stage("limiter, limiting every block (+18 dB)") { block in
        for i in block.indices { block[i] *= 8 }
        busyLimiter.process(block)
    }

    for (name, settings) in [
        ("10 biquads/ch + crossfeed + limiter", MonitorSettings(crossfeedOn: true)),
        ("... + band solo (LR16) + car preview", MonitorSettings(crossfeedOn: true, band: .mids, preview: .car)),
    ] {
      for kernel in ArithmeticKernel.runnable {
        var graph = try MonitorGraph(profiles: [profile], sampleRate: rate, maximumFrames: 256, settings: settings, kernel: kernel)
        var buffer = noise
        let clock = ContinuousClock()
        var times = [Double]()
        for run in 0...repeats {
            buffer.replaceSubrange(0..<buffer.count, with: noise)
            let elapsed = clock.measure {
                buffer.withUnsafeMutableBufferPointer { all in
                    var start = 0
                    while start < all.count {
                        graph.process(UnsafeMutableBufferPointer(rebasing: all[start..<min(start + 256, all.count)]))
                        start += 256
                    }
                }
            }
            if run > 0 { times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) }
        }
        times.sort()
        let median = times[times.count / 2]
        print(String(format: "monitor graph, stereo 48 kHz, %@, %@ kernel: 10 s in median %.1f ms (min %.1f): %.0fx real time",
                     name as NSString, kernel.rawValue as NSString, median * 1e3, times[0] * 1e3, seconds / median))
      }
    }
}
