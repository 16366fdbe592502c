import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a case's files live: one folder (`RELAIS_FILES_DIR`, by default `files/` beside the
/// database), each file encrypted under a key of its own, that key wrapped by the master key and kept
/// in the database. The database holds the name, the type and the wrapped key; the folder holds
/// random names and ciphertext, nothing else.
///
/// On disk a file is a 16-byte header and chunks of 64 KiB, each sealed with AES-GCM under the file's
/// key, its nonce the chunk's number and a flag on the last one (the STREAM construction): a chunk
/// changed, swapped, dropped or cut off is detected. Files are written under `tmp/`, synced, then
/// renamed into place; only then does the database learn of them. A crash leaves at most a file the
/// database does not name, which `sweep` removes.
public struct FileVault: Sendable {
    public let directory: URL
    public let masterKey: FilesMasterKey

    static let magic: [UInt8] = Array("RELAISF".utf8) + [1]
    public static let chunkSize = 64 * 1024
    static let tagSize = 16
    static let headerSize = 16

    public init(directory: URL, masterKey: FilesMasterKey) throws {
        self.directory = directory
        self.masterKey = masterKey
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileVaultError.io("could not create the files folder \(directory.path): \(error)")
        }
    }

    static var header: [UInt8] {
        magic + [UInt8(chunkSize >> 24 & 0xFF), UInt8(chunkSize >> 16 & 0xFF), UInt8(chunkSize >> 8 & 0xFF), UInt8(chunkSize & 0xFF), 0, 0, 0, 0]
    }

    /// 32 random hexadecimal characters: the only name a file has on disk.
    static func newStorageName() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
    }

    /// A stored file's place: a folder per first two characters keeps folders small.
    public func path(of storageName: String) -> URL {
        directory.appendingPathComponent(String(storageName.prefix(2))).appendingPathComponent(storageName)
    }

    // MARK: Writing

    /// A file being received: bytes go through `write`, sealed chunk by chunk to `tmp/`.
    public func stage() throws -> StagedFile {
        let name = Self.newStorageName()
        let temporary = directory.appendingPathComponent("tmp").appendingPathComponent(name + ".part")
        let descriptor = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileVaultError.io("could not create \(temporary.path) (errno \(errno))") }
        let fileKey = SymmetricKey(size: .bits256)
        let staged = StagedFile(vault: self, storageName: name, temporary: temporary, descriptor: descriptor, key: fileKey)
        try staged.writeAll(Self.header)
        return staged
    }

    /// Moves a finished file into place (synced, with its folder). After this the database may name it.
    public func install(_ sealed: SealedFile) throws {
        let target = path(of: sealed.storageName)
        let folder = target.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard rename(sealed.temporary.path, target.path) == 0 else {
            throw FileVaultError.io("could not move \(sealed.temporary.lastPathComponent) into place (errno \(errno))")
        }
        Self.syncFolder(folder)
    }

    /// Removes a stored file; a file already gone is not an error.
    public func delete(_ storageName: String) {
        unlink(path(of: storageName).path)
    }

    /// Removes a staged file that will not be installed.
    public func discard(_ sealed: SealedFile) {
        unlink(sealed.temporary.path)
    }

    static func syncFolder(_ folder: URL) {
        let descriptor = Glibc.open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    // MARK: Reading

    /// The file's plaintext size, after checking every chunk: a file that fails is never served.
    @discardableResult
    public func verify(_ storageName: String, wrappedKey: [UInt8]) throws -> Int {
        var size = 0
        try read(storageName, wrappedKey: wrappedKey) { size += $0.count }
        return size
    }

    /// The whole plaintext, for the checks that need it all (an office document's entries, text).
    public func readAll(_ storageName: String, wrappedKey: [UInt8]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try read(storageName, wrappedKey: wrappedKey) { bytes += $0 }
        return bytes
    }

    /// Calls `body` with each chunk's plaintext in order, after its tag is checked. Throws
    /// `FileVaultError.damaged` at the first chunk that fails, or when the last chunk is missing.
    public func read(_ storageName: String, wrappedKey: [UInt8], _ body: ([UInt8]) throws -> Void) throws {
        let reader = try open(storageName, wrappedKey: wrappedKey)
        while let chunk = try reader.next() { try body(chunk) }
    }

    /// A reader of the file's plaintext, chunk by chunk (for streaming a download).
    public func open(_ storageName: String, wrappedKey: [UInt8]) throws -> ChunkReader {
        try open(at: path(of: storageName), storageName: storageName, wrappedKey: wrappedKey)
    }

    /// The whole plaintext of a file received but not installed yet (its checks run before).
    public func readAll(_ sealed: SealedFile) throws -> [UInt8] {
        let reader = try open(at: sealed.temporary, storageName: sealed.storageName, wrappedKey: sealed.wrappedKey)
        var bytes: [UInt8] = []
        while let chunk = try reader.next() { bytes += chunk }
        return bytes
    }

    func open(at url: URL, storageName: String, wrappedKey: [UInt8]) throws -> ChunkReader {
        let fileKey = try masterKey.unwrap(wrappedKey, storageName: storageName)
        let descriptor = Glibc.open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileVaultError.missing(storageName) }
        let reader = ChunkReader(storageName: storageName, descriptor: descriptor, key: fileKey)
        var header = [UInt8](repeating: 0, count: Self.headerSize)
        guard Self.readFully(descriptor, &header) == Self.headerSize, header == Self.header else { throw FileVaultError.damaged(storageName) }
        return reader
    }

    static func nonce(index: UInt64, last: Bool) -> AES.GCM.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        for shift in 0..<8 { bytes[3 + shift] = UInt8(index >> (56 - 8 * UInt64(shift)) & 0xFF) }
        bytes[11] = last ? 1 : 0
        // 12 bytes is always a valid GCM nonce.
        return (try? AES.GCM.Nonce(data: bytes)) ?? AES.GCM.Nonce()
    }

    static func seal(_ plain: ArraySlice<UInt8>, key: SymmetricKey, index: UInt64, last: Bool) throws -> [UInt8] {
        let box = try AES.GCM.seal(plain, using: key, nonce: nonce(index: index, last: last), authenticating: header)
        return Array(box.ciphertext) + Array(box.tag)
    }

    static func openChunk(_ sealed: ArraySlice<UInt8>, key: SymmetricKey, index: UInt64, last: Bool, header: [UInt8]) throws -> [UInt8] {
        let split = sealed.endIndex - tagSize
        let box = try AES.GCM.SealedBox(nonce: nonce(index: index, last: last), ciphertext: sealed[sealed.startIndex..<split], tag: sealed[split...])
        return Array(try AES.GCM.open(box, using: key, authenticating: header))
    }

    /// Reads until `buffer` is full or the file ends; the count read.
    static func readFully(_ descriptor: Int32, _ buffer: inout [UInt8]) -> Int {
        var total = 0
        let count = buffer.count
        buffer.withUnsafeMutableBytes { raw in
            while total < count {
                let got = Foundation.read(descriptor, raw.baseAddress! + total, count - total)
                if got <= 0 { break }
                total += got
            }
        }
        return total
    }

    // MARK: Housekeeping

    /// Removes every file on disk that `referenced` does not name, and staged files left by an
    /// interrupted upload. `olderThan`: spare files modified more recently (an upload finishing now,
    /// when another process sweeps); nil at start-up, when nothing can be in flight.
    @discardableResult
    public func sweep(keeping referenced: Set<String>, olderThan age: TimeInterval? = nil, now: Date = Date()) -> Int {
        var removed = 0
        let manager = FileManager.default
        guard let folders = try? manager.contentsOfDirectory(atPath: directory.path) else { return 0 }
        for folder in folders where !folder.hasPrefix(".") {
            let folderURL = directory.appendingPathComponent(folder)
            guard let names = try? manager.contentsOfDirectory(atPath: folderURL.path) else { continue }
            for name in names where folder == "tmp" || !referenced.contains(name) {
                let url = folderURL.appendingPathComponent(name)
                if let age, let modified = (try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
                   now.timeIntervalSince(modified) < age { continue }
                if unlink(url.path) == 0 { removed += 1 }
            }
        }
        return removed
    }

    /// Every storage name on disk (installed files only).
    public func storedNames() -> Set<String> {
        let manager = FileManager.default
        var names: Set<String> = []
        for folder in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] where folder != "tmp" && !folder.hasPrefix(".") {
            for name in (try? manager.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path)) ?? [] { names.insert(name) }
        }
        return names
    }

    /// Copies a stored file as it is on disk (still encrypted) into the same layout under `folder`.
    public func copy(_ storageName: String, into folder: URL) throws {
        let target = folder.appendingPathComponent(String(storageName.prefix(2))).appendingPathComponent(storageName)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(at: path(of: storageName), to: target)
    }
}

