import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// A group's meetings: planned by its référent, roles taken by members in one click, notes written
/// after the meeting (each save a version), and action items with an owner and a due day.
extension GroupService {
    /// What describes a meeting, checked by the form.
    public struct MeetingFields: Sendable, Equatable {
        /// Paris wall-clock text, `2027-01-14T18:30`.
        public var startsAt: String
        public var endsAt: String
        public var online: Bool
        /// The address, or the visio link.
        public var place: String
        public var agenda: String

        public init(startsAt: String, endsAt: String, online: Bool, place: String, agenda: String) {
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.online = online
            self.place = place
            self.agenda = agenda
        }
    }

    /// The référent plans a meeting; every other member gets an invitation with its `.ics`.
    @discardableResult
    public func planMeeting(groupId: Int64, _ fields: MeetingFields, by referent: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            let group = try Self.referentGroup(groupId: groupId, user: referent, in: db)
            guard group.status == .active else { throw GroupRules.Refusal.notActive }
            var meeting = GroupMeeting(groupId: groupId, startsAt: fields.startsAt, endsAt: fields.endsAt, online: fields.online, place: fields.place,
                                       agenda: fields.agenda, createdByUserId: referent.id, createdAt: now)
            try meeting.insert(db)
            guard let meetingId = meeting.id else { throw NotFound() }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: referent.id, actorEmail: referent.email, action: .meetingPlanned,
                                             target: "groupe \(groupId) réunion \(meetingId)", address: address), in: db)
            var attachments: [MailAttachment] = []
            if let calendar = Self.calendar(meeting, stamp: now, baseURL: notifier.baseURL) {
                attachments.append(try MailAttachment.calendar(calendar, filename: "reunion.ics"))
            }
            let when = AtelierTimes.when(startsAt: meeting.startsAt, endsAt: meeting.endsAt)
            for member in try AppDatabase.groupMemberAccounts(groupId: groupId, in: db) where member.id != referent.id {
                try tell(.meetingPlanned, to: member, groupId: groupId, values: ["when": when], link: .groupMeeting(groupId, meetingId),
                         attachments: attachments, now: now, in: db)
            }
            return meetingId
        }
    }

    /// `user`, a member, takes `role` for the meeting (« Je prends ce rôle »). Taking a role one
    /// already holds changes nothing; a role someone else holds is refused.
    public func takeRole(groupId: Int64, meetingId: Int64, role: MeetingRole, user: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            _ = try Self.memberGroup(groupId: groupId, user: user, in: db)
            guard let userId = user.id, let meeting = try GroupMeeting.fetchOne(db, key: meetingId), meeting.groupId == groupId else { throw NotFound() }
            if let holder = try Int64.fetchOne(db, sql: "SELECT userId FROM meetingRole WHERE meetingId = ? AND role = ?", arguments: [meetingId, role.rawValue]) {
                if holder == userId { return }
                throw GroupRules.Refusal.roleTaken
            }
            try db.execute(sql: "INSERT INTO meetingRole (meetingId, role, userId, takenAt) VALUES (?, ?, ?, ?)",
                           arguments: [meetingId, role.rawValue, userId, now])
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: .meetingRoleTaken,
                                             target: "groupe \(groupId) réunion \(meetingId)", address: address, detail: role.label), in: db)
        }
    }

    /// Saves the meeting's notes as a new version, over the version `readVersion` the writer read
    /// (0: none yet). Returns the new version's number.
    @discardableResult
    public func saveNotes(groupId: Int64, meetingId: Int64, markdown: String, readVersion: Int, user: User, address: String) async throws -> Int {
        let now = clock()
        return try await database.write { db in
            _ = try Self.memberGroup(groupId: groupId, user: user, in: db)
            guard let meeting = try GroupMeeting.fetchOne(db, key: meetingId), meeting.groupId == groupId else { throw NotFound() }
            let current = try AppDatabase.currentNotes(meetingId: meetingId, in: db)
            if let refusal = GroupRules.notesRefusal(readVersion: readVersion, currentVersion: current?.version ?? 0) { throw refusal }
            // Saving the same text again makes no new version.
            if let current, current.bodyMarkdown == markdown { return current.version }
            var version = MeetingNotesVersion(meetingId: meetingId, version: (current?.version ?? 0) + 1, bodyMarkdown: markdown,
                                              authorUserId: user.id, createdAt: now)
            try version.insert(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .meetingNotesSaved,
                                             target: "groupe \(groupId) réunion \(meetingId)", address: address, detail: "version \(version.version)"), in: db)
            return version.version
        }
    }

    /// Adds « ce qui va être fait »: a task with its owner (a member) and its due day. The owner is
    /// told, unless they wrote it themselves.
    @discardableResult
    public func addAction(groupId: Int64, meetingId: Int64, title: String, ownerUserId: Int64, due: Day, by user: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            _ = try Self.memberGroup(groupId: groupId, user: user, in: db)
            guard let meeting = try GroupMeeting.fetchOne(db, key: meetingId), meeting.groupId == groupId else { throw NotFound() }
            guard let ownerMember = try AppDatabase.membership(groupId: groupId, userId: ownerUserId, in: db), ownerMember.status == .member,
                  let owner = try User.fetchOne(db, key: ownerUserId) else { throw GroupRules.Refusal.notMember }
            var item = ActionItem(meetingId: meetingId, title: title, ownerUserId: ownerUserId, dueDay: due.iso, createdByUserId: user.id, createdAt: now)
            try item.insert(db)
            guard let itemId = item.id else { throw NotFound() }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .actionItemAdded,
                                             target: "groupe \(groupId) action \(itemId)", address: address, detail: "pour utilisateur \(ownerUserId)"), in: db)
            if ownerUserId != user.id {
                try tell(.actionAssigned, to: owner, groupId: groupId, values: ["due": due.frenchLong], link: .account, now: now, in: db)
            }
            return itemId
        }
    }

    /// Marks an action item done (any member of its group may).
    public func completeAction(groupId: Int64, actionId: Int64, user: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            _ = try Self.memberGroup(groupId: groupId, user: user, in: db)
            guard var item = try ActionItem.fetchOne(db, key: actionId),
                  let meeting = try GroupMeeting.fetchOne(db, key: item.meetingId), meeting.groupId == groupId else { throw NotFound() }
            guard item.doneAt == nil else { return item.meetingId }
            item.doneAt = now
            try item.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .actionItemDone,
                                             target: "groupe \(groupId) action \(actionId)", address: address), in: db)
            return item.meetingId
        }
    }

    /// The meeting as an iCalendar event (UTC times from Paris time), its UID stable. Neutral: no
    /// group name, no place, no agenda; the page where they are. Nil if its times are malformed.
    public static func calendar(_ meeting: GroupMeeting, stamp: Date, baseURL: String) -> String? {
        guard let id = meeting.id, let start = AtelierRules.instant(meeting.startsAt), let end = AtelierRules.instant(meeting.endsAt) else { return nil }
        let page = SiteURL.groupMeeting(meeting.groupId, id).absolute(base: baseURL)
        let event = ICalendar.TimedEvent(
            uid: "reunion-\(id)@relais", start: start, end: max(end, start), summary: "Réunion de votre équipe d’échanges",
            description: "Réunion d’une équipe d’échanges de l’association. Le lieu ou le lien et l’ordre du jour sont sur Relais, une fois connecté\u{00A0}: \(page)",
            location: meeting.online ? "En visioconférence" : "Lieu indiqué sur Relais", url: page
        )
        return ICalendar.document([event], stamp: stamp, product: "Equipes")
    }
}
