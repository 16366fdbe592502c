/// What a person is in Relais; decides what they may do (see `Policy`).
public enum Role: String, CaseIterable, Sendable, Codable, Hashable {
    case demandeur
    case correspondant
    case equipe
    case admin
    /// Someone staff vetted (a lawyer, a psychologist, a contact at a centre de gestion) who may be
    /// asked for an avis on a case, and sees only what the director agreed to share.
    case expert

    public var label: String {
        switch self {
        case .demandeur: "Directeur ou directrice"
        case .correspondant: "Correspondant"
        case .equipe: "Équipe de l’association"
        case .admin: "Administrateur"
        case .expert: "Expert"
        }
    }

    /// Staff see the back-office.
    public var isStaff: Bool { self == .equipe || self == .admin }
}

/// The post a director holds.
public enum Position: String, CaseIterable, Sendable, Codable, Hashable {
    case dgs
    case dga
    case dgst
    case autre

    public var label: String {
        switch self {
        case .dgs: "Directeur ou directrice général(e) des services (DGS)"
        case .dga: "Directeur ou directrice général(e) adjoint(e) (DGA)"
        case .dgst: "Directeur ou directrice général(e) des services techniques (DGST)"
        case .autre: "Autre emploi de direction"
        }
    }
}

/// Rules for the passwords people choose.
public enum PasswordRules {
    public static let minimumLength = 10
    /// bcrypt reads at most 72 bytes; longer passwords would silently lose their end.
    public static let maximumBytes = 72

    /// A French message saying what is wrong, or nil when the password is acceptable.
    public static func problem(with password: String, email: String) -> String? {
        if password.count < minimumLength {
            return "Choisissez un mot de passe d’au moins \(minimumLength) caractères."
        }
        if password.utf8.count > maximumBytes {
            return "Ce mot de passe est trop long (72 octets au plus, soit environ 70 caractères)."
        }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "Le mot de passe contient un caractère invisible non permis."
        }
        if password.lowercased() == email.lowercased() {
            return "Le mot de passe ne doit pas être votre adresse électronique."
        }
        return nil
    }
}

/// Limits repeated failures: five in fifteen minutes, per account and per network address.
public struct Throttle: Sendable, Equatable {
    public var limit = 5
    public var window: Double = 15 * 60

    public init() {}

    /// Seconds to wait before trying again, or nil when allowed; `failures` are the times (seconds
    /// since any fixed origin) of recent failures, in any order.
    public func waitTime(failures: [Double], now: Double) -> Double? {
        let recent = failures.filter { now - $0 < window }.sorted()
        guard recent.count >= limit else { return nil }
        // Allowed again when the oldest failure that keeps us at the limit leaves the window.
        return recent[recent.count - limit] + window - now
    }
}

extension Throttle {
    /// The wait for an attempt counted both per account (or target address) and per network
    /// address; per network address the allowance is four times wider, since several people may
    /// share a town hall's connection. Nil when allowed.
    public func waitTime(byAccount: [Double], byNetworkAddress: [Double], now: Double) -> Double? {
        var perAddress = self
        perAddress.limit = limit * 4
        return [waitTime(failures: byAccount, now: now), perAddress.waitTime(failures: byNetworkAddress, now: now)].compactMap { $0 }.max()
    }
}

/// A browser that has already signed in to an account, from its signed cookie (`relais_navigateur`):
/// its own failures are counted apart, so a guesser elsewhere cannot lock the owner out.
public struct KnownDevice: Sendable, Equatable {
    public var userId: Int64
    public var nonce: String

    public init(userId: Int64, nonce: String) {
        self.userId = userId
        self.nonce = nonce
    }
}

/// How long a signed-in session lasts, in seconds: it ends after `idle` without a request, and after `absolute`
/// in any case. The web enforces it; `relais purge` and each start clear the sessions past it.
public enum SessionLimits {
    public static let idle: Double = 12 * 3600
    public static let absolute: Double = 30 * 24 * 3600
}
