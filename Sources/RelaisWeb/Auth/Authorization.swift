import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A redirect thrown from anywhere in a handler (sign-in required, form done).
struct Redirect: Error {
    let location: String

    var response: Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

extension RelaisRequestContext {
    /// Asks `Policy` whether the person may do `action`. Visitors are sent to sign in and come back;
    /// signed-in people without the right get a 404, as if the page did not exist.
    func require(_ action: Policy.Action, returnTo path: String) throws -> User {
        switch Policy.decide(actor, action) {
        case .allow:
            guard let user else { throw HTTPError(.notFound) }
            return user
        case .signIn:
            throw Redirect(location: SiteURL.signIn.path + "?suite=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        case .notFound:
            throw HTTPError(.notFound)
        case .enrolSecondFactor:
            throw Redirect(location: SiteURL.secondFactor.path + "?suite=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
    }

    /// Groups are for the association's people: experts get a 404 as if they did not exist, and staff
    /// without their second factor are sent to set it up first (`Policy.Action.useGroups`).
    func requireGroupMember(returnTo: SiteURL) throws -> User {
        try require(.useGroups, returnTo: returnTo.path)
    }

    /// The number in the path under `name`; a 404 when it is missing or not a number.
    func pathId(_ name: String) throws -> Int64 {
        guard let id = parameters.get(name, as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }
}

/// Only a path of this site may be a place to come back to after signing in.
func safeReturnPath(_ value: String) -> String? {
    guard value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\"), value.count <= 300,
          value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 }) else { return nil }
    return value
}
