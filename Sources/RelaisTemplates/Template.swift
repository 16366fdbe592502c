import Foundation

/// A name as a template writes it (`{{a.b}}`, `{{.}}`, `{{.a}}`, `{{count(list)}}`), split once when
/// the template is compiled.
struct TemplateName: Sendable {
    enum Anchor: Sendable {
        /// `{{.}}`: the current value.
        case current
        /// `{{.a.b}}`: from the current value only, without climbing the stack.
        case top
        /// `{{a.b}}`: `a` is looked for from the innermost value outwards.
        case stack
        /// `{{first()}}`: the position in the list being rendered.
        case sequence
    }

    let anchor: Anchor
    let parts: [String]
    /// `TemplateObject.hash` of each part, computed once here.
    let hashes: [UInt64]
    /// Applied in this order (the innermost call first).
    let transforms: [String]

    init(_ name: String, transforms: [String]) {
        self.transforms = transforms.reversed()
        if name == "." {
            anchor = .current
            parts = []
        } else if name.isEmpty, !transforms.isEmpty {
            anchor = .sequence
            parts = []
        } else {
            anchor = name.first == "." ? .top : .stack
            parts = name.split(separator: ".").map(String.init)
        }
        hashes = parts.map(TemplateObject.hash)
    }
}

/// A compiled template: what the renderer walks.
indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode])
    case invertedSection(TemplateName, [TemplateNode])
    case blockExpansion(name: String, default: [TemplateNode], indentation: [UInt8]?)
    case partial(String, indentation: [UInt8]?, inherits: [String: [TemplateNode]]?)
    case dynamicPartial(TemplateName, indentation: [UInt8]?, inherits: [String: [TemplateNode]]?)
    case contentType(ContentType)

    static func compile(_ template: ParsedTemplate) -> [TemplateNode] {
        template.tokens.compactMap { token in
            switch token {
            case .text(let text):
                return .text(Array(text.utf8))
            case .variable(let name, let transforms):
                return .variable(TemplateName(name, transforms: transforms), escaped: true)
            case .unescapedVariable(let name, let transforms):
                return .variable(TemplateName(name, transforms: transforms), escaped: false)
            case .section(let name, let transforms, let template):
                return .section(TemplateName(name, transforms: transforms), compile(template))
            case .invertedSection(let name, let transforms, let template):
                return .invertedSection(TemplateName(name, transforms: transforms), compile(template))
            case .blockDefinition:
                // Only found inside `{{<parent}}`, where the parser moved them to `inherits`.
                return nil
            case .blockExpansion(let name, let defaultTemplate, let indentation):
                return .blockExpansion(name: name, default: compile(defaultTemplate), indentation: indentation.map { Array($0.utf8) })
            case .partial(let name, let indentation, let inherits):
                return .partial(name, indentation: indentation.map { Array($0.utf8) }, inherits: inherits?.mapValues(compile))
            case .dynamicNamePartial(let name, let indentation, let inherits):
                return .dynamicPartial(TemplateName(name, transforms: []), indentation: indentation.map { Array($0.utf8) },
                                       inherits: inherits?.mapValues(compile))
            case .contentType(let contentType):
                return .contentType(contentType)
            }
        }
    }
}

/// The templates of a folder, parsed and compiled once; rendering walks them against a
/// `TemplateValue` with the semantics of swift-mustache 2.1 (the engine Relais used before), so the
/// same template and the same values give the same bytes.
public struct TemplateSet: Sendable {
    private let templates: [String: [TemplateNode]]

    /// Every `.mustache` file under `path`, named by its path without the extension.
    public static func load(from path: String) throws -> TemplateSet {
        let folder = path.hasSuffix("/") ? path : path + "/"
        var templates: [String: [TemplateNode]] = [:]
        for case let file as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] where file.hasSuffix(".mustache") {
            guard let source = FileManager.default.contents(atPath: folder + file).flatMap({ String(data: $0, encoding: .utf8) }) else {
                throw TemplateError("template \(folder + file) cannot be read as UTF-8 text")
            }
            templates[String(file.dropLast(".mustache".count))] = try compile(source, named: file)
        }
        return TemplateSet(templates: templates)
    }

    /// A set made of the given sources, for tests.
    public static func make(_ sources: [String: String]) throws -> TemplateSet {
        TemplateSet(templates: try sources.mapValues { try compile($0, named: "test") })
    }

    private static func compile(_ source: String, named name: String) throws -> [TemplateNode] {
        do {
            return TemplateNode.compile(try ParsedTemplate.parse(source))
        } catch let error as ParsedTemplate.ParserError {
            let context = error.context
            throw TemplateError("template \(name) does not parse at line \(context.lineNumber), column \(context.columnNumber): \(error.error)")
        }
    }

    public func contains(_ name: String) -> Bool {
        templates[name] != nil
    }

    /// `value` rendered with the template `name`, HTML-escaped unless the template says otherwise; nil
    /// when there is no such template.
    public func render(_ value: TemplateValue, template name: String) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var renderer = TemplateRenderer(templates: templates, root: value)
        renderer.render(nodes, RenderContext())
        return renderer.output
    }

    /// `model` encoded (`TemplateEncoder`) then rendered.
    public func render<Model: Encodable>(_ model: Model, template name: String) throws -> [UInt8]? {
        render(try TemplateEncoder.encode(model), template: name)
    }
}

public struct TemplateError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
