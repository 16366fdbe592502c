import Foundation

/// What swift-mustache carries in its context besides the stack: how to escape, the partial's
/// indentation, the blocks a child template overrides, the position in a list.
struct RenderContext {
    var escapes = true
    var indentation: [UInt8]?
    var inherited: [String: [TemplateNode]]?
    var sequence: (first: Bool, last: Bool, index: Int)?

    func withPartial(indented: [UInt8]?, inheriting: [String: [TemplateNode]]?) -> RenderContext {
        var context = RenderContext()
        context.indentation = indented.map { (indentation ?? []) + $0 } ?? indentation
        if let inheriting {
            // As swift-mustache: on a clash the block of the outer template wins.
            context.inherited = inherited.map { $0.merging(inheriting) { outer, _ in outer } } ?? inheriting
        } else {
            context.inherited = inherited
        }
        return context
    }

    func withBlockExpansion(indented: [UInt8]?) -> RenderContext {
        var context = self
        context.indentation = indented.map { (indentation ?? []) + $0 } ?? indentation
        context.sequence = nil
        return context
    }
}

/// Walks compiled templates over one value tree into one byte buffer.
struct TemplateRenderer {
    let templates: [String: [TemplateNode]]
    var stack: [TemplateValue]
    var output: [UInt8] = []

    init(templates: [String: [TemplateNode]], root: TemplateValue) {
        self.templates = templates
        self.stack = [root]
        output.reserveCapacity(16_384)
    }

