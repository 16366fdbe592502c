import Foundation
import Mustache
import RelaisCore

/// How `{{value}}` is escaped in HTML templates: the same five characters as swift-mustache's own HTML
/// escaping (`& < > " '`), by `HTML.escape`, which walks the UTF-8 bytes once and returns text with
/// nothing to escape as it is. swift-mustache's looks every character up in a dictionary, which was
/// the largest single cost of rendering a page (bench/README.md).
public struct EscapedHTML: MustacheContentType {
    public static let name = "RELAIS_HTML"

    public init() {}

    public func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}

/// The templates of `Templates/` (pages and mails), parsed once at start-up: the web renders pages
/// with them, the use cases compose mails with them, and the command line loads them for its mails.
public enum TemplateLibrary {
    /// Every `.mustache` file under `path`, named by its path without the extension; a missing folder or
    /// a template that does not parse stops the start-up with one clear line.
    public static func load(from path: String) throws -> MustacheLibrary {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw StartupError("templates folder not found at \(path) (set RELAIS_TEMPLATES or run from the project folder)")
        }
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        var library = MustacheLibrary()
        let folder = path.hasSuffix("/") ? path : path + "/"
        for case let file as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] where file.hasSuffix(".mustache") {
            guard let source = FileManager.default.contents(atPath: folder + file).flatMap({ String(data: $0, encoding: .utf8) }) else {
                throw StartupError("template \(folder + file) cannot be read as UTF-8 text")
            }
            do {
                // A template that names its content type (the text mails) keeps it; every other one is
                // HTML escaped by `EscapedHTML`. The pragma on a line of its own renders nothing.
                let text = source.hasPrefix("{{%") ? source : "{{% CONTENT_TYPE: \(EscapedHTML.name)}}\n" + source
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch {
                throw StartupError("template \(file) in \(path) does not parse: \(error)")
            }
        }
        return library
    }
}

/// A condition that stops the server before it serves; `description` is the one line printed.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
