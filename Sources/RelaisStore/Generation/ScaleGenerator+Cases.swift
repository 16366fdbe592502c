import Foundation
import GRDB
import RelaisCore

/// Cases over five years, planned in memory first (statuses, assignments within capacity, timeline,
/// message times), then written: cases in opening order, events and messages in time order, as a
/// live database would have received them.
extension ScaleGenerator {
    static let urgencies = ["decision-annoncee", "date-fixee", "decision-prise", "inquietude"]
    /// Cases closed before this long ago were anonymised by `relais purge` (its default period).
    static let retention: TimeInterval = 3 * 365 * 86_400

    struct PlannedCase {
        var director: Int
        var departement: String
        var axes: [Axis]
        var createdAt: Date
        var openedAt: Date?
        var status: CaseStatus = .nouvelle
        var outcome: CaseOutcome?
        var assignee: Int?
        var assignedAt: Date?
        var acceptedAt: Date?
        var waitingSince: Date?
        var reminderSentAt: Date?
        var escalatedAt: Date?
        var closedAt: Date?
        var lastActivityAt: Date
        var anonymised = false
    }

    struct PlannedEvent {
        var caseIndex: Int
        var at: Date
        var kind: CaseEventKind
        var actor: Int64?
        var role: CaseActorRole
        var from: CaseStatus?
        var to: CaseStatus?
        var correspondent: Int?
        var reason: String
    }

    struct PlannedMessage {
        var caseIndex: Int32
        var fromDirector: Bool
        var at: Double
    }

    /// Where each correspondent can be found by the département and the région they cover.
    struct NetworkIndex {
        var byDepartement: [String: [Int]] = [:]
        var byRegion: [String: [Int]] = [:]

        init(_ members: [NetworkMember], territory: Territory) {
            for (index, member) in members.enumerated() {
                var regions = Set<String>()
                for code in member.departements {
                    byDepartement[code, default: []].append(index)
                    if let region = territory.regionOf[code] { regions.insert(region) }
                }
                for region in regions { byRegion[region, default: []].append(index) }
            }
        }
    }

    /// A correspondent for a case in `departement` handling one of `axes`: the département first,
    /// then the région, then anyone. `now` asks for someone available under capacity (an active case);
    /// otherwise anyone who covered the place will do (a case of the past).
    func chooseAssignee(departement: String, axes: [Axis], now: Bool, members: [NetworkMember], index: NetworkIndex,
                        territory: Territory, random: inout SeededRandom) -> Int? {
        func fits(_ i: Int) -> Bool {
            let m = members[i]
            return !m.axes.isDisjoint(with: axes) && (!now || (m.available && m.load < m.capacity))
        }
        for pool in [index.byDepartement[departement] ?? [], index.byRegion[territory.regionOf[departement] ?? ""] ?? []] {
            let eligible = pool.filter(fits)
            if !eligible.isEmpty { return random.pick(eligible) }
        }
        guard !members.isEmpty else { return nil }
        for _ in 0..<64 {
            let i = random.int(0...(members.count - 1))
            if fits(i) { return i }
        }
        return nil
    }

