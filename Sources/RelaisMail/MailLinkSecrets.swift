import RelaisCore
import RelaisStore

/// Secrets of one-time links (confirmation, reset, invitation, new address) never rest in the
/// outbox. The mail is composed and stored with a random placeholder where the secret goes; the
/// secret is derived from that placeholder with the server key and written only into the bytes
/// handed to the mail server. Whoever reads the stored mail, in the back-office or in a copy of the
/// database, holds a link that opens nothing.
public struct MailLinkSecrets: Sendable {
    let key: ServerKey

    public init(key: ServerKey) {
        self.key = key
    }

    /// A new placeholder for a mail, and the secret it stands for (store only its hash).
    public func mint() -> (slot: String, secret: String) {
        let slot = SecretToken.make()
        return (slot, key.token(.mailedLink, slot))
    }

    /// What is sent: the stored text with every occurrence of the placeholder replaced by its secret.
    public func bytesToSend(_ message: OutboxMessage) -> [UInt8] {
        let raw = Array(message.raw.utf8)
        guard let slot = message.secretSlot else { return raw }
        return Self.replacing(Array(slot.utf8), with: Array(key.token(.mailedLink, slot).utf8), in: raw)
    }

    /// Replaces `pattern` by `replacement` (the same length) in quoted-printable text, where a soft
    /// line break (`=` CRLF) may fall anywhere inside an occurrence. Placeholder and secret use the
    /// same URL-safe letters, which quoted-printable leaves as they are, so the breaks stay put.
    static func replacing(_ pattern: [UInt8], with replacement: [UInt8], in text: [UInt8]) -> [UInt8] {
        precondition(pattern.count == replacement.count && !pattern.isEmpty)
        var output = text
        var start = 0
        while start < text.count {
            var positions: [Int] = []
            var index = start
            while positions.count < pattern.count, index < text.count {
                if text[index] == UInt8(ascii: "="), index + 2 < text.count, text[index + 1] == 13, text[index + 2] == 10, !positions.isEmpty {
                    index += 3
                    continue
                }
                guard text[index] == pattern[positions.count] else { break }
                positions.append(index)
                index += 1
            }
            if positions.count == pattern.count {
                for (offset, position) in positions.enumerated() { output[position] = replacement[offset] }
                start = index
            } else {
                start += 1
            }
        }
        return output
    }
}
