import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// Queues the mails of a use case inside its transaction. Subjects are neutral; bodies carry a link
/// and, at most, a reference: never the content of a case. Every word of a mail comes from
/// `Templates/mail/`: the account mails from their own templates, the case notices from
/// `Templates/mail/notices/<kind>.mustache` (`notify`).
public struct Notifier: Sendable {
    public let composer: MailComposer
    public let outbox: Outbox
    public let baseURL: String
    public let links: MailLinkSecrets

    /// The kinds of mail written from a notice template and sent with `notify`.
    public static let noticeKinds: [MailKind] = MailKind.allCases.filter {
        MailTemplate(rawValue: $0.rawValue) == nil && $0 != .bench
    }

    /// Checks that every notice has its template, so a missing one stops the start-up rather than a mail.
    public init(composer: MailComposer, outbox: Outbox, baseURL: String, links: MailLinkSecrets) throws(MailConfigurationError) {
        for kind in Self.noticeKinds where !composer.hasTemplate(named: Self.noticeTemplate(kind)) {
            throw MailConfigurationError("mail template \(Self.noticeTemplate(kind)).mustache is missing")
        }
        self.composer = composer
        self.outbox = outbox
        self.baseURL = baseURL
        self.links = links
    }

    static func noticeTemplate(_ kind: MailKind) -> String { "mail/notices/\(kind.rawValue)" }

    /// Queues an account mail written by its own template (`template`), stored as `kind`.
    public func queue(_ template: MailTemplate, to address: String, name: String? = nil,
                      model: [String: String], secretSlot: String? = nil, date: Date, in db: Database) throws {
        let recipient = try MailAddress(address, name: name)
        var values = model
        values["siteURL"] = baseURL
        let message = try composer.compose(template, to: recipient, model: values, date: date)
        try outbox.enqueue(message, kind: MailKind(rawValue: template.rawValue) ?? .test, secretSlot: secretSlot, in: db)
    }

    /// Creates a one-time link for `userId` and queues `template` carrying it as `link`. The stored
    /// mail holds a placeholder, the database the secret's hash; the secret itself exists only in
    /// the bytes sent (`MailLinkSecrets`). Returns the link, for an operator's command line.
    @discardableResult
    public func queueLink(_ template: MailTemplate, purpose: UserToken.Purpose, userId: Int64, lifetime: TimeInterval, payload: String? = nil,
                          url: SiteURL, to address: String, model: [String: String], date: Date, in db: Database) throws -> String {
        let (slot, secret) = links.mint()
        try AppDatabase.insertToken(userId: userId, purpose: purpose, secret: secret, lifetime: lifetime, payload: payload, now: date, in: db)
        var values = model
        values["link"] = url.absolute(base: baseURL, query: [("jeton", slot)])
        try queue(template, to: address, model: values, secretSlot: slot, date: date, in: db)
        return url.absolute(base: baseURL, query: [("jeton", secret)])
    }

    /// Queues the notice `kind` to `address`: its subject, link label and paragraphs are those of its
    /// template rendered with `values`; `link` is the page it leads to (a path on this site);
    /// `attachments` go after the text (an atelier's `.ics`), stored with the rest of the message.
    public func notify(_ kind: MailKind, to address: String, greeting: String? = nil, values: [String: Any] = [:], link: SiteURL,
                       attachments: [MailAttachment] = [], date: Date, in db: Database) throws {
        let notice = try Notice(kind: kind, text: composer.render(named: Self.noticeTemplate(kind), model: values) ?? "")
        let recipient = try MailAddress(address)
        var model: [String: Any] = ["siteURL": baseURL, "paragraphs": notice.paragraphs, "link": link.absolute(base: baseURL),
                                    "linkLabel": notice.linkLabel, "confidential": notice.confidential]
        if let greeting { model["name"] = greeting }
        var message = try composer.compose(.caseNotice, to: recipient, subject: notice.subject, model: model, date: date)
        message.attachments = attachments
        try outbox.enqueue(message, kind: kind, in: db)
    }

    /// A notice template, rendered: header lines, « --- », then paragraphs separated by blank lines.
    struct Notice: Equatable {
        var subject = ""
        var linkLabel = ""
        var confidential = true
        var paragraphs: [String] = []

        init(kind: MailKind, text: String) throws(MailConfigurationError) {
            let parts = text.components(separatedBy: "\n---\n")
            guard parts.count == 2 else { throw MailConfigurationError("notice \(kind.rawValue) has no « --- » line") }
            for line in parts[0].split(separator: "\n") {
                let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                switch pair[0] {
                case "sujet": subject = pair[1]
                case "lien": linkLabel = pair[1]
                case "confidentiel": confidential = pair[1] != "non"
                default: continue
                }
            }
            paragraphs = parts[1].components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            guard !subject.isEmpty, !linkLabel.isEmpty, !paragraphs.isEmpty else {
                throw MailConfigurationError("notice \(kind.rawValue) needs « sujet », « lien » and at least one paragraph")
            }
        }
    }
}
