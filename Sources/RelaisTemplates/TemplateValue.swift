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
    /// `hash(name)` of each field: a lookup compares these, and a name only when they match (names
    /// that differ compare slowly as Swift strings, and a lookup meets many before the right one).
    private(set) var hashes: [UInt64] = []
    private(set) var values: [TemplateValue] = []

    init() {}

    /// The fields' names in order.
    public var fieldNames: [String] { names }

    @discardableResult
    func append(_ name: String, _ value: TemplateValue) -> Int {
        names.append(name)
        hashes.append(Self.hash(name))
        values.append(value)
        return values.count - 1
    }

    func replace(at index: Int, with value: TemplateValue) {
        values[index] = value
    }

    /// The field called `name`.
    public subscript(name: String) -> TemplateValue? {
        value(named: name, hash: Self.hash(name))
    }

    /// The field called `name`, whose `hash` the caller computed once; objects have a few dozen fields
    /// at most, so a scan beats a dictionary.
    func value(named name: String, hash: UInt64) -> TemplateValue? {
        var index = 0
        while index < hashes.count {
            if hashes[index] == hash, names[index] == name { return values[index] }
            index += 1
        }
        return nil
    }

    /// FNV-1a over the name's UTF-8 bytes: cheap for the short names of fields.
    static func hash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
