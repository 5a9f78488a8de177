// swift-tools-version:6.0
import PackageDescription

/// cans: know your headphones. Layers, bottom to top (see Docs/architecture.md):
/// C adapters (CALSA, CFFTW, CSndFile) -> CansCore -> CansDSP -> CansFit, CansFormats -> CansAudio ->
/// CansMeasure, CansExport -> CansReport; CansKernels (+ CansKernelsFMA) -> CansMonitor (on CansCore,
/// CansDSP, CansFit) -> cans.
#if arch(x86_64)
/// Haswell's instruction set is x86-64-v3 (AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE) plus a few
/// the compiler never emits for arithmetic; the code runs only after the CPU said it has v3.
let fusedKernelSettings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let fusedKernelSettings: [SwiftSetting] = []
#endif

/// The real-time path (the monitor's graph and its filter loops) is optimised in every build:
/// unoptimised, its generic loops take about a third of each period's time, too slow for
/// `cans monitor` in a debug build and for the tests that run it in real time (Decisions/0010).
let realtimeSettings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "cans",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cans", targets: ["cans"]),
        .executable(name: "cans-bench", targets: ["cans-bench"]),
        // The benchmark's sound card, an ALSA plugin: alsa-lib loads it by this file name.
        .library(name: "asound_module_pcm_cansbench", type: .dynamic, targets: ["CansBenchCard"]),
        .library(name: "CansCore", targets: ["CansCore"]),
        .library(name: "CansDSP", targets: ["CansDSP"]),
        .library(name: "CansFormats", targets: ["CansFormats"]),
        .library(name: "CansAudio", targets: ["CansAudio"]),
        .library(name: "CansMeasure", targets: ["CansMeasure"]),
        .library(name: "CansFit", targets: ["CansFit"]),
        .library(name: "CansExport", targets: ["CansExport"]),
        .library(name: "CansReport", targets: ["CansReport"]),
        .library(name: "CansMonitor", targets: ["CansMonitor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML: reads exported CamillaDSP configs back to validate them against the v3 rules.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C adapters: one module map and one shim header each.
        .systemLibrary(
            name: "CALSA", pkgConfig: "alsa",
            providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(
            name: "CFFTW", pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"])]),
        // syncfs(2), which the Swift Glibc import hides, and the CPU feature query that picks
        // the monitor's kernels (headers only, nothing to link).
        .systemLibrary(name: "CSystemCalls"),
        .systemLibrary(
            name: "CSndFile", pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]),

        // Value types and units; no C, no files.
        .target(name: "CansCore"),
        // Signal processing; the only importer of CFFTW; no I/O.
        .target(name: "CansDSP", dependencies: ["CansCore", "CFFTW"]),
        // Text in, values out.
        .target(name: "CansFormats", dependencies: ["CansCore", "CSystemCalls"]),
        // Audio files and devices (the only importers of CSndFile and CALSA), and the simulated rig.
        .target(name: "CansAudio", dependencies: ["CansCore", "CansDSP", "CSndFile", "CALSA"]),
        // A measurement session: takes, checks, averaging, the Measurements/ folder layout.
        .target(name: "CansMeasure", dependencies: ["CansCore", "CansDSP", "CansFormats", "CansAudio"]),
        // EQ fitting: targets, limits, the PEQ optimiser, preference scores; no I/O.
        .target(name: "CansFit", dependencies: ["CansCore", "CansDSP"]),
        // Profiles out to the engines people listen through (EqualizerAPO, CamillaDSP, PipeWire,
        // EasyEffects, FIR, sox ...): sits above fit, formats and audio files.
        .target(
            name: "CansExport",
            dependencies: ["CansCore", "CansDSP", "CansFit", "CansFormats", "CansAudio", .product(name: "Yams", package: "Yams")]),
        // Plots (SVG), the HTML report and the band summary: values in, text out; no I/O.
        .target(name: "CansReport", dependencies: ["CansCore", "CansDSP", "CansFit", "CansFormats", "CansMeasure", "CansExport"]),
        // The stereo filter loops of the monitor, written once over the multiply-add they use.
        .target(name: "CansKernels", swiftSettings: realtimeSettings),
        // The same loops compiled for processors with FMA (x86-64-v3), chosen at run time.
        .target(name: "CansKernelsFMA", dependencies: ["CansKernels"], swiftSettings: fusedKernelSettings + realtimeSettings),
        // The monitoring engine: profiles, crossfeed, band solo, previews, level match, limiter;
        // value types and a processor with preallocated state; no I/O.
        .target(
            name: "CansMonitor", dependencies: ["CansCore", "CansDSP", "CansFit", "CansKernels", "CansKernelsFMA", "CSystemCalls"],
            swiftSettings: realtimeSettings),

        .executableTarget(
            name: "cans",
            dependencies: [
                "CansCore", "CansDSP", "CansFormats", "CansAudio", "CansMeasure", "CansFit", "CansExport", "CansReport", "CansMonitor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // A sound card with snd-dummy's clock as an ALSA plugin, for `cans-bench --monitor-latency`.
        .target(name: "CansBenchCard", dependencies: ["CALSA"],
                // PIC: alsa-lib's plugin macros then export the entry point for dlopen, not a static table.
                cSettings: [.define("PIC")], linkerSettings: [.linkedLibrary("asound")]),
        .executableTarget(
            name: "cans-bench",
            dependencies: ["CansCore", "CansDSP", "CansFormats", "CansAudio", "CansMeasure", "CansFit", "CansExport", "CansReport", "CansMonitor"]),

        .testTarget(name: "CansCoreTests", dependencies: ["CansCore"]),
        .testTarget(name: "CansDSPTests", dependencies: ["CansCore", "CansDSP", "CansFormats"]),
        .testTarget(name: "CansFormatsTests", dependencies: ["CansCore", "CansFormats"]),
        .testTarget(name: "CansAudioTests", dependencies: ["CansCore", "CansDSP", "CansFormats", "CansAudio"]),
        .testTarget(name: "CansFitTests", dependencies: ["CansCore", "CansDSP", "CansFormats", "CansFit"]),
        .testTarget(
            name: "CansExportTests", dependencies: ["CansCore", "CansDSP", "CansFit", "CansFormats", "CansAudio", "CansExport"],
            exclude: ["Golden"]),
        .testTarget(name: "CansReportTests", dependencies: ["CansCore", "CansDSP", "CansFit", "CansFormats", "CansMeasure", "CansExport", "CansReport"]),
        .testTarget(name: "CansMonitorTests", dependencies: ["CansCore", "CansDSP", "CansFit", "CansKernels", "CansMonitor"]),
        .testTarget(name: "CansMeasureTests", dependencies: ["CansCore", "CansDSP", "CansFormats", "CansAudio", "CansMeasure"]),
        // Black-box tests of the built `cans` binary (listed as a dependency so it is built first).
        .testTarget(name: "CansCLITests", dependencies: ["cans", "CansCore", "CansDSP", "CansFormats", "CansAudio", "CansFit", "CansExport", "CansMonitor"]),
    ]
)
