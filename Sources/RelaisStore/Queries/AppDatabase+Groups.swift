import Foundation
import GRDB
import RelaisCore

/// The named reads of exchange groups and the small reads their use case makes inside its
/// transactions. Every read of what is inside a group takes the reader's id and answers nil unless
/// they are a member: the check and the read are one transaction.
extension AppDatabase {
    /// A group with what lists show of it.
    public struct GroupLine: Sendable {
        public var group: ExchangeGroup
        public var regionName: String?
        public var members: Int
        /// The reader's place in it; nil when none.
        public var mine: GroupMember?
    }

    /// `/groupes`: the reader's groups (member, asked, invited) and the open groups they could ask to join.
    public struct GroupsOverview: Sendable {
        public var mine: [GroupLine]
        public var open: [GroupLine]
    }

    public func groupsOverview(userId: Int64) async throws -> GroupsOverview {
        try await reader.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT g.*, r.name AS regionName,
                  (SELECT count(*) FROM groupMember c WHERE c.groupId = g.id AND c.status = 'membre') AS memberCount,
                  m.id AS myId
                FROM exchangeGroup g LEFT JOIN region r ON r.code = g.regionCode
                LEFT JOIN groupMember m ON m.groupId = g.id AND m.userId = ?
                WHERE (g.status = 'active' AND (g.admission = 'demande' OR m.status IN ('membre', 'invite', 'demande')))
                   OR (g.status = 'proposee' AND m.status = 'membre')
                ORDER BY g.title COLLATE NOCASE
                """), arguments: [userId])
            var mine: [GroupLine] = [], open: [GroupLine] = []
            for row in rows {
                let member = try (row["myId"] as Int64?).flatMap { try GroupMember.fetchOne(db, key: $0) }
                let line = GroupLine(group: try ExchangeGroup(row: row), regionName: row["regionName"], members: row["memberCount"], mine: member)
                switch member?.status {
                case .member?, .invited?, .requested?: mine.append(line)
                case .declined?, nil: open.append(line)
                }
            }
            return GroupsOverview(mine: mine, open: open)
        }
    }

    /// One person of a group, as its members and staff see them.
    public struct GroupPerson: Sendable {
        public var member: GroupMember
        public var name: String
        public var email: String
        public var role: Role
    }

    /// A meeting in a group's list.
    public struct MeetingLine: Sendable {
        public var meeting: GroupMeeting
        public var notesVersion: Int
    }

    /// `/groupes/{id}`: the group, its people and its meetings; nil unless `userId` is a member.
    public struct GroupSpace: Sendable {
        public var group: ExchangeGroup
        public var regionName: String?
        public var people: [GroupPerson]
        public var meetings: [MeetingLine]
        public var me: GroupMember
    }

    public func groupSpace(groupId: Int64, userId: Int64) async throws -> GroupSpace? {
        try await reader.read { db in
            guard let me = try Self.membership(groupId: groupId, userId: userId, in: db), me.status == .member,
                  let group = try ExchangeGroup.fetchOne(db, key: groupId) else { return nil }
            let meetings = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT m.*, coalesce((SELECT max(version) FROM meetingNotesVersion v WHERE v.meetingId = m.id), 0) AS notesVersion
                FROM groupMeeting m WHERE m.groupId = ? ORDER BY m.startsAt DESC
                """), arguments: [groupId]).map { MeetingLine(meeting: try GroupMeeting(row: $0), notesVersion: $0["notesVersion"]) }
            return GroupSpace(group: group, regionName: try Self.regionName(group.regionCode, in: db), people: try Self.groupPeople(groupId: groupId, in: db),
                              meetings: meetings, me: me)
        }
    }

    /// A version of the notes, in the list of versions.
    public struct NotesVersionLine: Sendable {
        public var version: Int
        public var authorName: String?
        public var createdAt: Date
    }

    /// An action item with its owner's name.
    public struct ActionLine: Sendable {
        public var item: ActionItem
        public var ownerName: String
    }

    /// `/groupes/{id}/reunions/{m}`; nil unless `userId` is a member and the meeting is the group's.
    public struct MeetingPage: Sendable {
        public var group: ExchangeGroup
        public var meeting: GroupMeeting
        public var people: [GroupPerson]
        /// Who holds each role taken.
        public var roles: [MeetingRole: GroupPerson]
        /// The current notes (the last version); nil before any.
        public var notes: MeetingNotesVersion?
        public var versions: [NotesVersionLine]
        public var actions: [ActionLine]
        public var me: GroupMember
    }

    public func meetingPage(groupId: Int64, meetingId: Int64, userId: Int64) async throws -> MeetingPage? {
        try await reader.read { db in
            guard let me = try Self.membership(groupId: groupId, userId: userId, in: db), me.status == .member,
                  let group = try ExchangeGroup.fetchOne(db, key: groupId),
                  let meeting = try GroupMeeting.fetchOne(db, key: meetingId), meeting.groupId == groupId else { return nil }
            let people = try Self.groupPeople(groupId: groupId, in: db)
            var roles: [MeetingRole: GroupPerson] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT role, userId FROM meetingRole WHERE meetingId = ?"), arguments: [meetingId]) {
                let holder: Int64 = row["userId"]
                guard let role = MeetingRole(rawValue: row["role"]), let person = people.first(where: { $0.member.userId == holder }) else { continue }
                roles[role] = person
            }
            let versions = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT v.version, v.createdAt, u.name AS authorName FROM meetingNotesVersion v LEFT JOIN user u ON u.id = v.authorUserId
                WHERE v.meetingId = ? ORDER BY v.version DESC
                """), arguments: [meetingId]).map { NotesVersionLine(version: $0["version"], authorName: $0["authorName"], createdAt: $0["createdAt"]) }
            let actions = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.*, u.name AS ownerName FROM actionItem a JOIN user u ON u.id = a.ownerUserId
                WHERE a.meetingId = ? ORDER BY a.doneAt IS NOT NULL, a.dueDay, a.id
                """), arguments: [meetingId]).map { ActionLine(item: try ActionItem(row: $0), ownerName: $0["ownerName"]) }
            return MeetingPage(group: group, meeting: meeting, people: people, roles: roles, notes: try Self.currentNotes(meetingId: meetingId, in: db),
                               versions: versions, actions: actions, me: me)
        }
    }

    /// One version of a meeting's notes; nil unless `userId` is a member of the meeting's group.
    public func notesVersion(groupId: Int64, meetingId: Int64, version: Int, userId: Int64) async throws -> (GroupMeeting, MeetingNotesVersion, String?)? {
        try await reader.read { db in
            guard let me = try Self.membership(groupId: groupId, userId: userId, in: db), me.status == .member,
                  let meeting = try GroupMeeting.fetchOne(db, key: meetingId), meeting.groupId == groupId,
                  let notes = try MeetingNotesVersion.fetchOne(db.cachedStatement(sql: "SELECT * FROM meetingNotesVersion WHERE meetingId = ? AND version = ?"),
                                                               arguments: [meetingId, version]) else { return nil }
            let author = try notes.authorUserId.flatMap { try String.fetchOne(db, sql: "SELECT name FROM user WHERE id = ?", arguments: [$0]) }
            return (meeting, notes, author)
        }
    }

    /// An action item on its owner's page: the task, the group and the meeting it comes from.
    public struct MyAction: Sendable {
        public var item: ActionItem
        public var groupId: Int64
        public var groupTitle: String
    }

    /// The open action items `userId` owns, in groups they are still a member of, soonest due first.
    public func myActions(userId: Int64) async throws -> [MyAction] {
        try await reader.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.*, g.id AS groupId, g.title AS groupTitle FROM actionItem a
                JOIN groupMeeting m ON m.id = a.meetingId JOIN exchangeGroup g ON g.id = m.groupId
                JOIN groupMember gm ON gm.groupId = g.id AND gm.userId = a.ownerUserId AND gm.status = 'membre'
                WHERE a.ownerUserId = ? AND a.doneAt IS NULL ORDER BY a.dueDay, a.id
                """), arguments: [userId]).map { MyAction(item: try ActionItem(row: $0), groupId: $0["groupId"], groupTitle: $0["groupTitle"]) }
        }
    }

    /// Whether the member reads a weekly digest instead of one mail per event.
    public func groupDigest(userId: Int64) async throws -> Bool {
        try await reader.read { db in try Self.groupDigest(userId: userId, in: db) }
    }

    public static func groupDigest(userId: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT digest FROM groupMailSetting WHERE userId = ?"), arguments: [userId]) ?? false
    }

    // MARK: Staff

    /// Every group for the moderation list: proposals first, then by title.
    public func groupsForStaff() async throws -> [GroupLine] {
        try await reader.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT g.*, r.name AS regionName,
                  (SELECT count(*) FROM groupMember c WHERE c.groupId = g.id AND c.status = 'membre') AS memberCount
                FROM exchangeGroup g LEFT JOIN region r ON r.code = g.regionCode
                ORDER BY CASE g.status WHEN 'proposee' THEN 0 WHEN 'active' THEN 1 ELSE 2 END, g.title COLLATE NOCASE
                """)).map { GroupLine(group: try ExchangeGroup(row: $0), regionName: $0["regionName"], members: $0["memberCount"], mine: nil) }
        }
    }

    /// The moderation view of a group: that it exists and who is in it (never its meetings or notes).
    public func groupForStaff(id: Int64) async throws -> (ExchangeGroup, String?, [GroupPerson])? {
        try await reader.read { db in
            guard let group = try ExchangeGroup.fetchOne(db, key: id) else { return nil }
            return (group, try Self.regionName(group.regionCode, in: db), try Self.groupPeople(groupId: id, in: db))
        }
    }

    // MARK: Pieces, for the use cases' transactions

    public static func membership(groupId: Int64, userId: Int64, in db: Database) throws -> GroupMember? {
        try GroupMember.fetchOne(db.cachedStatement(sql: "SELECT * FROM groupMember WHERE groupId = ? AND userId = ?"), arguments: [groupId, userId])
    }

    public static func memberCount(groupId: Int64, in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM groupMember WHERE groupId = ? AND status = 'membre'"), arguments: [groupId]) ?? 0
    }

    /// Everyone with a row in the group (members first, référents first among them), with their account.
    public static func groupPeople(groupId: Int64, in db: Database) throws -> [GroupPerson] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT m.*, u.name AS userName, u.email AS userEmail, u.role AS userRole FROM groupMember m JOIN user u ON u.id = m.userId
            WHERE m.groupId = ?
            ORDER BY CASE m.status WHEN 'membre' THEN 0 WHEN 'demande' THEN 1 WHEN 'invite' THEN 2 ELSE 3 END, m.referent DESC, u.name COLLATE NOCASE
            """), arguments: [groupId]).map {
            GroupPerson(member: try GroupMember(row: $0), name: $0["userName"], email: $0["userEmail"], role: Role(rawValue: $0["userRole"]) ?? .demandeur)
        }
    }

    /// The accounts of the group's members (`referentsOnly`: its référents).
    public static func groupMemberAccounts(groupId: Int64, referentsOnly: Bool = false, in db: Database) throws -> [User] {
        try User.fetchAll(db, sql: """
            SELECT u.* FROM user u JOIN groupMember m ON m.userId = u.id
            WHERE m.groupId = ? AND m.status = 'membre' AND (m.referent OR NOT ?) ORDER BY u.id
            """, arguments: [groupId, referentsOnly])
    }

    public static func currentNotes(meetingId: Int64, in db: Database) throws -> MeetingNotesVersion? {
        try MeetingNotesVersion.fetchOne(db.cachedStatement(sql: "SELECT * FROM meetingNotesVersion WHERE meetingId = ? ORDER BY version DESC LIMIT 1"),
                                         arguments: [meetingId])
    }

    static func regionName(_ code: String?, in db: Database) throws -> String? {
        guard let code else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM region WHERE code = ?"), arguments: [code])
    }

    public static func userAccount(email: String, in db: Database) throws -> User? {
        try user(email: email, in: db)
    }

    // MARK: Digest

    /// Records that `userId` has something new in `groupId`, for their next digest.
    public static func addDigestItem(userId: Int64, groupId: Int64?, kind: MailKind, at date: Date, in db: Database) throws {
        try db.execute(sql: "INSERT INTO groupDigestItem (userId, groupId, kind, createdAt) VALUES (?, ?, ?, ?)",
                       arguments: [userId, groupId, kind.rawValue, date])
    }

    /// People with something waiting for their digest: the count by kind, and when their last digest went.
    public struct DigestDue: Sendable {
        public var userId: Int64
        public var counts: [String: Int]
        public var groups: Int
        public var lastDigestAt: Date?
    }

    public static func pendingDigests(in db: Database) throws -> [DigestDue] {
        var byUser: [Int64: DigestDue] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT d.userId, d.kind, count(*) AS n, s.lastDigestAt,
              (SELECT count(DISTINCT e.groupId) FROM groupDigestItem e WHERE e.userId = d.userId) AS groups
            FROM groupDigestItem d LEFT JOIN groupMailSetting s ON s.userId = d.userId
            GROUP BY d.userId, d.kind ORDER BY d.userId
            """) {
            let userId: Int64 = row["userId"]
            var due = byUser[userId] ?? DigestDue(userId: userId, counts: [:], groups: row["groups"], lastDigestAt: row["lastDigestAt"])
            due.counts[row["kind"]] = row["n"]
            byUser[userId] = due
        }
        return byUser.values.sorted { $0.userId < $1.userId }
    }

    /// The digest went: its items are done, and the date is kept for the next one.
    public static func digestSent(userId: Int64, at date: Date, in db: Database) throws {
        try db.execute(sql: "DELETE FROM groupDigestItem WHERE userId = ?", arguments: [userId])
        try db.execute(sql: """
            INSERT INTO groupMailSetting (userId, digest, lastDigestAt) VALUES (?, 1, ?)
            ON CONFLICT(userId) DO UPDATE SET lastDigestAt = excluded.lastDigestAt
            """, arguments: [userId, date])
    }

    public static func setGroupDigest(userId: Int64, digest: Bool, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO groupMailSetting (userId, digest) VALUES (?, ?) ON CONFLICT(userId) DO UPDATE SET digest = excluded.digest
            """, arguments: [userId, digest])
    }

    // MARK: Figures

    /// The dashboard's group figures: groups alive, proposals waiting, meetings held (started, not cancelled).
    public struct GroupFigures: Sendable, Equatable {
        public var active: Int
        public var proposed: Int
        public var meetingsHeld: Int

        public init(active: Int = 0, proposed: Int = 0, meetingsHeld: Int = 0) {
            self.active = active
            self.proposed = proposed
            self.meetingsHeld = meetingsHeld
        }
    }

    /// `nowLocal`: Paris wall-clock text (`GroupRules.parisLocalText`).
    public static func groupFigures(nowLocal: String, in db: Database) throws -> GroupFigures {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT count(*) FROM exchangeGroup WHERE status = 'active') AS active,
                   (SELECT count(*) FROM exchangeGroup WHERE status = 'proposee') AS proposed,
                   (SELECT count(*) FROM groupMeeting m JOIN exchangeGroup g ON g.id = m.groupId
                    WHERE m.cancelledAt IS NULL AND m.startsAt <= ?) AS held
            """), arguments: [nowLocal])
        return GroupFigures(active: row?["active"] ?? 0, proposed: row?["proposed"] ?? 0, meetingsHeld: row?["held"] ?? 0)
    }
}

