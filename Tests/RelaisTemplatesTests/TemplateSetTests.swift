import Foundation
import Mustache
import RelaisTemplates
import Testing

/// Relais's renderer must give swift-mustache's bytes for the same template and the same model: each
/// case renders with both engines (swift-mustache reflecting the Swift value, Relais walking its
/// encoded tree) and compares.
@Suite("Template rendering matches swift-mustache")
struct TemplateSetTests {
    struct Item: Encodable {
        let label: String
        let note: String?
        let count: Int
        let flag: Bool
    }

    struct Model: Encodable {
        let title: String
        let note: String?
        let empty: String
        let zero: Int
        let ratio: Double
        let items: [Item]
        let none: [Item]
        let tags: [String]
        let nested: Nested?
        let missing: Nested?
        let yes: Bool
        let no: Bool
    }

    struct Nested: Encodable {
        let label: String
        let deeper: Item
    }

    static let model = Model(
        title: "Fin de fonctions <après> l’élection & « suite »",
        note: "note du modèle",
        empty: "",
        zero: 0,
        ratio: 2.5,
        items: [
            Item(label: "un \"premier\"", note: nil, count: 1, flag: true),
            Item(label: "deux 'second'", note: "note propre", count: 0, flag: false),
            Item(label: "trois", note: nil, count: 3, flag: true),
        ],
        none: [],
        tags: ["a", "<b>", "c"],
        nested: Nested(label: "imbriqué", deeper: Item(label: "profond", note: nil, count: 7, flag: true)),
        missing: nil,
        yes: true,
        no: false
    )

    static let sources: [String: String] = [
        "layout": """
        <html>
          <head><title>{{$title}}Relais{{/title}}</title></head>
          <body>
            {{$body}}vide{{/body}}
          </body>
        </html>

        """,
        "partials/item": """
        <li>
          {{label}} {{#note}}({{.}}){{/note}}
          {{#flag}}
            <b>{{count}}</b>
          {{/flag}}
        </li>

        """,
        "page": """
        {{<layout}}
        {{$title}}{{title}}{{/title}}
        {{$body}}
        <h1>{{title}}</h1>
        <p>{{{title}}} {{&title}}</p>
        {{! a comment on its own line }}
        {{#note}}
          <p class="note">{{note}}</p>
        {{/note}}
        <ul>
          {{#items}}
            {{> partials/item}}
          {{/items}}
        </ul>
        {{^none}}<p>aucun</p>{{/none}}
        {{#none}}<p>jamais</p>{{/none}}
        {{#empty}}[vide mais présent]{{/empty}}
        {{#zero}}[zéro présent: {{.}}]{{/zero}}
        {{ratio}} {{yes}} {{no}}
        {{#tags}}<i>{{.}}</i>{{#first()}}(premier){{/first()}}{{/tags}}
        {{#nested}}{{label}} / {{deeper.label}} / {{title}} / {{.label}}{{/nested}}
        {{nested.deeper.count}} {{missing.label}} {{^missing}}absent{{/missing}}
        {{#empty(items)}}vide{{/empty(items)}}{{^empty(items)}}{{count(items)}} éléments{{/empty(items)}}
        {{#empty(none)}}liste vide{{/empty(none)}}
        {{#items}}{{#note}}{{note}}{{/note}}{{^note}}sans{{/note}};{{/items}}
        {{/body}}
        {{/layout}}

        """,
        "text": """
        {{% CONTENT_TYPE: TEXT}}
        Bonjour {{title}},
        {{#items}}
        - {{label}}
        {{/items}}

        """,
    ]

    @Test("Sections, partials, inheritance, indentation, escaping and transforms")
    func sameBytesAsSwiftMustache() throws {
        var library = MustacheLibrary()
        for (name, source) in Self.sources {
            try library.register(source, named: name)
        }
        let set = try TemplateSet.make(Self.sources)
        for name in ["page", "text", "layout", "partials/item"] {
            let expected = library.render(Self.model, withTemplate: name)
            let actual = try set.render(Self.model, template: name).map { String(decoding: $0, as: UTF8.self) }
            #expect(actual == expected, "template \(name)")
        }
    }

    @Test("Every template of Templates/ parses and renders like swift-mustache with an empty model")
    func projectTemplates() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates").path
        let set = try TemplateSet.load(from: folder)
        var library = MustacheLibrary()
        var names: [String] = []
        for case let file as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            try library.register(String(contentsOfFile: folder + "/" + file, encoding: .utf8), named: name)
            names.append(name)
        }
        #expect(names.count > 50)
        struct Empty: Encodable {}
        for name in names {
            #expect(set.contains(name))
            let expected = library.render(Empty(), withTemplate: name)
            let actual = try set.render(Empty(), template: name).map { String(decoding: $0, as: UTF8.self) }
            #expect(actual == expected, "template \(name)")
        }
    }

    @Test("A nil optional is absent: the name is found further up, as in swift-mustache")
    func nilFallsThrough() throws {
        let set = try TemplateSet.make(["t": "{{#items}}{{note}},{{/items}}"])
        let html = try set.render(Self.model, template: "t").map { String(decoding: $0, as: UTF8.self) }
        #expect(html == "note du modèle,note propre,note du modèle,")
    }

    @Test("A template that does not parse is refused with its line")
    func parseError() {
        #expect(throws: TemplateError.self) { try TemplateSet.make(["t": "{{#a}}\n{{/b}}"]) }
    }
}
