/// A page's model: what its template shows, and nothing else. Each lives in `Pages/<Area>/<Name>.swift`
/// with the code that builds it; `PageRenderer` renders it with the one template it names, after
/// encoding it into a `TemplateValue` through its synthesized `Encodable` conformance (the property
/// names are the names the template uses).
protocol Page: Encodable, Sendable {
    static var template: Template { get }
}
