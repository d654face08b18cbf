import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses markup with Foundation's XMLParser and collects what the tests look at.
final class XMLChecker: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var parseError: Error?

    /// Parses `markup`; returns nil when it is well-formed XML, the parser's error otherwise.
    static func parse(_ markup: String) -> XMLChecker {
        let checker = XMLChecker()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = checker
        if !parser.parse() {
            checker.parseError = parser.parserError ?? NSError(domain: "XMLChecker", code: 1)
        }
        return checker
    }

    var isWellFormed: Bool { parseError == nil }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributeDict, text: ""))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last { elements[current].text += string }
    }
}
