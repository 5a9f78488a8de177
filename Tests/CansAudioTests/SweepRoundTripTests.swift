import CansCore
import CansDSP
import CansFormats
import Foundation
import Testing
@testable import CansAudio

/// Known system -> simulated rig -> sweep analysis -> compare with the truth.
@Suite struct SweepRoundTripTests {
    static let sampleRate = 48_000.0
    static let headphones = [
        "measurements/Antdroid/over-ear/Audeze Sine.csv",
        "measurements/Harpo/in-ear/7Hz Timeless.csv",
        "measurements/Antdroid/over-ear/Sennheiser HD800S.csv",
        "measurements/Regan Cipher/over-ear/Moondrop Edge.csv",
    ]

    /// A synthetic headphone of our own: bass shelf, presence peak, treble dip, roll-off.
    static let synthetic: FrequencyResponse = {
        let grid = LogFrequencyGrid.autoEq
        let values = grid.map { f -> Double in
            let bass = 6 / (1 + pow(f / 120, 2))
            let presence = 5 * exp(-pow(log2(f / 3000) / 0.35, 2))
            let dip = -7 * exp(-pow(log2(f / 8500) / 0.15, 2))
            let rolloff = -10 * log10(1 + pow(f / 15000, 4))
            return bass + presence + dip + rolloff
        }
        return try! FrequencyResponse(frequenciesHz: grid, magnitudesDB: values)  // invariant: finite by construction
    }()

    static func systems() throws -> [(String, FrequencyResponse)] {
        var all = [("synthetic", synthetic)]
        guard let directory = SharedData.directory else { return all }
        for path in headphones {
            let url = directory.appendingPathComponent(path)
            all.append((path, try ResponseReader.read(path: url.path).response))
        }
        return all
    }

    /// The exact DTFT magnitude of `taps` at `frequencyHz`, in dB (phasor recurrence, O(taps)).
    static func trueMagnitudeDB(_ taps: [Double], atHz frequencyHz: Double) -> Double {
        let w = 2 * Double.pi * frequencyHz / sampleRate
        let stepRe = cos(w), stepIm = -sin(w)
        var re = 0.0, im = 0.0, pRe = 1.0, pIm = 0.0
        for (n, tap) in taps.enumerated() {
            re += tap * pRe
            im += tap * pIm
            let nextRe = pRe * stepRe - pIm * stepIm
            pIm = pRe * stepIm + pIm * stepRe
            pRe = nextRe
            if n % 1024 == 1023 {  // renormalise the phasor against rounding drift
                let norm = (pRe * pRe + pIm * pIm).squareRoot()
                pRe /= norm
                pIm /= norm
            }
        }
        return 10 * log10(re * re + im * im)
    }

    static func measure(_ rig: inout SimulatedRig, sweep: SweepParameters, extraFrames: Int) throws -> [Double] {
        let signal = ExponentialSweep.signal(sweep).map(Float.init)
        let silence = [Float](repeating: 0, count: signal.count)
        let playback = AudioBuffer(sampleRate: sweep.sampleRate, channels: [signal, silence])
        let recorded = try rig.playAndRecord(playback, captureFrameCount: signal.count + extraFrames)
        return recorded.channels[0].map(Double.init)
    }

    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.absentMessage)"))
    func noiselessRoundTripIsWithinFiveHundredthsOfADecibel() throws {
        let sweep = try SweepParameters(sampleRate: Self.sampleRate, sweepSamples: 1 << 18)
        let analyzer = SweepAnalyzer(sweep: sweep)
        for (name, response) in try Self.systems() {
            var rig = SimulatedRig.headphone(left: response, sampleRate: Self.sampleRate, latencySamples: 480)
            let recording = try Self.measure(&rig, sweep: sweep, extraFrames: 24_000)
            let analysis = try analyzer.analyse(recording)
            let taps = rig.paths[0].impulseResponse
            var worst = 0.0, worstHz = 0.0
            for (index, frequency) in analysis.response.frequenciesHz.enumerated() where frequency <= 20_000 {
                let error = abs(analysis.response.magnitudesDB[index] - Self.trueMagnitudeDB(taps, atHz: frequency))
                if error > worst { worst = error; worstHz = frequency }
            }
            #expect(worst <= 0.05, "\(name): worst error \(worst) dB at \(worstHz) Hz")
        }
    }
}