extension AppDatabase {
    /// What the person's exchange groups hold of them, for their data export: their places, the
    /// notes they wrote (each version), the action items they own.
    public struct GroupData: Sendable {
        public var memberships: [(group: ExchangeGroup, member: GroupMember)]
        public var notes: [(meeting: GroupMeeting, version: MeetingNotesVersion)]
        public var actions: [ActionItem]
    }

    public func groupData(userId: Int64) async throws -> GroupData {
        try await reader.read { db in
            let memberships = try GroupMember.fetchAll(db, sql: "SELECT * FROM groupMember WHERE userId = ? ORDER BY createdAt", arguments: [userId])
                .compactMap { member in try ExchangeGroup.fetchOne(db, key: member.groupId).map { (group: $0, member: member) } }
            let notes = try MeetingNotesVersion.fetchAll(db, sql: "SELECT * FROM meetingNotesVersion WHERE authorUserId = ? ORDER BY createdAt",
                                                         arguments: [userId])
                .compactMap { version in try GroupMeeting.fetchOne(db, key: version.meetingId).map { (meeting: $0, version: version) } }
            let actions = try ActionItem.fetchAll(db, sql: "SELECT * FROM actionItem WHERE ownerUserId = ? ORDER BY dueDay", arguments: [userId])
            return GroupData(memberships: memberships, notes: notes, actions: actions)
        }
    }
}
