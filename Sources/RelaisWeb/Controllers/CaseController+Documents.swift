import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import RelaisCore
import RelaisFiles
import RelaisStore
import RelaisUseCases

/// A case's files, served only to the case's people (404 for anyone else, as the case itself), and
/// withdrawn by whoever added them or by staff.
extension CaseController {
    /// What a file may do once in the browser: nothing. No script, no form, no plugin, no request
    /// but its own images; PDF and images open inline under it, anything else is downloaded.
    static let documentPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'none'"

    /// Streams one file, after checking all of it: a file that fails its authentication is reported
    /// (log and audit) and never served.
    @Sendable func document(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        let reference = caseFile.reference ?? ""
        guard let id = context.parameters.get("piece").flatMap(Int64.init),
              let document = try await cases.documentForReading(id, caseId: caseFile.id ?? 0, reference: reference, reader: user, role: role,
                                                                address: context.clientAddress) else {
            throw HTTPError(.notFound)
        }
        return try await serve(document, reference: reference, context: context)
    }

    /// Streams `document` after checking all of it; a file that fails is reported and never served.
    func serve(_ document: CaseDocument, reference: String, context: RelaisRequestContext) async throws -> Response {
        let id = document.id ?? 0
        let vault = cases.files, wrappedKey = [UInt8](document.wrappedKey), storageName = document.storageName
        do {
            try vault.verify(storageName, wrappedKey: wrappedKey)
        } catch {
            context.logger.error("case file not served", metadata: ["case": "\(reference)", "document": "\(id)", "error": "\(error)"])
            try await cases.reportDamaged(document, reference: reference, address: context.clientAddress)
            throw HTTPError(.internalServerError, message: "Ce fichier est endommagé et ne peut pas être ouvert. L’équipe de l’association en est avertie.")
        }
        var headers = HTTPFields()
        headers[.contentType] = document.kind.mediaType
        headers[.contentDisposition] = Self.contentDisposition(document.name, inline: document.kind.opensInline)
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = Self.documentPolicy
        headers[HTTPField.Name("Cross-Origin-Resource-Policy")!] = "same-origin"
        let body = ResponseBody(contentLength: document.size) { writer in
            let reader = try vault.open(storageName, wrappedKey: wrappedKey)
            while let chunk = try reader.next() {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Withdraws a file; the thread keeps a line saying so.
    @Sendable func withdrawDocument(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        let reference = caseFile.reference ?? ""
        guard let id = context.parameters.get("piece").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        do {
            try await cases.withdraw(documentId: id, caseId: caseFile.id ?? 0, by: user, role: role)
        } catch is CaseDocumentNotFound {
            throw HTTPError(.notFound)
        } catch is CaseConflict {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context,
                                  error: "Cette pièce ne peut pas être retirée par vous (seuls la personne qui l’a ajoutée et l’équipe le peuvent).",
                                  status: .conflict)
        }
        throw Redirect(location: SiteURL.caseFile(reference).path + "?message=piece-retiree#pieces")
    }

    /// `inline` or `attachment`, with the name as ASCII (anything else replaced) and as UTF-8
    /// (RFC 6266 and RFC 8187), so every browser offers the name people gave the file.
    static func contentDisposition(_ name: String, inline: Bool) -> String {
        let ascii = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar != "%" && scalar.value != 0x7F ? Character(scalar) : "_"
        })
        var encoded = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return "\(inline ? "inline" : "attachment"); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
