import Foundation
import HummingbirdTesting
import RelaisTestSupport
import Testing

@Suite("Health probes")
struct HealthTests {
    @Test("healthz answers JSON with the status of the database and the version")
    func healthz() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: String]
                #expect(json?["status"] == "ok")
                #expect(json?["database"] == "ok")
                #expect(json?["version"]?.isEmpty == false)
            }
        }
    }

    @Test("livez answers a plain ok")
    func livez() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/livez", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == "ok")
            }
        }
    }
}