/// Reads a stored file chunk by chunk, each checked before it is returned. Owned by one task.
public final class ChunkReader {
    let storageName: String
    private var descriptor: Int32
    private let key: SymmetricKey
    private var chunk = [UInt8](repeating: 0, count: FileVault.chunkSize + FileVault.tagSize)
    private var ahead = [UInt8](repeating: 0, count: FileVault.chunkSize + FileVault.tagSize)
    private var current = -1
    private var index: UInt64 = 0
    private var done = false

    init(storageName: String, descriptor: Int32, key: SymmetricKey) {
        self.storageName = storageName
        self.descriptor = descriptor
        self.key = key
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The next chunk's plaintext, nil after the last. A chunk is the last only if nothing follows it,
    /// and only the last may carry the final flag: a file cut after any chunk fails.
    public func next() throws -> [UInt8]? {
        guard !done else { return nil }
        if current < 0 { current = FileVault.readFully(descriptor, &chunk) }
        guard current >= FileVault.tagSize else { throw FileVaultError.damaged(storageName) }
        let following = current == chunk.count ? FileVault.readFully(descriptor, &ahead) : 0
        let isLast = following == 0
        let plain: [UInt8]
        do {
            plain = try FileVault.openChunk(chunk[0..<current], key: key, index: index, last: isLast, header: FileVault.header)
        } catch {
            throw FileVaultError.damaged(storageName)
        }
        if isLast {
            done = true
            close(descriptor)
            descriptor = -1
        } else {
            swap(&chunk, &ahead)
            current = following
            index += 1
        }
        return plain
    }
}

/// A file being received, sealed as its bytes arrive: at most one chunk of plaintext is held.
/// Not shared between tasks: the request that receives the file owns it.
public final class StagedFile {
    public let storageName: String
    let vault: FileVault
    let temporary: URL
    private var descriptor: Int32
    private let key: SymmetricKey
    private var pending: [UInt8] = []
    private var index: UInt64 = 0
    /// Plaintext bytes received so far.
    public private(set) var size = 0
    /// The first 4 KiB, to tell the type.
    public private(set) var prefix: [UInt8] = []

