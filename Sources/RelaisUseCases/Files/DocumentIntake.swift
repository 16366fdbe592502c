import Foundation
import RelaisCore
import RelaisFiles

/// Why a file was not joined to a message, in the words shown beside the file field.
public struct DocumentRefusal: Error, Sendable, Equatable {
    public enum Reason: Error, Sendable, Equatable {
        case empty
        case tooLarge(maxBytes: Int)
        case tooMany(max: Int)
        case notAccepted
        /// The name says one type, the bytes another.
        case mismatch(claimed: DocumentKind)
        case notUTF8
        case macros
        case bomb
        case malformed
        /// The case would hold more than its limit.
        case caseFull(remainingBytes: Int)
    }

    public let name: String
    public let reason: Reason

    public init(name: String, reason: Reason) {
        self.name = name
        self.reason = reason
    }

    public var message: String {
        let file = "«\u{00A0}\(name)\u{00A0}»"
        return switch reason {
        case .empty: "\(file) est vide."
        case .tooLarge(let max): "\(file) dépasse \(DocumentLimits.label(bytes: max)), la taille maximale d’un fichier."
        case .tooMany(let max): "\(max) fichiers au plus par message\u{00A0}: \(file) n’a pas été joint."
        case .notAccepted: "\(file) n’est pas d’un type accepté\u{00A0}: envoyez un PDF, une image JPEG ou PNG, un document OpenDocument, Word ou Excel, ou un texte."
        case .mismatch(let claimed): "\(file) porte le nom d’un fichier \(claimed.label), mais son contenu n’en est pas un."
        case .notUTF8: "\(file) n’est pas un texte en UTF-8\u{00A0}: enregistrez-le en UTF-8, ou en PDF."
        case .macros: "\(file) contient des macros\u{00A0}: enregistrez-le sans macros (.docx, .xlsx) ou en PDF."
        case .bomb: "\(file) se décompresse en un volume démesuré\u{00A0}: il est refusé."
        case .malformed: "\(file) est endommagé ou illisible."
        case .caseFull(let remaining): remaining <= 0
            ? "Cette demande a atteint sa limite de pièces\u{00A0}: retirez-en une avant d’en ajouter."
            : "Cette demande ne peut plus recevoir que \(DocumentLimits.label(bytes: remaining)) de pièces\u{00A0}: \(file) n’a pas été joint."
        }
    }
}

/// A file received and checked, sealed on disk under `tmp/`, not yet in place.
public struct ReceivedDocument: Sendable {
    public let name: String
    public let kind: DocumentKind
    public let sealed: SealedFile
}

/// The files of one message as they stream in: each is sealed to disk as its bytes arrive, cut off
/// past the size limit, and checked by its bytes when it ends. Owned by the one request that
/// receives them; `CaseService.post` installs what was accepted, `discard` removes it all.
public final class DocumentIntake {
    let vault: FileVault
    public let limits: DocumentLimits
    public private(set) var accepted: [ReceivedDocument] = []
    public private(set) var refusals: [DocumentRefusal] = []
    private var current: (name: String, staged: StagedFile?, refusal: DocumentRefusal.Reason?)?
    private var count = 0

    init(vault: FileVault, limits: DocumentLimits) {
        self.vault = vault
        self.limits = limits
    }

    deinit {
        discard()
    }

    /// A file part begins; `rawName` is the name the browser sent.
    public func begin(rawName: String) throws {
        let name = DocumentName.clean(rawName)
        count += 1
        if count > limits.maxFilesPerMessage {
            current = (name, nil, .tooMany(max: limits.maxFilesPerMessage))
        } else if DocumentKind.isRefusedByName(name) {
            current = (name, nil, .notAccepted)
        } else {
            current = (name, try vault.stage(), nil)
        }
    }

    /// Bytes of the current file. Past the limit they are counted and dropped.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let (name, staged, refusal) = current, refusal == nil, let staged else { return }
        if staged.size + bytes.count > limits.maxFileBytes {
            staged.abandon()
            current = (name, nil, .tooLarge(maxBytes: limits.maxFileBytes))
            return
        }
        try staged.write(bytes)
    }

    /// The current file is complete: refused, or sealed and checked.
    public func end() throws {
        guard let (name, staged, refusal) = current else { return }
        current = nil
        if let refusal {
            refusals.append(DocumentRefusal(name: name, reason: refusal))
            return
        }
        guard let staged else { return }
        guard staged.size > 0 else {
            staged.abandon()
            refusals.append(DocumentRefusal(name: name, reason: .empty))
            return
        }
        let sealed = try staged.finish()
        switch try check(sealed, prefix: staged.prefix, name: name) {
        case .success(let kind):
            accepted.append(ReceivedDocument(name: name, kind: kind, sealed: sealed))
        case .failure(let reason):
            vault.discard(sealed)
            refusals.append(DocumentRefusal(name: name, reason: reason))
        }
    }

    /// The type the bytes prove, and that the name does not contradict.
    func check(_ sealed: SealedFile, prefix: [UInt8], name: String) throws -> Result<DocumentKind, DocumentRefusal.Reason> {
        let claimed = DocumentKind.claimed(byName: name)
        let kind: DocumentKind
        switch DocumentKind.sniff(prefix: prefix) {
        case .kind(let sniffed):
            kind = sniffed
        case .zipContainer:
            // Read back from disk (decrypted in memory, at most one file's limit) to read its entries.
            switch ZipInspector.inspect(try vault.readAll(sealed)) {
            case .success(let office): kind = office
            case .failure(.bomb): return .failure(.bomb)
            case .failure(.macros): return .failure(.macros)
            case .failure(.malformed): return .failure(claimed == nil ? .notAccepted : .malformed)
            case .failure(.notAnOfficeDocument): return .failure(claimed.map { .mismatch(claimed: $0) } ?? .notAccepted)
            }
        case .text:
            guard TextCheck.looksLikeText(try vault.readAll(sealed), complete: true) else {
                return .failure(claimed == .text ? .notUTF8 : (claimed.map { .mismatch(claimed: $0) } ?? .notAccepted))
            }
            kind = .text
        case nil:
            return .failure(claimed == .text ? .notUTF8 : (claimed.map { .mismatch(claimed: $0) } ?? .notAccepted))
        }
        if let claimed, claimed != kind { return .failure(.mismatch(claimed: claimed)) }
        return .success(kind)
    }

    /// Removes every file received and not installed (a refusal elsewhere in the form, a crash).
    public func discard() {
        if let staged = current?.staged { staged.abandon() }
        current = nil
        for document in accepted { vault.discard(document.sealed) }
        accepted = []
    }

    /// Called once `accepted` are installed: nothing left to discard.
    func handedOver() {
        accepted = []
    }
}
