import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The correspondent's desk. Cases arrive with the cases work; for now it shows what routing will
/// read: the départements covered, the axes, the capacity and the availability.
struct DeskController: Sendable {
    let database: AppDatabase
    let renderer: PageRenderer
    let config: AppConfig
    let clock: @Sendable () -> Date

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.correspondentDesk, use: show)
    }

    struct DeskPage: Sendable {
        let layout: LayoutModel
        let name: String
        let linked: Bool
        let position: String?
        let departements: [String]
        let axes: [String]
        let capacity: Int?
        let absentUntil: String?
        let available: Bool
    }

    /// The desk of the signed-in correspondent.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useCorrespondentDesk, returnTo: SiteURL.correspondentDesk.path)
        let profile = try await user.correspondentId.asyncMap { try await database.correspondentProfile(id: $0) } ?? nil
        let today = Day(clock())
        let absentUntil = profile?.0.absentUntil.flatMap { $0 >= today ? $0 : nil }
        let page = DeskPage(
            layout: LayoutModel(title: "Mon espace correspondant", section: .desk, config: config, context: context),
            name: user.name,
            linked: profile != nil,
            position: profile?.0.position,
            departements: profile?.1.map { "\($0.code) — \($0.name)" } ?? [],
            axes: profile?.2.map(\.label) ?? [],
            capacity: profile?.0.capacity,
            absentUntil: absentUntil?.frenchLong,
            available: profile != nil && absentUntil == nil
        )
        return renderer.page(page, .desk)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
