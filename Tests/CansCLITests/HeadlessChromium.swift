import Foundation

/// Debian's chromium, headless: opens a page, takes a screenshot, and logs every network request
/// (Chromium's NetLog) so a test can tell whether the page fetched anything.
///
/// Each run has a private profile folder in a fresh temporary folder, no sandbox when run as
/// root (Chromium refuses to start sandboxed as root), Chromium's own background traffic
/// (updates, sync, components) switched off, and a hard time limit (coreutils `timeout`).
struct HeadlessChromium {
    struct Capture {
        /// The screenshot, decoded.
        let image: PixelImage
        /// URLs the page itself asked for (its initiator is the page, not the browser).
        let pageRequests: [String]
    }

    static let tools = ["chromium", "pngtopnm", "timeout"]
    static let timeLimitSeconds = 120

    /// Renders `page` in a window `width` x `height` CSS pixels.
    static func capture(_ page: URL, width: Int = 1000, height: Int = 3000) throws -> Capture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cans-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("shot.png"), netLog = folder.appendingPathComponent("net.json")
        let run = try ExternalTools.run(command(folder: folder, [
            "--hide-scrollbars", "--window-size=\(width),\(height)", "--log-net-log=\(netLog.path)", "--screenshot=\(png.path)",
            page.absoluteString,
        ]))
        guard run.status == 0, FileManager.default.fileExists(atPath: png.path) else {
            throw Failure(description: "chromium exited with status \(run.status) and no screenshot of \(page.path)")
        }
        let pixels = try PixelImage(ppm: ExternalTools.bytes(["pngtopnm", png.path]).output)
        return Capture(image: pixels, pageRequests: try pageRequests(netLog))
    }

    /// `timeout N chromium --headless ...` with the profile in `folder`, then `extra`.
    static func command(folder: URL, _ extra: [String]) -> [String] {
        ["timeout", "\(timeLimitSeconds)", "chromium", "--headless", "--disable-gpu"] + (getuid() == 0 ? ["--no-sandbox"] : [])
            + ["--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"] + extra
    }

    /// The page's DOM as Chromium parsed it (`--dump-dom`): what the browser made of the markup.
    static func dom(_ page: URL) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cans-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try ExternalTools.run(command(folder: folder, ["--dump-dom", page.absoluteString]))
        guard run.status == 0 else { throw Failure(description: "chromium --dump-dom exited with status \(run.status)") }
        return run.output
    }

    /// Requests whose initiator is a page: NetLog's URL_REQUEST_START_JOB events carry the
    /// initiating origin ("null" for a file:// page); the browser's own requests say "not an origin".
    static func pageRequests(_ netLog: URL) throws -> [String] {
        guard let root = try JSONSerialization.jsonObject(with: try Data(contentsOf: netLog)) as? [String: Any],
              let constants = root["constants"] as? [String: Any], let types = constants["logEventTypes"] as? [String: Int],
              let startJob = types["URL_REQUEST_START_JOB"], let events = root["events"] as? [[String: Any]] else {
            throw Failure(description: "the NetLog \(netLog.path) is not in the expected shape")
        }
        return events.compactMap { event in
            guard event["type"] as? Int == startJob, let params = event["params"] as? [String: Any], let url = params["url"] as? String else { return nil }
            return params["initiator"] as? String == "not an origin" ? nil : url
        }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }
}

/// An RGB image from a binary PPM (P6, maxval 255), as `pngtopnm` writes it.
struct PixelImage {
    let width: Int, height: Int
    let rgb: [UInt8]

    init(ppm: Data) throws {
        let bytes = [UInt8](ppm)
        var fields = [String](), index = 0
        while fields.count < 4, index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 || bytes[index] == 0x0D { index += 1 }
            var field = ""
            while index < bytes.count, !(bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 || bytes[index] == 0x0D) {
                field.append(Character(UnicodeScalar(bytes[index])))
                index += 1
            }
            fields.append(field)
        }
        index += 1  // the one whitespace byte before the pixels
        guard fields.count == 4, fields[0] == "P6", let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255",
              bytes.count - index >= w * h * 3 else {
            throw HeadlessChromium.Failure(description: "not a binary 8-bit PPM")
        }
        width = w
        height = h
        rgb = Array(bytes[index..<(index + w * h * 3)])
    }

    /// Pixels in rows `rows` for which `test(r, g, b)` holds.
    func count(rows: Range<Int>? = nil, _ test: (UInt8, UInt8, UInt8) -> Bool) -> Int {
        let range = rows ?? 0..<height
        var n = 0
        for y in range.clamped(to: 0..<height) {
            var p = y * width * 3
            for _ in 0..<width {
                if test(rgb[p], rgb[p + 1], rgb[p + 2]) { n += 1 }
                p += 3
            }
        }
        return n
    }

    /// Pixels within `tolerance` of the colour `hex` ("#0072B2") on every channel.
    func count(near hex: String, tolerance: Int = 40) -> Int {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let r = (value >> 16) & 255, g = (value >> 8) & 255, b = value & 255
        return count { abs(Int($0) - r) <= tolerance && abs(Int($1) - g) <= tolerance && abs(Int($2) - b) <= tolerance }
    }
}