    mutating func render(_ nodes: [TemplateNode], _ context: RenderContext) {
        var context = context
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, &context) }
            return
        }
        // swift-mustache indents inside a partial by adding the indentation before any node that
        // renders something right after a newline written by this same template.
        let start = output.count
        for node in nodes {
            let before = output.count
            let afterNewline = before > start && output[before - 1] == UInt8(ascii: "\n")
                && !(before - 2 >= start && output[before - 2] == UInt8(ascii: "\r"))
            render(node, &context)
            if afterNewline, output.count > before {
                output.insert(contentsOf: indentation, at: before)
            }
        }
    }

    private mutating func render(_ node: TemplateNode, _ context: inout RenderContext) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)

        case .variable(let name, let escaped):
            guard let value = lookup(name, context) else { return }
            switch value {
            case .string(let text):
                if escaped, context.escapes { appendEscaped(text) } else { output.append(contentsOf: text.utf8) }
            case .int(let number):
                output.append(contentsOf: String(number).utf8)
            case .double(let number):
                output.append(contentsOf: String(describing: number).utf8)
            case .bool(let flag):
                output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .list, .object:
                // swift-mustache would print Swift's description of the value: never wanted on a page.
                break
            }

        case .section(let name, let nodes):
            let value = lookup(name, context)
            switch value {
            case .list(let items):
                guard !items.isEmpty else { return }
                var inner = context
                for (index, item) in items.enumerated() {
                    inner.sequence = (first: index == 0, last: index == items.count - 1, index: index)
                    stack.append(item)
                    render(nodes, inner)
                    stack.removeLast()
                }
            case .bool(let flag):
                if flag { render(nodes, context) }
            case .none:
                return
            case .some(let value):
                var inner = context
                inner.sequence = nil
                stack.append(value)
                render(nodes, inner)
                stack.removeLast()
            }

        case .invertedSection(let name, let nodes):
            let value = lookup(name, context)
            switch value {
            case .list(let items):
                guard items.isEmpty else { return }
                var inner = context
                inner.sequence = nil
                stack.append(.list(items))
                render(nodes, inner)
                stack.removeLast()
            case .bool(let flag):
                if !flag { render(nodes, context) }
            case .none:
                render(nodes, context)
            case .some:
                return
            }

        case .blockExpansion(let name, let defaultNodes, let indentation):
            render(context.inherited?[name] ?? defaultNodes, context.withBlockExpansion(indented: indentation))

        case .partial(let name, let indentation, let inherits):
            guard let nodes = templates[name] else { return }
            render(nodes, context.withPartial(indented: indentation, inheriting: inherits))

        case .dynamicPartial(let name, let indentation, let inherits):
            guard case .string(let partialName)? = lookup(name, context), let nodes = templates[partialName] else { return }
            render(nodes, context.withPartial(indented: indentation, inheriting: inherits))

        case .contentType(let contentType):
            context.escapes = contentType.escapes
        }
    }

    // MARK: Finding a value

    private func lookup(_ name: TemplateName, _ context: RenderContext) -> TemplateValue? {
        var transforms = name.transforms[...]
        var value: TemplateValue?
        switch name.anchor {
        case .current:
            value = stack.last
        case .top:
            value = stack.last.flatMap { Self.descend($0, name, from: 0) }
        case .stack:
            if let first = name.parts.first {
                let hash = name.hashes[0]
                var index = stack.count - 1
                while index >= 0 {
                    if let child = Self.child(of: stack[index], named: first, hash: hash) {
                        value = Self.descend(child, name, from: 1)
                        break
                    }
                    index -= 1
                }
            } else {
                value = stack.last
            }
        case .sequence:
            guard let sequence = context.sequence, let transform = transforms.popFirst() else { return nil }
            switch transform {
            case "first": value = .bool(sequence.first)
            case "last": value = .bool(sequence.last)
            case "index": value = .int(sequence.index)
            case "even": value = .bool(sequence.index & 1 == 0)
            case "odd": value = .bool(sequence.index & 1 == 1)
            default: return nil
            }
        }
        guard var result = value else { return nil }
        for transform in transforms {
            guard let transformed = Self.apply(transform, to: result) else { return nil }
            result = transformed
        }
        return result
    }

    private static func child(of value: TemplateValue, named name: String, hash: UInt64) -> TemplateValue? {
        guard case .object(let object) = value else { return nil }
        return object.value(named: name, hash: hash)
    }

    /// The value at `name.parts[start...]` under `value`.
    private static func descend(_ value: TemplateValue, _ name: TemplateName, from start: Int) -> TemplateValue? {
        var current = value
        var index = start
        while index < name.parts.count {
            guard let child = child(of: current, named: name.parts[index], hash: name.hashes[index]) else { return nil }
            current = child
            index += 1
        }
        return current
    }

    /// swift-mustache's transforms, for the kinds of values a model holds.
    private static func apply(_ transform: String, to value: TemplateValue) -> TemplateValue? {
        switch value {
        case .string(let text):
            switch transform {
            case "empty": return .bool(text.isEmpty)
            case "capitalized": return .string(text.capitalized)
            case "lowercased": return .string(text.lowercased())
            case "uppercased": return .string(text.uppercased())
            case "reversed": return .string(String(text.reversed()))
            default: return nil
            }
        case .list(let items):
            switch transform {
            case "first": return items.first
            case "last": return items.last
            case "reversed": return .list(items.reversed())
            case "count": return .int(items.count)
            case "empty": return .bool(items.isEmpty)
            default: return nil
            }
        case .int(let number):
            switch transform {
            case "equalzero": return .bool(number == 0)
            case "plusone": return .int(number + 1)
            case "minusone": return .int(number - 1)
            case "even": return .bool(number & 1 == 0)
            case "odd": return .bool(number & 1 == 1)
            default: return nil
            }
        case .double, .bool, .object:
            return nil
        }
    }

    // MARK: Escaping

    /// `HTML.escape`'s five characters, written straight into the output: the runs between them are
    /// copied whole, so text with nothing to escape is one copy.
    private mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in 0..<bytes.count {
                let replacement: [UInt8]
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = Self.amp
                case UInt8(ascii: "<"): replacement = Self.lt
                case UInt8(ascii: ">"): replacement = Self.gt
                case UInt8(ascii: "\""): replacement = Self.quot
                case UInt8(ascii: "'"): replacement = Self.apos
                default: continue
                }
                if index > start { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                output.append(contentsOf: replacement)
                start = index + 1
            }
            if start < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let apos = Array("&#39;".utf8)
}
