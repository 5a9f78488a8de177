import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG read back with an XML parser: what tests check a plot by (its curves, bands, labels).
struct SVGReading {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text: String
    }

    private(set) var elements = [Element]()

    /// - Throws: when `svg` is not well-formed XML.
    init(_ svg: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw ParseFailure(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        elements = delegate.elements
    }

    struct ParseFailure: Error, CustomStringConvertible { let description: String }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
    }

    var curves: [Element] { all("g", class: "curve") }
    var bands: [Element] { all("path", class: "band") }
    var xTicks: [String] { all("text", class: "x-tick").map(\.text) }
    var yTicks: [String] { all("text", class: "y-tick").map(\.text) }

    /// Every SVG element of an HTML page, in order.
    static func svgs(inHTML html: String) -> [String] {
        var out = [String](), rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// The points of a path's `d` ("M1 2L3 4...").
    static func points(_ d: String) -> [(Double, Double)] {
        d.split(whereSeparator: { $0 == "M" || $0 == "L" || $0 == "Z" }).compactMap { pair in
            let parts = pair.split(separator: " ")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]) else { return nil }
            return (x, y)
        }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements = [Element]()
        var open = [Int]()
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes, text: ""))
            open.append(elements.count - 1)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
    }
}
