import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import RelaisCore
import RelaisFiles
import RelaisUseCases

/// A message or a note with files: a `multipart/form-data` body read as it streams (MultipartKit's
/// parser), the text fields kept in memory (1 MB at most, as any form), each file sealed to disk
/// by a `DocumentIntake` as its bytes arrive. The session's token must come first (`_csrf` is the
/// form's first field), so nothing is written to disk for a forged request.
///
/// What is refused: a body over `DocumentLimits.maxRequestBytes` (413, what was typed kept), a body
/// that is not well-formed multipart, text that is not UTF-8, a field sent twice (400), a wrong or
/// missing token (403).
struct UploadForm {
    /// The text fields, as a urlencoded form would give them.
    var fields: FormData
    /// Whether the body passed the request limit: reading stopped, the files were dropped.
    var tooLarge = false

    static let fileField = "pieces"
    static let maxFieldBytes = FormData.maxBytes
    /// Bytes the parser may take without a part's header or body coming out of it (a header line or
    /// a preamble without end).
    static let maxSilentBytes = 64 * 1024

    static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
    }

    /// Reads the body of `request` into `intake` (files) and the returned fields; `acceptsToken`
    /// checks the `_csrf` field as soon as it is read, before any file part begins. The parsing, the
    /// encryption and the writes run on `worker`'s thread, one buffer at a time.
    static func read(_ request: Request, into intake: DocumentIntake, worker: UploadWorker,
                     acceptsToken: @escaping @Sendable (String) -> Bool) async throws -> UploadForm {
        guard let boundary = boundary(request.headers[.contentType] ?? "") else { throw FormError.malformed }
        let limit = intake.limits.maxRequestBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            // Not read: the client is told at once, before it sends 100 MB for nothing.
            throw FormError.tooLarge
        }
        let job = Job(boundary: boundary, collector: Collector(intake: intake, acceptsToken: acceptsToken))
        var received = 0
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                if received > limit {
                    intake.discard()
                    return UploadForm(fields: try job.collector.fields(), tooLarge: true)
                }
                try await worker.run { try job.feed(buffer) }
            }
        } catch let error as FormError {
            intake.discard()
            throw error
        } catch let error as HTTPError {
            intake.discard()
            throw error
        } catch is DocumentRefusal {
            intake.discard()
            throw FormError.malformed
        } catch let error as FileVaultError {
            // The disk failed us: the error page, not « your form is malformed ».
            intake.discard()
            throw error
        } catch {
            // MultipartKit's syntax errors.
            intake.discard()
            throw FormError.malformed
        }
        guard job.collector.isComplete, job.collector.tokenChecked else {
            intake.discard()
            throw job.collector.tokenChecked ? FormError.malformed : HTTPError(.forbidden)
        }
        return UploadForm(fields: try job.collector.fields())
    }

    /// The parser and what it fills, handed to the worker's thread one buffer at a time: the request
    /// awaits each buffer before the next, so only one thread touches them at once.
    final class Job: @unchecked Sendable {
        let parser: MultipartParser
        let collector: Collector

        init(boundary: String, collector: Collector) {
            self.parser = MultipartParser(boundary: boundary)
            self.collector = collector
            parser.onHeader = { name, value in collector.header(name, value) }
            parser.onBody = { buffer in collector.body(&buffer) }
            parser.onPartComplete = { collector.partComplete() }
        }

        func feed(_ buffer: ByteBuffer) throws {
            collector.silent += buffer.readableBytes
            try parser.execute(buffer)
            if let error = collector.error { throw error }
            if collector.silent > UploadForm.maxSilentBytes { throw FormError.malformed }
        }
    }

    /// The `boundary` parameter of a `multipart/form-data` content type (1 to 70 characters).
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// `name` and `filename` of a `Content-Disposition: form-data` header. Browsers quote both and
    /// escape `"` and line breaks as `%22`, `%0A` and `%0D` (the HTML standard's encoding).
    static func disposition(_ value: String) -> (name: String, filename: String?)? {
        var parameters: [String: String] = [:]
        var rest = Substring(value)
        guard let semicolon = rest.firstIndex(of: ";"), rest[..<semicolon].trimmingCharacters(in: .whitespaces).lowercased() == "form-data" else {
            return nil
        }
        rest = rest[rest.index(after: semicolon)...]
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " || $0 == ";" || $0 == "\t" })
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var parsed = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                // No backslash escapes: browsers send a backslash as it is (a Windows path) and `"` as `%22`.
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    parsed.append(character)
                }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                parsed = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[key] = parsed
        }
        guard let name = parameters["name"] else { return nil }
        let filename = parameters["filename"].map {
            $0.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0A", with: " ").replacingOccurrences(of: "%0D", with: " ")
        }
        return (name, filename)
    }

    /// What the parser's callbacks build; they cannot throw, so the first error waits in `error`.
    final class Collector {
        let intake: DocumentIntake
        let acceptsToken: @Sendable (String) -> Bool
        var error: Error?
        var silent = 0
        /// Set once the first field, `_csrf`, is read and accepted.
        var tokenChecked = false
        private var partHeaders: [(String, String)] = []
        private var current: Part?
        /// The bytes of the text field being read (kept apart from `current`, so appending is not a copy).
        private var textBytes: [UInt8] = []
        private var texts: [String: String] = [:]
        private var fieldBytes = 0
        private var partCount = 0

        enum Part {
            case text(name: String)
            case file
            case skipped
        }

        init(intake: DocumentIntake, acceptsToken: @escaping @Sendable (String) -> Bool) {
            self.intake = intake
            self.acceptsToken = acceptsToken
        }

        func header(_ name: String, _ value: String) {
            silent = 0
            partHeaders.append((name.lowercased(), value))
        }

        func body(_ buffer: inout ByteBuffer) {
            silent = 0
            guard error == nil else { return }
            if current == nil { startPart() }
            switch current {
            case .text:
                fieldBytes += buffer.readableBytes
                guard fieldBytes <= UploadForm.maxFieldBytes else { error = FormError.tooLarge; return }
                textBytes += buffer.readableBytesView
            case .file:
                do {
                    try buffer.withUnsafeReadableBytes { try intake.write($0) }
                } catch {
                    self.error = error
                }
            case .skipped, nil:
                break
            }
        }

        func partComplete() {
            silent = 0
            guard error == nil else { return }
            if current == nil { startPart() }
            switch current {
            case .text(let name):
                guard let text = String(validating: textBytes, as: UTF8.self), texts[name] == nil else { error = FormError.malformed; break }
                // NUL and C0 controls but tab and line breaks have nothing to do in a form (as `FormData`).
                if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) {
                    error = FormError.malformed
                    break
                }
                texts[name] = text
                if name == CSRFMiddleware.fieldName, partCount == 1 {
                    guard acceptsToken(text) else { error = HTTPError(.forbidden); break }
                    tokenChecked = true
                }
            case .file:
                do { try intake.end() } catch { self.error = error }
            case .skipped, nil:
                break
            }
            // The token is the first field or the request is refused before any file is written.
            if !tokenChecked { error = error ?? HTTPError(.forbidden) }
            current = nil
            partHeaders = []
            textBytes = []
        }

        private func startPart() {
            partCount += 1
            guard let disposition = partHeaders.first(where: { $0.0 == "content-disposition" }).flatMap({ UploadForm.disposition($0.1) }) else {
                error = FormError.malformed
                current = .skipped
                return
            }
            if let filename = disposition.filename {
                guard disposition.name == UploadForm.fileField, tokenChecked else {
                    error = tokenChecked ? FormError.malformed : HTTPError(.forbidden)
                    current = .skipped
                    return
                }
                // A file input left empty sends a part with no name and no bytes.
                if filename.isEmpty {
                    current = .skipped
                    return
                }
                do {
                    try intake.begin(rawName: filename)
                    current = .file
                } catch {
                    self.error = error
                    current = .skipped
                }
            } else {
                current = .text(name: disposition.name)
            }
        }

        func fields() throws -> FormData {
            FormData(fields: texts)
        }

        /// Every part seen ended: the body was not cut off in the middle of one.
        var isComplete: Bool { partCount > 0 && current == nil && partHeaders.isEmpty }
    }
}