    init(vault: FileVault, storageName: String, temporary: URL, descriptor: Int32, key: SymmetricKey) {
        self.vault = vault
        self.storageName = storageName
        self.temporary = temporary
        self.descriptor = descriptor
        self.key = key
        pending.reserveCapacity(FileVault.chunkSize * 2)
    }

    deinit {
        if descriptor >= 0 { close(descriptor); unlink(temporary.path) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        size += bytes.count
        if prefix.count < 4096 { prefix += bytes.prefix(4096 - prefix.count) }
        pending += bytes
        // A full chunk is sealed only once a byte follows it: the last chunk carries the final flag.
        while pending.count > FileVault.chunkSize {
            try writeAll(try FileVault.seal(pending[0..<FileVault.chunkSize], key: key, index: index, last: false))
            index += 1
            pending.removeFirst(FileVault.chunkSize)
        }
    }

    /// Seals the last chunk and syncs the file; `FileVault.install` then puts it in place.
    public func finish() throws -> SealedFile {
        try writeAll(try FileVault.seal(pending[...], key: key, index: index, last: true))
        pending = []
        guard fsync(descriptor) == 0 else { throw FileVaultError.io("could not sync \(temporary.path) (errno \(errno))") }
        close(descriptor)
        descriptor = -1
        return SealedFile(storageName: storageName, temporary: temporary, size: size, wrappedKey: try vault.masterKey.wrap(key, storageName: storageName))
    }

    /// Stops receiving: the partial file is removed.
    public func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary.path)
    }

    func writeAll(_ bytes: [UInt8]) throws {
        var written = 0
        try bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let count = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                guard count > 0 else { throw FileVaultError.io("could not write \(temporary.path) (errno \(errno))") }
                written += count
            }
        }
    }
}

/// A staged file, complete and synced, not yet in place.
public struct SealedFile: Sendable {
    public let storageName: String
    let temporary: URL
    public let size: Int
    /// The file's key under the master key: what the database keeps.
    public let wrappedKey: [UInt8]
}
