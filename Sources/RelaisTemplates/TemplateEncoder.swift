/// Encodes a model into a `TemplateValue` through its (synthesized) `Encodable` conformance: the
/// property names become the names templates use, so a field cannot be misspelled in a hand-written
/// table, and strings, numbers and booleans arrive through their own overloads without a cast.
public enum TemplateEncoder {
    public static func encode<T: Encodable>(_ model: T) throws -> TemplateValue {
        let encoder = ValueEncoder()
        try model.encode(to: encoder)
        return encoder.value ?? .object(TemplateObject())
    }
}

/// One value being encoded: a keyed container makes it an object, an unkeyed one a list, a single
/// value container a scalar.
final class ValueEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private var object: TemplateObject?
    private var list: ListBox?
    var single: TemplateValue?

    var value: TemplateValue? {
        if let object { return .object(object) }
        if let list { return .list(list.items) }
        return single
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object = self.object ?? TemplateObject()
        self.object = object
        return KeyedEncodingContainer(ObjectContainer<Key>(object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let list = self.list ?? ListBox()
        self.list = list
        return ListContainer(box: list)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }

    static func nested<T: Encodable>(_ value: T) throws -> TemplateValue? {
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        return encoder.value
    }
}

final class ListBox {
    var items: [TemplateValue] = [] {
        didSet { onChange?(items) }
    }
    /// Set for a nested list, which its parent holds by value.
    let onChange: (([TemplateValue]) -> Void)?

    init(onChange: (([TemplateValue]) -> Void)? = nil) {
        self.onChange = onChange
    }
}

struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: TemplateObject
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.append(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.append(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { object.append(key.stringValue, .double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { object.append(key.stringValue, .double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.append(key.stringValue, .int(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.append(key.stringValue, .int(Int(value))) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let encoded = try ValueEncoder.nested(value) { object.append(key.stringValue, encoded) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = TemplateObject()
        object.append(key.stringValue, .object(nested))
        return KeyedEncodingContainer(ObjectContainer<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        // Lists are values: the object's slot is rewritten after each element. Synthesized
        // conformances never come here, so this path only has to be correct, not fast.
        let object = self.object
        let index = object.append(key.stringValue, .list([]))
        return ListContainer(box: ListBox { object.replace(at: index, with: .list($0)) })
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder() }
}

struct ListContainer: UnkeyedEncodingContainer {
    let box: ListBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { box.items.append(.double(value)) }
    mutating func encode(_ value: Int) throws { box.items.append(.int(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        if let encoded = try ValueEncoder.nested(value) { box.items.append(encoded) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = TemplateObject()
        box.items.append(.object(nested))
        return KeyedEncodingContainer(ObjectContainer<NestedKey>(object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let outer = box
        let index = outer.items.count
        outer.items.append(.list([]))
        return ListContainer(box: ListBox { outer.items[index] = .list($0) })
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder() }
}

struct SingleContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws { encoder.single = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.single = .string(value) }
    mutating func encode(_ value: Double) throws { encoder.single = .double(value) }
    mutating func encode(_ value: Float) throws { encoder.single = .double(Double(value)) }
    mutating func encode(_ value: Int) throws { encoder.single = .int(value) }
    mutating func encode(_ value: Int8) throws { encoder.single = .int(Int(value)) }
    mutating func encode(_ value: Int16) throws { encoder.single = .int(Int(value)) }
    mutating func encode(_ value: Int32) throws { encoder.single = .int(Int(value)) }
    mutating func encode(_ value: Int64) throws { encoder.single = .int(Int(value)) }
    mutating func encode(_ value: UInt) throws { encoder.single = .int(Int(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.single = .int(Int(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.single = .int(Int(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.single = .int(Int(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.single = .int(Int(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.single = try ValueEncoder.nested(value)
    }
}