    func addCases(territory: Territory, correspondents members: inout [NetworkMember], directors: [Director],
                  random: inout SeededRandom, in db: Database) throws -> [(table: String, count: Int)] {
        let index = NetworkIndex(members, territory: territory)
        let hour = 3600.0, day = 86_400.0
        var agos = (0..<sizes.cases).map { _ in random.unit() * 5 * 365 * day + hour }
        agos.sort(by: >)
        var plans: [PlannedCase] = []
        plans.reserveCapacity(agos.count)
        var events: [PlannedEvent] = []
        events.reserveCapacity(agos.count * 5)

        for (caseIndex, ago) in agos.enumerated() {
            let opened = now.addingTimeInterval(-ago)
            let ageDays = ago / day
            let director = random.int(0...(directors.count - 1))
            let departement = random.chance(0.9) ? directors[director].departement : random.pick(territory.departements)
            var axes: Set<Axis> = random.chance(0.8) ? [.solidarite] : []
            while axes.count < random.int(1...3) { axes.insert(random.pick(Axis.allCases)) }
            var plan = PlannedCase(director: director, departement: departement, axes: Axis.allCases.filter(axes.contains),
                                   createdAt: opened.addingTimeInterval(-Double(random.int(60...1800))), lastActivityAt: opened)
            // A few recent cases still wait for their author's address confirmation: no reference yet.
            if ageDays < 6, random.chance(0.05) {
                plan.createdAt = opened
                plans.append(plan)
                continue
            }
            plan.openedAt = opened
            func event(_ at: Date, _ kind: CaseEventKind, _ actor: Int64?, _ role: CaseActorRole, _ from: CaseStatus?, _ to: CaseStatus?,
                       _ correspondent: Int? = nil, _ reason: String = "") {
                events.append(PlannedEvent(caseIndex: caseIndex, at: at, kind: kind, actor: actor, role: role, from: from, to: to,
                                           correspondent: correspondent, reason: reason))
                plan.lastActivityAt = max(plan.lastActivityAt, at)
            }
            let directorId = directors[director].userId
            event(opened, .opened, directorId, .director, nil, .nouvelle)

            var wanted: CaseStatus
            let u = random.unit()
            if ageDays >= 180 {
                wanted = .close
            } else if ageDays >= 30 {
                wanted = u < 0.75 ? .close : u < 0.95 ? .priseEnCharge : .enAttente
            } else {
                wanted = u < 0.10 ? .close : u < 0.15 ? .nouvelle : u < 0.35 ? (ageDays < 5 ? .attribuee : .priseEnCharge)
                    : u < 0.80 ? .priseEnCharge : .enAttente
            }
            var assignee: Int?
            if wanted != .nouvelle {
                let active = wanted != .close
                assignee = chooseAssignee(departement: departement, axes: plan.axes, now: active, members: members, index: index,
                                          territory: territory, random: &random)
                if assignee == nil, active {
                    // Nobody can take it now: a recent case waits in the staff queue, an older one was given up.
                    wanted = ageDays < 30 ? .nouvelle : .close
                    if wanted == .close {
                        assignee = chooseAssignee(departement: departement, axes: plan.axes, now: false, members: members, index: index,
                                                  territory: territory, random: &random)
                    }
                }
            }
            plan.assignedAt = opened
            guard wanted != .nouvelle, let first = assignee else {
                event(opened, .queued, nil, .system, nil, nil, nil,
                      "Aucun correspondant disponible : la demande attend dans la file de l’équipe.")
                if ago > 48 * hour {
                    plan.escalatedAt = opened.addingTimeInterval(48 * hour)
                    event(plan.escalatedAt!, .late, nil, .system, nil, nil, nil,
                          "Pas de prise en charge dans le délai : l’équipe de l’association est alertée.")
                }
                plans.append(plan)
                continue
            }
            var holder = first
            event(opened, .assigned, nil, .system, .nouvelle, .attribuee, holder, "Correspondant du département.")
            // A past case was sometimes declined once before someone else took it.
            if wanted == .close, ageDays > 30, random.chance(0.05),
               let second = chooseAssignee(departement: departement, axes: plan.axes, now: false, members: members, index: index,
                                           territory: territory, random: &random), second != holder {
                let declined = opened.addingTimeInterval(Double(random.int(2...40)) * hour)
                event(declined, .declined, members[holder].userId, .assignee, .attribuee, .nouvelle, holder, "Je connais personnellement l’employeur.")
                event(declined, .assigned, nil, .system, .nouvelle, .attribuee, second, "Correspondant du département.")
                holder = second
                plan.assignedAt = declined
            }
            plan.assignee = holder
            let holderUser = members[holder].userId
            let assignedAt = plan.assignedAt!
            plan.status = .attribuee
            if wanted == .attribuee {
                if now.timeIntervalSince(assignedAt) > 48 * hour {
                    plan.escalatedAt = assignedAt.addingTimeInterval(48 * hour)
                    event(plan.escalatedAt!, .late, nil, .system, nil, nil, holder,
                          "Pas de prise en charge dans le délai : l’équipe de l’association est alertée.")
                }
                members[holder].load += 1
                plans.append(plan)
                continue
            }
            let room = now.timeIntervalSince(assignedAt)
            let accepted = assignedAt.addingTimeInterval(min(Double(random.int(1...40)) * hour, room * 0.3))
            let withdrawnEarly = wanted == .close && random.chance(0.05)
            if !withdrawnEarly {
                plan.acceptedAt = accepted
                plan.status = .priseEnCharge
                event(accepted, .accepted, holderUser, .assignee, .attribuee, .priseEnCharge, holder)
            }
            switch wanted {
            case .priseEnCharge:
                members[holder].load += 1
            case .enAttente:
                let since = accepted.addingTimeInterval(now.timeIntervalSince(accepted) * random.unit() * 0.9)
                plan.waitingSince = since
                plan.status = .enAttente
                event(since, .waiting, holderUser, .assignee, .priseEnCharge, .enAttente, holder)
                if now.timeIntervalSince(since) > 30 * day {
                    plan.reminderSentAt = since.addingTimeInterval(30 * day)
                    event(plan.reminderSentAt!, .reminded, nil, .system, nil, nil, nil, "Rappel envoyé au directeur.")
                }
                members[holder].load += 1
            default:
                let closed = min(accepted.addingTimeInterval(Double(random.int(2...150)) * day), now.addingTimeInterval(-60))
                if !withdrawnEarly, random.chance(0.3) {
                    let wait = accepted.addingTimeInterval(closed.timeIntervalSince(accepted) * 0.3)
                    let resume = accepted.addingTimeInterval(closed.timeIntervalSince(accepted) * 0.6)
                    event(wait, .waiting, holderUser, .assignee, .priseEnCharge, .enAttente, holder)
                    event(resume, .resumed, directorId, .director, .enAttente, .priseEnCharge, holder, "Le directeur a répondu.")
                }
                let outcome: CaseOutcome = withdrawnEarly ? .retiree : random.chance(0.75) ? .resolue : random.chance(0.6) ? .sansSuite : .retiree
                if outcome == .retiree {
                    event(closed, .withdrawn, directorId, .director, plan.status, .close, holder)
                } else {
                    event(closed, .closed, holderUser, .assignee, plan.status, .close, holder, "Issue : \(outcome.label.lowercased()).")
                }
                plan.status = .close
                plan.outcome = outcome
                plan.closedAt = closed
                plan.anonymised = closed < now.addingTimeInterval(-Self.retention)
            }
            plans.append(plan)
        }

        let messages = planMessages(plans, random: &random)
        for message in messages {
            let i = Int(message.caseIndex)
            plans[i].lastActivityAt = max(plans[i].lastActivityAt, Date(timeIntervalSince1970: message.at))
        }
        let caseIds = try writeCases(plans, directors: directors, members: members, random: &random, in: db)
        let eventCount = try writeEvents(events, plans: plans, caseIds: caseIds, members: members, in: db)
        try writeMessages(messages, plans: plans, caseIds: caseIds, directors: directors, members: members, random: &random, in: db)
        let notes = try writeNotes(plans, caseIds: caseIds, members: members, random: &random, in: db)
        let open = plans.filter { $0.openedAt != nil && $0.status.isOpen }.count
        return [("caseFile", plans.count), ("  of which open", open), ("  of which anonymised", plans.filter(\.anonymised).count),
                ("caseEvent", eventCount), ("caseMessage", messages.count), ("caseNote", notes)]
    }

