import Foundation
import Testing

/// The bad-input matrix on a full and on a read-only disk: every command that writes files,
/// writing onto a tiny tmpfs (`%`). Each must fail with status 74 naming its output, leave no
/// file (whole, partial or temporary) behind and keep the user's files there as they were.
@Suite struct BadInputMatrixDiskTests {
    /// Commands that write, each writing onto the disk.
    static let writers: [BadInput] = [
        BadInput("sweep", ["sweep", "-o", "%s.wav"], 74, names: ["%s.wav"]),
        BadInput("analyze", ["analyze", "--sweep", "$sweep.wav", "--recording", "$sweep.wav", "-o", "%r.csv"], 74, names: ["%r.csv"]),
        BadInput("fit", ["fit", "$good.csv", "-o", "%p.json"], 74, names: ["%p.json"]),
        BadInput("fit, second output", ["fit", "$good.csv", "-o", "$p.json", "--apo", "%eq.txt"], 74, names: ["%eq.txt"]),
        BadInput("fit, exported", ["fit", "$good.csv", "-o", "$p.json", "--export", "sox:%eq.sox"], 74, names: ["%eq.sox"]),
        BadInput("export", ["export", "$profile.json", "--format", "equalizer-apo", "-o", "%eq.txt"], 74, names: ["%eq.txt"]),
        BadInput("export FIR", ["export", "$profile.json", "--format", "fir", "-o", "%fir.wav"], 74, names: ["%fir.wav"]),
        BadInput("batch", ["batch", "$session", "-o", "%eq"], 74, names: ["%eq"]),
        BadInput("render", ["render", "--profile", "$profile.json", "$sweep.wav", "%out.wav"], 74, names: ["%out.wav"]),
        BadInput("report", ["report", "$profile.json", "-o", "%r.html"], 74, names: ["%r.html"]),
        BadInput("plot", ["plot", "$good.csv", "-o", "%p.svg"], 74, names: ["%p.svg"]),
        BadInput("measure", ["measure", "--name", "X", "--simulate", "example", "--yes", "--reseats", "1", "--length", "2^16",
                             "--out", "%M"], 74, names: ["%M"]),
        BadInput("demo", ["demo", "--out", "%M", "--reseats", "1", "--length", "2^16"], 74, names: ["%M"]),
    ]

    @Test(arguments: writers) func diskFull(_ row: BadInput) throws {
        guard TinyDisk.canRun else { return }
        let disk = try TinyDisk()
        defer { disk.unmount() }
        try BadInputFixture.userData.write(toFile: disk.path("notes.txt"), atomically: false, encoding: .utf8)
        try disk.fill("take.raw")
        try BadInputMatrix.check(row, disk: disk.url)
    }

    @Test(arguments: writers) func readOnlyDisk(_ row: BadInput) throws {
        guard TinyDisk.canRun else { return }
        let disk = try TinyDisk()
        defer { disk.unmount() }
        try BadInputFixture.userData.write(toFile: disk.path("notes.txt"), atomically: false, encoding: .utf8)
        try disk.makeReadOnly()
        try BadInputMatrix.check(row, disk: disk.url)
    }
}
