import CansAudio
import Foundation
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM during a measurement: the handler only sets two flags (atomic
/// stores, safe in a signal handler): ours, which the session checks between takes, and the ALSA
/// stream's, which drops both streams within 50 ms mid-take. The session then stores what it has,
/// marks session.json `interrupted` and exits with 128 + the signal number. (Not
/// `ALSAInterruption.installHandlers()`: it exits at once between takes, before session.json can
/// say so.)
enum Interruption {
    private static let received = Atomic<Int32>(0)

    /// The signal received, or 0.
    static var signal: Int32 { received.load(ordering: .relaxed) }
    static var isRequested: Bool { signal != 0 }

    /// Installs the handlers (a second Ctrl-C still kills the process at once). Without
    /// SA_RESTART, so a prompt waiting for Enter returns at once.
    static func install() {
        // A parent may start us with these signals blocked (some process launchers do): unblock
        // them, or Ctrl-C would wait until the session is over.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if Interruption.received.load(ordering: .relaxed) != 0 { _exit(128 + number) }
                Interruption.received.store(number, ordering: .relaxed)
                ALSAInterruption.request(signal: number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }

    /// The exit status for the signal received (130 for SIGINT, 143 for SIGTERM).
    static var exitStatus: Int32 { 128 + (signal == 0 ? SIGINT : signal) }
}