extension SweepRoundTripTests {
    @Test(.enabled(if: SharedData.isAvailable, "\(SharedData.absentMessage)"))
    func fortyDecibelSNRAveragedOverFiveRepeatsIsWithinHalfADecibel() throws {
        let sweep = try SweepParameters(sampleRate: Self.sampleRate, sweepSamples: 1 << 17)
        let analyzer = SweepAnalyzer(sweep: sweep)
        for (name, response) in try Self.systems() {
            // Noise 40 dB below the recorded sweep's RMS, measured on a noiseless take.
            var quiet = SimulatedRig.headphone(left: response, sampleRate: Self.sampleRate, latencySamples: 1200)
            let clean = try analyzer.analyse(try Self.measure(&quiet, sweep: sweep, extraFrames: 4800))
            var rig = quiet
            rig.noiseDBFS = clean.levels.signalDBFS - 40
            var sums = [Double](repeating: 0, count: LogFrequencyGrid.autoEq.count)
            for _ in 0..<5 {
                let analysis = try analyzer.analyse(try Self.measure(&rig, sweep: sweep, extraFrames: 4800))
                #expect(abs(analysis.levels.snrDB! - 40) < 0.5, "\(name): SNR \(analysis.levels.snrDB!) dB")
                for i in sums.indices { sums[i] += analysis.response.magnitudesDB[i] / 5 }
            }
            let taps = rig.paths[0].impulseResponse
            var worst = 0.0, worstHz = 0.0
            for (index, frequency) in LogFrequencyGrid.autoEq.enumerated() where frequency <= 16_000 {
                let error = abs(sums[index] - Self.trueMagnitudeDB(taps, atHz: frequency))
                if error > worst { worst = error; worstHz = frequency }
            }
            #expect(worst <= 0.5, "\(name): worst error \(worst) dB at \(worstHz) Hz")
        }
    }

    @Test(arguments: [0, 1, 37, 4_801, 12_345, 24_000])
    func latencyIsRecoveredToTheSample(latencySamples: Int) throws {
        let sweep = try SweepParameters(sampleRate: Self.sampleRate, sweepSamples: 1 << 16, preSilenceSeconds: 0.1, postSilenceSeconds: 0.2)
        let analyzer = SweepAnalyzer(sweep: sweep)
        var systems = [("synthetic", Self.synthetic)]
        if let url = SharedData.url(Self.headphones[1]) {
            systems.append(("in-ear", try ResponseReader.read(path: url.path).response))
        }
        for (name, response) in systems {
            var rig = SimulatedRig.headphone(
                left: response, sampleRate: Self.sampleRate, filterLength: 1 << 12, latencySamples: latencySamples,
                noiseDBFS: -90)
            let analysis = try analyzer.analyse(try Self.measure(&rig, sweep: sweep, extraFrames: 24_000 + 4096))
            #expect(analysis.latencySamples == latencySamples, "\(name)")
        }
    }

