import CansAudio
import CansCore
import CansDSP
import Foundation

/// One measurement session from start to finish, on any rig: the level check, the takes (stored
/// as they come), the averages, and a `session.json` that tells the truth at every moment.
public struct MeasurementSession {
    /// What to measure and where to put it.
    public struct Settings: Sendable {
        public let headphone: String
        public let plan: SessionPlan
        public let calibration: CalibrationSet
        /// The microphone's RMS level in dBFS at 94 dB SPL, when known.
        public let micDBFSAt94DBSPL: Double?
        public let checkLevel: Bool
        /// The folder of sessions (`Measurements`).
        public let parentFolder: String
        public let software: String

        public init(
            headphone: String, plan: SessionPlan, calibration: CalibrationSet, micDBFSAt94DBSPL: Double?,
            checkLevel: Bool, parentFolder: String, software: String
        ) {
            self.headphone = headphone
            self.plan = plan
            self.calibration = calibration
            self.micDBFSAt94DBSPL = micDBFSAt94DBSPL
            self.checkLevel = checkLevel
            self.parentFolder = parentFolder
            self.software = software
        }
    }

    /// Runs the session.
    ///
    /// The level check comes first and creates nothing if it fails. Then the folder is created and
    /// every take is stored as soon as it is made; if the session stops part way (a take that
    /// needs the user, a device error, `isCancelled`), session.json says `failed` or
    /// `interrupted` and the error is rethrown.
    /// - Parameters:
    ///   - started: called with the recorder once the folder exists (so a signal handler can
    ///     mark it interrupted).
    /// - Returns: the recorder (its folder and final record) and the averaged result.
    public static func run<Rig: AudioRig>(
        _ settings: Settings, rig: inout Rig, rigRecord: SessionRecord.RigRecord,
        prepareSeat: (Int, inout Rig) throws -> Void = { _, _ in }, isCancelled: () -> Bool = { false },
        progress: (SessionProgress) -> Void = { _ in }, started: (SessionRecorder) -> Void = { _ in }
    ) throws -> (SessionRecorder, SessionResult) {
        let plan = settings.plan
        var levelCheck: SessionRecord.LevelCheckRecord?
        if settings.checkLevel, let first = plan.cups.first {
            try prepareSeat(1, &rig)
            levelCheck = try LevelCheck.run(sweep: plan.sweep, cup: first, rig: &rig)
        }
        if isCancelled() { throw SessionError.interrupted }
        let folder = try SessionFolder.create(parent: settings.parentFolder, name: settings.headphone, date: Date())
        let recorder: SessionRecorder
        do {
            recorder = try SessionRecorder(
                folder: folder, plan: plan, headphone: settings.headphone, rig: rigRecord,
                calibration: settings.calibration, software: settings.software, date: Date())
        } catch {
            // Nothing was measured yet (a full or read-only disk): leave no half-made session.
            folder.discardNew()
            throw error
        }
        started(recorder)
        // The take running or last made, for the record of what stopped the session.
        var current: (progress: SessionProgress, stored: Bool)?
        do {
            if let levelCheck { try recorder.levelChecked(levelCheck) }
            let takes = try MeasurementRunner.run(
                plan, rig: &rig, prepareSeat: { seat, rig in
                    // Seat 1 was prepared for the level check already.
                    if seat > 1 || !settings.checkLevel { try prepareSeat(seat, &rig) }
                },
                isCancelled: isCancelled,
                onTake: { take in
                    try recorder.add(take)
                    current?.stored = true
                },
                progress: { step in
                    if step.peakDBFS == nil { current = (step, false) }
                    progress(step)
                })
            let result = try SessionResult(takes: takes, plan: plan, calibration: settings.calibration)
            try recorder.finish(result, micDBFSAt94DBSPL: settings.micDBFSAt94DBSPL)
            return (recorder, result)
        } catch {
            // Whatever unwound the session after a stop request (the device's own "interrupted"
            // included) is the user's stop.
            let interrupted = isCancelled() || error as? SessionError == .interrupted
            let take = current?.progress
            let stoppedBy = SessionRecord.StopRecord(
                kind: interrupted ? "interrupted" : stopKind(error), cup: take?.cup, seat: take?.seat,
                attempt: take?.attempt, takeStored: current?.stored ?? false, at: SessionRecorder.timestamp(Date()))
            if interrupted {
                recorder.stop(
                    .interrupted, detail: "stopped by the user after \(recorder.record.takes.count) take(s)",
                    stoppedBy: stoppedBy)
                throw SessionError.interrupted
            }
            recorder.stop(.failed, detail: "\(error)", stoppedBy: stoppedBy)
            throw error
        }
    }

    /// The `StopRecord.kind` of an error that ended a session.
    static func stopKind(_ error: Error) -> String {
        switch error {
        case let SessionError.takeFailed(problem): return problem.kind
        case SessionError.noGoodTakes: return "no-good-takes"
        case ALSAError.xruns: return "xruns"  // the rig's own retries were spoiled too
        case is AudioRigError, is ALSAError: return "device"
        default: return "error"
        }
    }
}
