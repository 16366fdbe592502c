/// A template as the parser reads it: swift-mustache's tokens, names still as written. `Template`
/// compiles it once into the form the renderer walks.
struct ParsedTemplate {
    enum Token {
        case text(String)
        case variable(name: String, transforms: [String] = [])
        case unescapedVariable(name: String, transforms: [String] = [])
        case section(name: String, transforms: [String] = [], template: ParsedTemplate)
        case invertedSection(name: String, transforms: [String] = [], template: ParsedTemplate)
        case blockDefinition(name: String, template: ParsedTemplate)
        case blockExpansion(name: String, default: ParsedTemplate, indentation: String?)
        case partial(String, indentation: String?, inherits: [String: ParsedTemplate]?)
        case dynamicNamePartial(String, indentation: String?, inherits: [String: ParsedTemplate]?)
        case contentType(ContentType)
    }

    var tokens: [Token]
    let text: String

    init(_ tokens: [Token], text: String) {
        self.tokens = tokens
        self.text = text
    }
}

/// What `{{% CONTENT_TYPE: … }}` names: how `{{value}}` is escaped from there on.
public enum ContentType: String, Sendable {
    /// HTML: `& < > " '` escaped (swift-mustache's default).
    case html = "HTML"
    /// Relais's name for the same HTML escaping, kept so that the templates read by both engines parse.
    case relaisHTML = "RELAIS_HTML"
    /// Plain text: nothing escaped (the text parts of mails).
    case text = "TEXT"

    var escapes: Bool { self != .text }
}