    @Test func harmonicDistortionIsMeasuredWithinOneDecibel() throws {
        let sweep = try SweepParameters(sampleRate: Self.sampleRate, sweepSamples: 1 << 18)
        let analyzer = SweepAnalyzer(sweep: sweep)
        let distortion = ChebyshevDistortion(levelsDB: [2: -40, 3: -50], referenceAmplitude: sweep.amplitude)
        // A flat system (pure delay) and the synthetic headphone after the nonlinearity: the
        // harmonic is then shaped by the headphone at n f, the fundamental at f.
        let flat = SimulatedRig(
            sampleRate: Self.sampleRate, outputChannelCount: 2, inputChannelCount: 2,
            paths: [.init(output: 0, input: 0, impulseResponse: [0.5])], latencySamples: 333, distortion: distortion)
        let headphone = SimulatedRig.headphone(
            left: Self.synthetic, sampleRate: Self.sampleRate, latencySamples: 333, distortion: distortion)
        for (name, var rig) in [("flat", flat), ("headphone", headphone)] {
            let analysis = try analyzer.analyse(try Self.measure(&rig, sweep: sweep, extraFrames: 4800))
            let taps = rig.paths[0].impulseResponse
            for harmonic in analysis.harmonics where harmonic.order <= 3 {
                let expected = harmonic.order == 2 ? -40.0 : -50.0
                var checked = 0
                for (index, frequency) in harmonic.frequenciesHz.enumerated() where (100...5000).contains(frequency) {
                    let shaping = Self.trueMagnitudeDB(taps, atHz: Double(harmonic.order) * frequency)
                        - Self.trueMagnitudeDB(taps, atHz: frequency)
                    let error = harmonic.levelsDB[index] - (expected + shaping)
                    #expect(abs(error) <= 1, "\(name) H\(harmonic.order) at \(frequency) Hz: error \(error) dB")
                    checked += 1
                }
                #expect(checked > 300, "\(name) H\(harmonic.order): only \(checked) points in 100 Hz-5 kHz")
            }
            // H4 and H5 are absent: far below H3.
            for harmonic in analysis.harmonics where harmonic.order >= 4 {
                let inBand = harmonic.levelsDB.enumerated().filter { (100...5000).contains(harmonic.frequenciesHz[$0.offset]) }
                #expect(inBand.allSatisfy { $0.element < -80 }, "\(name) H\(harmonic.order) should be absent")
            }
            let thdAt1k = analysis.distortion!.thdPercent[analysis.distortion!.frequenciesHz.firstIndex { $0 >= 1000 }!]
            if name == "flat" { #expect(abs(thdAt1k - 100 * (pow(10, -4.0) + pow(10, -5.0)).squareRoot()) < 0.01 * 1.2) }
        }
    }
}

extension SweepRoundTripTests {
    /// The whole chain at every supported rate: the synthetic headphone within 0.05 dB.
    @Test(arguments: [44_100.0, 96_000.0, 192_000.0])
    func roundTripHoldsAtOtherSampleRates(sampleRate: Double) throws {
        let sweep = try SweepParameters(sampleRate: sampleRate, sweepSamples: 1 << 18, preSilenceSeconds: 0.2, postSilenceSeconds: 0.6)
        let analyzer = SweepAnalyzer(sweep: sweep)
        var rig = SimulatedRig.headphone(
            left: Self.synthetic, sampleRate: sampleRate, filterLength: Int(sampleRate * 0.2), latencySamples: 100)
        let signal = ExponentialSweep.signal(sweep).map(Float.init)
        let playback = AudioBuffer(sampleRate: sampleRate, channels: [signal, [Float](repeating: 0, count: signal.count)])
        let recording = try rig.playAndRecord(playback, captureFrameCount: signal.count + 1000).channels[0].map(Double.init)
        let analysis = try analyzer.analyse(recording)
        #expect(analysis.latencySamples == 100)
        let taps = rig.paths[0].impulseResponse
        let spectrum = ImpulseSpectrum(impulse: taps, onsetIndex: 0, sampleRate: sampleRate, oversampling: 32)
        var worst = 0.0
        for (index, frequency) in analysis.response.frequenciesHz.enumerated() where frequency <= 20_000 {
            worst = max(worst, abs(analysis.response.magnitudesDB[index] - spectrum.magnitudeDB(atHz: frequency)))
        }
        #expect(worst <= 0.05, "\(sampleRate) Hz: worst error \(worst) dB")
    }

    /// A flat system measures 0 degrees (phase is relative to the onset) across the band.
    @Test func phaseOfAFlatSystemIsZero() throws {
        let sweep = try SweepParameters(sampleRate: Self.sampleRate, sweepSamples: 1 << 16, preSilenceSeconds: 0.1, postSilenceSeconds: 0.2)
        var rig = SimulatedRig(
            sampleRate: Self.sampleRate, outputChannelCount: 2, inputChannelCount: 2,
            paths: [.init(output: 0, input: 0, impulseResponse: [0.7])], latencySamples: 77)
        let analysis = try SweepAnalyzer(sweep: sweep).analyse(try Self.measure(&rig, sweep: sweep, extraFrames: 2000))
        let phases = try #require(analysis.response.phasesDegrees)
        for (index, frequency) in analysis.response.frequenciesHz.enumerated() where (100...15_000).contains(frequency) {
            #expect(abs(phases[index]) < 1, "\(frequency) Hz: \(phases[index]) degrees")
        }
        #expect(abs(analysis.response.magnitudeDB(atHz: 1000) - 20 * log10(0.7)) < 0.001)
    }
}

/// The simulated rig's own physics: drift, noise level, distortion.
@Suite struct SimulatedRigTests {
    /// A capture clock 1000 ppm fast reads a 1 kHz tone as 1001 Hz, at the same level.
    @Test func clockDriftScalesFrequencyAndKeepsLevel() throws {
        let rate = 48_000.0, count = 48_000
        let tone = (0..<count).map { Float(0.5 * sin(2 * Double.pi * 1000 * Double($0) / rate)) }
        var rig = SimulatedRig(
            sampleRate: rate, outputChannelCount: 1, inputChannelCount: 1,
            paths: [.init(output: 0, input: 0, impulseResponse: [1])], clockDriftPPM: 1000)
        let recorded = try rig.playAndRecord(AudioBuffer(sampleRate: rate, channels: [tone]), captureFrameCount: 40_000)
            .channels[0].map(Double.init)
        // Frequency from the phase advance of the analytic signal between two stretches.
        func phase(at start: Int) -> Double {
            var re = 0.0, im = 0.0
            for n in start..<(start + 4800) {
                let t = Double(n) / rate
                re += recorded[n] * cos(2 * Double.pi * 1000 * t)
                im -= recorded[n] * sin(2 * Double.pi * 1000 * t)
            }
            return atan2(im, re)
        }
        let elapsed = Double(30_000 - 1000) / rate
        var advance = phase(at: 30_000) - phase(at: 1000)
        while advance < 0 { advance += 2 * Double.pi }
        // A 1 Hz offset over 0.604 s turns the phase by 2 pi * 0.604 (modulo a turn).
        let measuredOffsetHz = advance / (2 * Double.pi * elapsed)
        #expect(abs(measuredOffsetHz - 1.0) < 0.01)
        let rms = (recorded[1000..<39_000].map { $0 * $0 }.reduce(0, +) / 38_000).squareRoot()
        #expect(abs(20 * log10(rms / (0.5 / 2.0.squareRoot()))) < 0.01)
    }

