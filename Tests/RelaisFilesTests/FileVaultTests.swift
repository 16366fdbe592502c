import Foundation
import RelaisCore
import Testing
@testable import RelaisFiles

@Suite struct FileVaultTests {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("relais-vault-\(UUID().uuidString)")
    let key = FilesMasterKey(text: FilesMasterKey.randomText())!

    func store(_ bytes: [UInt8], in vault: FileVault, pieces: Int = 7) throws -> SealedFile {
        let staged = try vault.stage()
        var offset = 0
        // Uneven pieces, as a network delivers them.
        while offset < bytes.count {
            let end = min(bytes.count, offset + max(1, bytes.count / pieces + 13))
            try bytes[offset..<end].withUnsafeBytes { try staged.write($0) }
            offset = end
        }
        let sealed = try staged.finish()
        try vault.install(sealed)
        return sealed
    }

    @Test(arguments: [1, 100, FileVault.chunkSize - 1, FileVault.chunkSize, FileVault.chunkSize + 1, 3 * FileVault.chunkSize, 200_003])
    func roundTrip(size: Int) throws {
        let vault = try FileVault(directory: folder, masterKey: key)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        // MUT
        let sealed = try store(bytes, in: vault)
        // validate
        #expect(sealed.size == size)
        #expect(try vault.readAll(sealed.storageName, wrappedKey: sealed.wrappedKey) == bytes)
        let onDisk = try [UInt8](Data(contentsOf: vault.path(of: sealed.storageName)))
        #expect(onDisk.count == FileVault.headerSize + size + 16 * (size / FileVault.chunkSize + (size % FileVault.chunkSize == 0 ? 0 : 1)))
        if size >= 100 {
            // The plaintext appears nowhere on disk.
            #expect(Data(onDisk).range(of: Data(bytes.prefix(64))) == nil)
        }
    }

    @Test func aFlippedByteOrATruncationIsRefused() throws {
        let vault = try FileVault(directory: folder, masterKey: key)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = [UInt8](repeating: 65, count: 150_000)
        let sealed = try store(bytes, in: vault)
        let path = vault.path(of: sealed.storageName)
        let original = try Data(contentsOf: path)
        for position in [3, 40, 70_000, original.count - 1] {
            var changed = original
            changed[position] ^= 0x01
            try changed.write(to: path)
            #expect(throws: FileVaultError.damaged(sealed.storageName)) { try vault.verify(sealed.storageName, wrappedKey: sealed.wrappedKey) }
        }
        // Dropping the last chunk leaves a file whose new last chunk is not flagged as last.
        try original.prefix(FileVault.headerSize + 2 * (FileVault.chunkSize + 16)).write(to: path)
        #expect(throws: FileVaultError.damaged(sealed.storageName)) { try vault.verify(sealed.storageName, wrappedKey: sealed.wrappedKey) }
        try original.write(to: path)
        #expect(try vault.verify(sealed.storageName, wrappedKey: sealed.wrappedKey) == bytes.count)
    }

    @Test func aWrappedKeyOpensOnlyItsFileUnderItsMasterKey() throws {
        let vault = try FileVault(directory: folder, masterKey: key)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try store([1, 2, 3], in: vault), second = try store([4, 5, 6], in: vault)
        #expect(throws: FileVaultError.wrongKey(second.storageName)) { try vault.verify(second.storageName, wrappedKey: first.wrappedKey) }
        let other = try FileVault(directory: folder, masterKey: FilesMasterKey(text: FilesMasterKey.randomText())!)
        #expect(throws: FileVaultError.wrongKey(first.storageName)) { try other.verify(first.storageName, wrappedKey: first.wrappedKey) }
        // Rotation: the same file opens under the new key once its key is rewrapped, the file untouched.
        let rewrapped = try key.rewrap(first.wrappedKey, storageName: first.storageName, under: other.masterKey)
        #expect(try other.readAll(first.storageName, wrappedKey: rewrapped) == [1, 2, 3])
    }

    @Test func sweepRemovesWhatTheDatabaseDoesNotName() throws {
        let vault = try FileVault(directory: folder, masterKey: key)
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = try store([1], in: vault), orphan = try store([2], in: vault)
        let interrupted = try vault.stage()
        try [UInt8](repeating: 9, count: 100).withUnsafeBytes { try interrupted.write($0) }
        // A recent file survives a sweep that spares the last hour (another process may be installing it).
        #expect(vault.sweep(keeping: [kept.storageName], olderThan: 3600) == 0)
        // MUT
        let removed = vault.sweep(keeping: [kept.storageName])
        // validate
        #expect(removed == 2)
        #expect(vault.storedNames() == [kept.storageName])
        #expect(FileManager.default.fileExists(atPath: vault.path(of: orphan.storageName).path) == false)
        interrupted.abandon()
    }

    @Test func masterKeyText() {
        #expect(FilesMasterKey(text: "court") == nil)
        let hex = FilesMasterKey.randomText()
        #expect(hex.count == 64)
        #expect(FilesMasterKey(text: hex)?.checkValue == FilesMasterKey(text: " \(hex)\n")?.checkValue)
        #expect(FilesMasterKey(text: hex)?.checkValue != FilesMasterKey(text: FilesMasterKey.randomText())?.checkValue)
    }
}
