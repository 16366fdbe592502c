import Foundation

/// Where a person stands for an atelier (`atelierRegistration.status`).
public enum AtelierRegistrationStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Has a place.
    case registered = "inscrit"
    /// On the waiting list, in the order of `createdAt`.
    case waiting = "attente"
    /// Left (by themselves); the row stays so a new registration reuses it.
    case cancelled = "annule"

    public var label: String {
        switch self {
        case .registered: "Inscrit"
        case .waiting: "Liste d’attente"
        case .cancelled: "Désinscrit"
        }
    }
}

/// The rules of registering to an atelier, as pure functions of the facts and the clock. An atelier's
/// times are Paris local text (`2026-12-03T18:30`), as staff type them.
public enum AtelierRules {
    /// Whether registrations are taken.
    public enum State: Sendable, Equatable {
        case open
        /// Staff stopped taking registrations; the waiting list still moves up.
        case closed
        /// Staff cancelled it: nothing moves any more.
        case cancelled
        /// It has started (or ended).
        case past
    }

    /// Why a registration or a cancellation is refused, in the words shown to the person.
    public enum Refusal: Error, Sendable, Equatable {
        case notMember
        case closed
        case cancelled
        case past
        case alreadyRegistered(AtelierRegistrationStatus)
        /// Cancelling on the day of the atelier.
        case sameDay
        case notRegistered

        public var message: String {
            switch self {
            case .notMember: "Les inscriptions aux ateliers sont réservées aux membres (directeurs et correspondants)."
            case .closed: "Les inscriptions à cet atelier sont closes."
            case .cancelled: "Cet atelier est annulé."
            case .past: "Cet atelier a déjà eu lieu."
            case .alreadyRegistered(.waiting): "Vous êtes déjà sur la liste d’attente de cet atelier."
            case .alreadyRegistered: "Vous êtes déjà inscrit à cet atelier."
            case .sameDay:
                "L’atelier a lieu aujourd’hui\u{00A0}: il n’est plus possible de se désinscrire en ligne. Si vous ne pouvez pas venir, prévenez l’association."
            case .notRegistered: "Vous n’êtes pas inscrit à cet atelier."
            }
        }
    }

    /// The moment `local` (Paris wall-clock time, `YYYY-MM-DDTHH:MM`) stands for; nil if malformed.
    public static func instant(_ local: String) -> Date? {
        guard FieldRules.localDateTime(local) == local, let day = Day(iso: String(local.prefix(10))),
              let hour = Int(local.dropFirst(11).prefix(2)), let minute = Int(local.suffix(2)) else { return nil }
        var components = DateComponents()
        components.year = day.year
        components.month = day.month
        components.day = day.day
        components.hour = hour
        components.minute = minute
        return Day.parisCalendar.date(from: components)
    }

    /// The Paris day of `local`.
    public static func day(_ local: String) -> Day? {
        Day(iso: String(local.prefix(10)))
    }

    public static func state(startsAt: String, closed: Bool, cancelled: Bool, now: Date) -> State {
        if cancelled { return .cancelled }
        if let start = instant(startsAt), now >= start { return .past }
        return closed ? .closed : .open
    }

    /// Members register: directors and correspondents. Staff run the ateliers and experts are outside
    /// the association.
    public static func mayRegister(_ role: Role) -> Bool {
        role == .demandeur || role == .correspondant
    }

    /// Whether someone in `role`, currently `current` (nil: never registered, or left), may register now.
    public static func registrationRefusal(role: Role, state: State, current: AtelierRegistrationStatus?) -> Refusal? {
        guard mayRegister(role) else { return .notMember }
        switch state {
        case .cancelled: return .cancelled
        case .past: return .past
        case .closed: return .closed
        case .open: break
        }
        if let current, current != .cancelled { return .alreadyRegistered(current) }
        return nil
    }

    /// A place while `registered` people hold one under `capacity` (nil: no limit), else the waiting list.
    public static func placement(capacity: Int?, registered: Int) -> AtelierRegistrationStatus {
        guard let capacity else { return .registered }
        return registered < capacity ? .registered : .waiting
    }

    /// Places left (nil: no limit).
    public static func placesLeft(capacity: Int?, registered: Int) -> Int? {
        capacity.map { max(0, $0 - registered) }
    }

    /// How many people of the waiting list move up when `registered` people hold a place.
    public static func promotions(capacity: Int?, registered: Int, waiting: Int) -> Int {
        guard let capacity else { return waiting }
        return max(0, min(waiting, capacity - registered))
    }

    /// A person with a place may leave up to the day before (Paris days); on the day itself the place is
    /// kept, since nobody could take it in time. Someone on the waiting list may leave until it starts.
    public static func cancellationRefusal(status: AtelierRegistrationStatus?, state: State, startsAt: String, now: Date) -> Refusal? {
        guard let status, status != .cancelled else { return .notRegistered }
        switch state {
        case .cancelled: return .cancelled
        case .past: return .past
        case .open, .closed: break
        }
        if status == .registered, let day = day(startsAt), Day(now) >= day { return .sameDay }
        return nil
    }

    /// The reminder goes from 48 hours before the start until it starts, once.
    public static let reminderLead: TimeInterval = 48 * 3600

    public static func reminderDue(startsAt: String, remindedAt: Date?, now: Date) -> Bool {
        guard remindedAt == nil, let start = instant(startsAt) else { return false }
        return now >= start.addingTimeInterval(-reminderLead) && now < start
    }

    /// A place given inside the reminder's window needs no reminder: its own mail came just now.
    public static func placeNeedsNoReminder(startsAt: String, now: Date) -> Bool {
        guard let start = instant(startsAt) else { return true }
        return now >= start.addingTimeInterval(-reminderLead)
    }

    /// Staff mark who came once the atelier has started.
    public static func mayMarkAttendance(startsAt: String, cancelled: Bool, now: Date) -> Bool {
        guard !cancelled, let start = instant(startsAt) else { return false }
        return now >= start
    }

    /// Attendance rate of past ateliers: those who came among those marked; nil before anyone is marked.
    public static func attendanceRate(attended: Int, marked: Int) -> Double? {
        marked == 0 ? nil : Double(attended) / Double(marked)
    }
}

/// An atelier's times in French words, the same on its page and in its mails.
public enum AtelierTimes {
    /// « le jeudi 3 décembre 2026, de 18 h 30 à 20 h ».
    public static func when(startsAt: String, endsAt: String) -> String {
        guard let day = AtelierRules.day(startsAt) else { return startsAt }
        let endDay = AtelierRules.day(endsAt)
        if let endDay, endDay != day {
            return "du \(day.frenchWeekday) \(day.frenchLong) à \(time(startsAt)) au \(endDay.frenchWeekday) \(endDay.frenchLong) à \(time(endsAt))"
        }
        return "le \(day.frenchWeekday) \(day.frenchLong), de \(time(startsAt)) à \(time(endsAt))"
    }

    /// « 14 h », « 9 h 30 » from `YYYY-MM-DDTHH:MM`.
    public static func time(_ dateTime: String) -> String {
        let clock = dateTime.split(separator: "T").last.map(String.init) ?? ""
        let parts = clock.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]) else { return clock }
        return parts[1] == "00" ? "\(hour)\u{00A0}h" : "\(hour)\u{00A0}h\u{00A0}\(parts[1])"
    }
}
