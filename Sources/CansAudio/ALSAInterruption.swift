import Dispatch
import Glibc
import Synchronization

/// Ctrl-C (SIGINT) and `kill` (SIGTERM) for programs that stream through ALSA.
///
/// After `installHandlers()`, a signal during a take makes `ALSADuplexRig.playAndRecord` drop
/// both streams (snd_pcm_drop: nothing more is played) and throw `ALSAError.interrupted`, within
/// one wait of the stream loop (at most 50 ms). A signal with no take running ends the process at
/// once with status 128 + signal, as the default action would; so does a second signal, or a take
/// that has not unwound 3 s after the first. The process's exit releases every PCM either way.
///
/// The signals are taken on a Dispatch signal source, not in a signal handler, so nothing here
/// runs in signal context; the stream loop only reads an atomic flag.
public enum ALSAInterruption {
    /// The signal received, or 0.
    private static let received = Atomic<Int32>(0)
    /// Takes now streaming.
    private static let activeTakes = Atomic<Int>(0)
    /// The installed sources, kept alive for the life of the process.
    private static let sources = Mutex<[DispatchSourceSignal]>([])

    /// Takes over SIGINT and SIGTERM for the rest of the process (idempotent). Meant for the
    /// command line; libraries and tests do not call it.
    public static func installHandlers() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)  // the source gets it instead of the default action
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { handle(number) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// The signal that asked the current work to stop, if one did.
    public static var requestedSignal: Int32? {
        let number = received.load(ordering: .acquiring)
        return number == 0 ? nil : number
    }

    /// Asks the running take, and every later one, to stop as if `number` had arrived (without
    /// the exits of the real handler). Tests use it; so could a program with its own handling.
    public static func request(signal number: Int32) { received.store(number, ordering: .releasing) }

    /// Forgets a request, so that takes run again.
    static func clear() { received.store(0, ordering: .releasing) }

    static func takeStarted() { activeTakes.add(1, ordering: .sequentiallyConsistent) }
    static func takeEnded() { activeTakes.subtract(1, ordering: .sequentiallyConsistent) }

    private static func handle(_ number: Int32) {
        let earlier = received.exchange(number, ordering: .sequentiallyConsistent)
        guard earlier == 0, activeTakes.load(ordering: .sequentiallyConsistent) > 0 else {
            exit(128 + number)
        }
        // The take drops its streams and unwinds; if it does not, do not keep the user waiting.
        DispatchQueue.global().asyncAfter(deadline: .now() + 3) { exit(128 + number) }
    }
}