    /// Spreads `sizes.messages` over the cases a correspondent accepted and that were not anonymised,
    /// some threads much longer than others, each message between acceptance and closure (or now).
    func planMessages(_ plans: [PlannedCase], random: inout SeededRandom) -> [PlannedMessage] {
        let threads = plans.indices.filter { plans[$0].acceptedAt != nil && !plans[$0].anonymised }
        guard !threads.isEmpty, sizes.messages > 0 else { return [] }
        let weights = threads.map { _ in 0.2 + 2 * random.unit() * random.unit() }
        let total = weights.reduce(0, +)
        var counts = weights.map { Int(Double(sizes.messages) * $0 / total) }
        var missing = sizes.messages - counts.reduce(0, +)
        while missing > 0 {
            counts[random.int(0...(counts.count - 1))] += 1
            missing -= 1
        }
        var messages: [PlannedMessage] = []
        messages.reserveCapacity(sizes.messages)
        for (slot, caseIndex) in threads.enumerated() {
            let plan = plans[caseIndex]
            let start = plan.acceptedAt!.timeIntervalSince1970
            let end = (plan.closedAt ?? now).timeIntervalSince1970
            for _ in 0..<counts[slot] {
                messages.append(PlannedMessage(caseIndex: Int32(caseIndex), fromDirector: random.chance(0.5),
                                               at: start + (end - start) * random.unit()))
            }
        }
        messages.sort { $0.at < $1.at }
        return messages
    }

