/// One attempt at a take on two configured PCMs: prefill, start, the read/write loop, stop.
/// `ALSADuplexRig` documents the method; this is its stream loop.
struct DuplexTake {
    let playback: ALSAPCM
    let capture: ALSAPCM
    let output: ALSAStreamConfiguration
    let input: ALSAStreamConfiguration
    let isLinked: Bool
    let name: String

    /// Plays `signal` (interleaved device bytes, `signalFrames` frames), then silence, and
    /// returns the `captureFrames` frames recorded from the moment the signal's first frame
    /// left; nil when an xrun spoiled the attempt (the streams are recovered for the next one).
    /// - Throws: `.timeout`, `.interrupted`, `.system`.
    func run(signal: [UInt8], signalFrames: Int, captureFrames: Int) throws(ALSAError) -> [UInt8]? {
        let outputFrameBytes = output.sampleFormat.bytesPerSample * output.channelCount
        let inputFrameBytes = input.sampleFormat.bytesPerSample * input.channelCount
        let chunk = output.periodFrames
        let silence = [UInt8](repeating: 0, count: chunk * outputFrameBytes)  // 0 in every format

        // Capture first: a sound server's plugin starts streams at prepare (see ALSADuplexRig).
        try capture.prepare()
        try playback.prepare()
        defer {
            playback.drop()
            capture.drop()
        }

        // 1. Fill the playback buffer with silence before anything starts.
        var prefill = 0
        while prefill < output.bufferFrames {
            let frames = min(chunk, output.bufferFrames - prefill)
            let result = try playback.write(silence, frames: frames)
            guard case let .frames(written) = result else { return try recovered(from: result) }
            if written == 0 { break }
            prefill += written
        }

        // 2. Capture first, then playback (one action when linked).
        let total = prefill + captureFrames
        var recorded = [UInt8](repeating: 0, count: total * inputFrameBytes)
        ALSAInterruption.takeStarted()
        defer { ALSAInterruption.takeEnded() }
        try capture.start()
        if !isLinked { try playback.start() }

        // 3. Keep the playback full and drain the capture until it holds `total` frames.
        let rate = Double(output.sampleRateHz)
        let limitSeconds = 2 * Double(max(prefill + signalFrames, total)) / rate + 2
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(limitSeconds * 1000))
        let waitMilliseconds = min(50, max(1, Int(Double(input.periodFrames) / rate * 500)))
        var played = 0, captured = 0
        while captured < total {
            if let number = ALSAInterruption.requestedSignal { throw .interrupted(signal: number) }
            if clock.now > deadline { throw .timeout(device: name, seconds: limitSeconds) }
            var moved = false

            let room = try playback.available()
            guard case let .frames(free) = room else { return try recovered(from: room) }
            if free > 0 {
                let frames = min(free, chunk, played < signalFrames ? signalFrames - played : chunk)
                let result = played < signalFrames
                    ? try playback.write(signal, offset: played * outputFrameBytes, frames: frames)
                    : try playback.write(silence, frames: frames)
                guard case let .frames(written) = result else { return try recovered(from: result) }
                if played < signalFrames { played += written }
                moved = moved || written > 0
            }

            let ready = try capture.available()
            guard case let .frames(waiting) = ready else { return try recovered(from: ready) }
            if waiting > 0 {
                let frames = min(waiting, total - captured)
                let result = try capture.read(into: &recorded, offset: captured * inputFrameBytes, frames: frames)
                guard case let .frames(read) = result else { return try recovered(from: result) }
                captured += read
                moved = moved || read > 0
            }

            if !moved {
                let waited = try capture.wait(milliseconds: waitMilliseconds)
                if case .xrun = waited { return try recovered(from: waited) }
            }
        }
        return Array(recorded[(prefill * inputFrameBytes)...])
    }

    /// After an xrun: stop both streams and recover them (snd_pcm_recover); the attempt is lost.
    private func recovered(from result: ALSATransfer) throws(ALSAError) -> [UInt8]? {
        playback.drop()
        capture.drop()
        if case let .xrun(code) = result {
            try playback.recover(from: code)
            try capture.recover(from: code)
        }
        return nil
    }
}
