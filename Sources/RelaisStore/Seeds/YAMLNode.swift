import Yams

/// A YAML mapping from a seed file that knows its line, for located error messages.
struct YAMLNode {
    let node: Node
    /// Lines before the YAML text in its file (a front matter starts after its `---`).
    let lineOffset: Int

    var line: Int { (node.mark?.line ?? 0) + lineOffset }

    /// Parses `text` into its root node; a syntax error becomes a located seed error.
    static func parse(_ text: String, file: String, lineOffset: Int = 0) throws(SeedError) -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw SeedError(file: file, line: 1 + lineOffset, message: "document YAML vide")
            }
            return YAMLNode(node: node, lineOffset: lineOffset)
        } catch let error as SeedError {
            throw error
        } catch let error as YamlError {
            throw SeedError(file: file, line: Self.line(of: error) + lineOffset, message: "YAML invalide (\(Self.problem(of: error)))")
        } catch {
            throw SeedError(file: file, line: 1 + lineOffset, message: "YAML invalide")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return 1
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    var items: [YAMLNode] {
        node.array().map { YAMLNode(node: $0, lineOffset: lineOffset) }
    }

    var isMapping: Bool { node.mapping != nil }

    /// The line of `key`'s value, or of this mapping when the key is absent.
    func line(of key: String) -> Int {
        node[key]?.mark.map { $0.line + lineOffset } ?? line
    }

    /// A scalar value, trimmed; nil when absent or empty.
    func string(_ key: String) -> String? {
        guard let value = node[key]?.string?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    func bool(_ key: String) -> Bool? {
        node[key]?.bool
    }

    /// A list of scalars; a single scalar reads as a one-item list.
    func strings(_ key: String) -> [String] {
        guard let value = node[key] else { return [] }
        if let sequence = value.sequence {
            return sequence.compactMap { $0.string?.trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        if let scalar = value.string?.trimmingWhitespace(), !scalar.isEmpty { return [scalar] }
        return []
    }
}
