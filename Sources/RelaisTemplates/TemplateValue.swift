/// A page's model as templates see it: built once per render by `TemplateEncoder` from the model's
/// `Encodable` conformance, then walked by the renderer with plain switches — no reflection and no
/// dynamic cast per `{{name}}`.
///
/// An optional that is nil is not in the tree at all, as in swift-mustache: `{{name}}` then finds the
/// same name further up the context stack.
public enum TemplateValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateObject)
}

/// A struct or dictionary of the model: its fields in declaration order.
///
/// A class so that the encoder can fill it in place; never changed once `TemplateEncoder` returns.
public final class TemplateObject: @unchecked Sendable {
    private(set) var names: [String] = []
    private(set) var values: [TemplateValue] = []

    init() {}

    /// The fields' names in order.
    public var fieldNames: [String] { names }

    @discardableResult
    func append(_ name: String, _ value: TemplateValue) -> Int {
        names.append(name)
        values.append(value)
        return values.count - 1
    }

    func replace(at index: Int, with value: TemplateValue) {
        values[index] = value
    }

    /// The field called `name`; objects have a few dozen fields at most, so a scan beats hashing.
    public subscript(name: String) -> TemplateValue? {
        var index = 0
        while index < names.count {
            if names[index] == name { return values[index] }
            index += 1
        }
        return nil
    }
}
