import Foundation

/// The reverse proxies whose `X-Forwarded-For` header Relais believes. Behind a proxy every
/// connection comes from the proxy's address; without this, one person's failed sign-ins would
/// count against everyone.
public struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        var network: [UInt8]
        var prefixLength: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == network.count else { return false }
            var remaining = prefixLength
            for index in network.indices where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if address[index] & mask != network[index] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    var ranges: [Range] = []

    public init() {}

    /// `127.0.0.1, 10.0.0.0/8, ::1`; nil when an entry is not an address or a CIDR range.
    public init?(list: String) {
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let network = Self.bytes(of: String(parts[0])) else { return nil }
            var prefix = network.count * 8
            if parts.count == 2 {
                guard let length = Int(parts[1]), (0...network.count * 8).contains(length) else { return nil }
                prefix = length
            }
            ranges.append(Range(network: network, prefixLength: prefix))
        }
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client's address: the peer itself unless it is a trusted proxy; then the right-most
    /// address of `X-Forwarded-For` that is not a trusted proxy (the left part can be forged by the
    /// client, the right part was written by proxies we trust).
    public func clientAddress(peer: String, forwardedFor: [String]) -> String {
        guard contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard Self.bytes(of: hop) != nil else { return peer }
            if !contains(hop) { return hop }
        }
        return hops.first ?? peer
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address; IPv4-mapped IPv6 addresses as IPv4.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
            return bytes
        }
        return nil
    }
}
