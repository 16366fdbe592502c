import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

extension SecondFactorController {

    func page(_ context: RelaisRequestContext, user: User, returnTo: String, notice: String? = nil, errors: FormErrors = FormErrors(),
              status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let id = user.id else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let state = try await secondFactor.status(userId: id)
        let devices = try await trustedDevices.list(userId: id)
        let page = SecondFactorPage(user, state: state, devices: devices, returnTo: returnTo, notice: notice, errors: errors,
                                    csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }
}
