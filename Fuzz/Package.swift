// swift-tools-version:6.0
import PackageDescription

/// Fuzz targets for every reader of user files, one libFuzzer executable each. A package of its
/// own, so the main package's `swift build` and `swift test` never build it. Build and run with
/// `scripts/fuzz.sh` (it passes `-sanitize=fuzzer,address`, which provides `main`).
let libFuzzerEntry: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "cans") },
        swiftSettings: libFuzzerEntry)
}

let package = Package(
    name: "cans-fuzz",
    dependencies: [.package(name: "cans", path: "..")],
    targets: [
        // Shared by the targets: fuzz input to a scratch file, the checks on thrown errors.
        .target(name: "FuzzSupport"),
        fuzzTarget("fuzz-response-text", ["CansFormats"]),
        fuzzTarget("fuzz-mic-calibration", ["CansFormats"]),
        fuzzTarget("fuzz-equalizer-apo", ["CansFormats"]),
        fuzzTarget("fuzz-profile-json", ["CansFormats"]),
        fuzzTarget("fuzz-session-json", ["CansFormats", "CansMeasure"]),
        fuzzTarget("fuzz-wav", ["CansAudio"]),
    ]
)