    @Test func noiseHasTheRequestedLevelAndIsSeeded() throws {
        let rate = 48_000.0
        let silence = AudioBuffer(sampleRate: rate, channels: [[Float](repeating: 0, count: 96_000)])
        func record(seed: UInt64) throws -> [Float] {
            var rig = SimulatedRig(
                sampleRate: rate, outputChannelCount: 1, inputChannelCount: 1, paths: [], noiseDBFS: -60, seed: seed)
            return try rig.playAndRecord(silence, captureFrameCount: 96_000).channels[0]
        }
        let first = try record(seed: 3)
        let rms = (first.map { Double($0) * Double($0) }.reduce(0, +) / 96_000).squareRoot()
        #expect(abs(20 * log10(rms) + 60) < 0.05)
        #expect(try record(seed: 3) == first)
        #expect(try record(seed: 4) != first)
    }

    @Test func chebyshevDistortionAddsExactlyTheRequestedHarmonics() {
        let amplitude = 0.5
        let distortion = ChebyshevDistortion(levelsDB: [2: -40, 3: -50], referenceAmplitude: amplitude)
        let count = 4800
        let tone = (0..<count).map { amplitude * sin(2 * Double.pi * 10 * Double($0) / Double(count)) }
        let out = distortion.apply(to: tone)
        func level(_ bin: Int) -> Double {
            var re = 0.0, im = 0.0
            for n in 0..<count {
                re += out[n] * cos(2 * Double.pi * Double(bin * n) / Double(count))
                im += out[n] * sin(2 * Double.pi * Double(bin * n) / Double(count))
            }
            return (re * re + im * im).squareRoot() * 2 / Double(count)
        }
        #expect(abs(20 * log10(level(20) / level(10)) + 40) < 0.001)
        #expect(abs(20 * log10(level(30) / level(10)) + 50) < 0.001)
        #expect(level(40) < 1e-12 && level(50) < 1e-12)
        #expect(distortion.apply(to: [0, 0]) == [0, 0])  // silence stays silent
    }
}

extension SweepRoundTripTests {
    /// A recording started after the playback (inside the file's leading silence) still holds
    /// the whole sweep: its latency is negative and its response is right.
    @Test func aRecordingStartedLateIsAnalysed() throws {
        let sweep = try SweepParameters(sampleRate: Self.sampleRate, sweepSamples: 1 << 16, preSilenceSeconds: 0.5, postSilenceSeconds: 0.3)
        var rig = SimulatedRig.headphone(left: Self.synthetic, sampleRate: Self.sampleRate, filterLength: 4096, latencySamples: 100)
        let full = try Self.measure(&rig, sweep: sweep, extraFrames: 4800)
        let late = Array(full.dropFirst(14_400))  // recording started 0.3 s after the playback
        let analysis = try SweepAnalyzer(sweep: sweep).analyse(late)
        #expect(analysis.latencySamples == 100 - 14_400)
        let reference = try SweepAnalyzer(sweep: sweep).analyse(full)
        for index in stride(from: 0, to: 695, by: 10) {
            #expect(abs(analysis.response.magnitudesDB[index] - reference.response.magnitudesDB[index]) < 0.01)
        }
        #expect(analysis.levels.noiseFloorDBFS != nil)  // 0.2 s of silence is still there
    }
}