    func writeCases(_ plans: [PlannedCase], directors: [Director], members: [NetworkMember], random: inout SeededRandom,
                    in db: Database) throws -> [Int64] {
        var sequences: [Int: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT year, max(sequence) AS last FROM caseFile WHERE year IS NOT NULL GROUP BY year") {
            sequences[row["year"]] = row["last"]
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO caseFile (year, sequence, reference, directorId, situationSlug, departementCode, employerCode, employerName, narrative,
                                  urgency, notificationEmail, phone, callTimes, outsideDepartement, status, outcome, assigneeId, submissionToken,
                                  createdAt, openedAt, assignedAt, acceptedAt, waitingSince, reminderSentAt, escalatedAt, closedAt,
                                  lastActivityAt, anonymisedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertAxis = try db.cachedStatement(sql: "INSERT INTO caseAxis (caseId, axis) VALUES (?, ?)")
        let situations = try String.fetchAll(db, sql: "SELECT slug FROM situation ORDER BY position")
        var ids: [Int64] = []
        ids.reserveCapacity(plans.count)
        for (index, plan) in plans.enumerated() {
            var reference: CaseReference?
            if let opened = plan.openedAt {
                let year = Day(opened).year
                let sequence = (sequences[year] ?? 0) + 1
                sequences[year] = sequence
                reference = CaseReference(year: year, sequence: sequence)
            }
            let director = directors[plan.director]
            let anonymised = plan.anonymised
            let narrative = anonymised ? "" : ([random.pick(Text.narrativeOpenings)] + (0..<random.int(1...3)).map { _ in random.pick(Text.messageMiddles) })
                .joined(separator: " ")
            func stored(_ date: Date?) -> String? { date.map(StoredDate.text) }
            try insert.execute(arguments: [
                reference?.year, reference?.sequence, reference?.description, anonymised ? nil : director.userId, random.pick(situations),
                plan.departement, anonymised ? nil : director.employerCode, "", narrative, random.pick(Self.urgencies),
                anonymised ? "" : director.email, anonymised || random.chance(0.5) ? "" : "06 12 34 56 78",
                anonymised || random.chance(0.5) ? "" : "En fin de journée", random.chance(0.08), plan.status.rawValue, plan.outcome?.rawValue,
                plan.assignee.map { members[$0].id }, "genere-\(index + 1)", stored(plan.createdAt), stored(plan.openedAt),
                stored(plan.openedAt == nil ? nil : plan.assignedAt), stored(plan.acceptedAt), stored(plan.waitingSince),
                stored(plan.reminderSentAt), stored(plan.escalatedAt), stored(plan.closedAt), stored(plan.lastActivityAt),
                stored(anonymised ? plan.closedAt.map { $0.addingTimeInterval(Self.retention) } : nil),
            ])
            let id = db.lastInsertedRowID
            ids.append(id)
            for axis in plan.axes { try insertAxis.execute(arguments: [id, axis.rawValue]) }
        }
        return ids
    }

    func writeEvents(_ events: [PlannedEvent], plans: [PlannedCase], caseIds: [Int64], members: [NetworkMember], in db: Database) throws -> Int {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO caseEvent (caseId, at, kind, actorUserId, actorRole, fromStatus, toStatus, correspondentId, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // Stable: the events of one case at the same instant keep their order (attribution after opening).
        let ordered = events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        for (_, event) in ordered {
            let anonymised = plans[event.caseIndex].anonymised
            try insert.execute(arguments: [
                caseIds[event.caseIndex], StoredDate.text(event.at), event.kind.rawValue, anonymised && event.role == .director ? nil : event.actor,
                event.role.rawValue, event.from?.rawValue, event.to?.rawValue, event.correspondent.map { members[$0].id },
                anonymised ? "" : event.reason,
            ])
        }
        return events.count
    }

    func writeMessages(_ messages: [PlannedMessage], plans: [PlannedCase], caseIds: [Int64], directors: [Director], members: [NetworkMember],
                       random: inout SeededRandom, in db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO caseMessage (caseId, at, authorUserId, authorRole, body) VALUES (?, ?, ?, ?, ?)")
        for message in messages {
            let plan = plans[Int(message.caseIndex)]
            let author = message.fromDirector ? directors[plan.director].userId : members[plan.assignee!].userId
            var body = random.pick(Text.messageOpenings) + "\n\n" + random.pick(Text.messageMiddles)
            if random.chance(0.5) { body += " " + random.pick(Text.messageMiddles) }
            body += "\n\n" + random.pick(Text.messageEndings)
            try insert.execute(arguments: [caseIds[Int(message.caseIndex)], StoredDate.text(Date(timeIntervalSince1970: message.at)), author,
                                           message.fromDirector ? CaseActorRole.director.rawValue : CaseActorRole.assignee.rawValue, body])
        }
    }

    /// Private notes of the correspondent on about four accepted cases in ten.
    func writeNotes(_ plans: [PlannedCase], caseIds: [Int64], members: [NetworkMember], random: inout SeededRandom, in db: Database) throws -> Int {
        let insert = try db.cachedStatement(sql: "INSERT INTO caseNote (caseId, at, authorUserId, authorName, body) VALUES (?, ?, ?, ?, ?)")
        var count = 0
        for (index, plan) in plans.enumerated() where !plan.anonymised && plan.acceptedAt != nil && random.chance(0.4) {
            let member = members[plan.assignee!]
            for _ in 0..<random.int(1...2) {
                let end = (plan.closedAt ?? now).timeIntervalSince1970, start = plan.acceptedAt!.timeIntervalSince1970
                try insert.execute(arguments: [caseIds[index], StoredDate.text(Date(timeIntervalSince1970: start + (end - start) * random.unit())),
                                               member.userId, member.fullName, random.pick(Text.messageMiddles) + " " + random.pick(Text.advice)])
                count += 1
            }
        }
        return count
    }
}
