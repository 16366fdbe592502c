import CCurl
import Foundation

/// Where and how to send mail, from `RELAIS_SMTP_URL`, `RELAIS_SMTP_USER` and `RELAIS_SMTP_PASSWORD`.
public struct SMTPSettings: Sendable, Equatable {
    /// `smtp://host:port` (STARTTLS when the server offers it) or `smtps://host:port` (TLS from the start).
    public var url: String
    public var user: String?
    public var password: String?
    public var connectTimeout: Int
    /// For one whole message, connection included.
    public var totalTimeout: Int

    /// A password is never sent in clear to another machine: with credentials, a server that does not
    /// offer STARTTLS is refused, unless it listens on this machine (a local relay).
    public var requiresTLS: Bool {
        guard password != nil || user != nil else { return false }
        let authority = url.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        let hostPort = authority.split(separator: "@").last.map(String.init) ?? authority
        let host = hostPort.hasPrefix("[") ? String(hostPort.prefix { $0 != "]" }) + "]" : String(hostPort.split(separator: ":").first ?? "")
        return !["127.0.0.1", "localhost", "[::1]"].contains(host.lowercased())
    }

    public init(url: String, user: String? = nil, password: String? = nil, connectTimeout: Int = 10, totalTimeout: Int = 60) {
        self.url = url
        self.user = user
        self.password = password
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }
}

/// What happened to one attempt to hand a message to the mail server.
public struct DeliveryOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case delivered
        /// 4xx replies, connection errors, timeouts: try again later.
        case temporaryFailure = "temporary"
        /// 5xx replies: the server will never accept this message.
        case permanentFailure = "permanent"
    }

    public var kind: Kind
    public var curlCode: Int
    /// The last SMTP reply code, 0 when the server never answered.
    public var smtpCode: Int
    public var detail: String

    /// One line for logs and the CLI.
    public var summary: String {
        switch kind {
        case .delivered: "delivered (SMTP \(smtpCode))"
        case .temporaryFailure: "temporary failure: \(detail) (curl \(curlCode), SMTP \(smtpCode))"
        case .permanentFailure: "permanent failure: \(detail) (curl \(curlCode), SMTP \(smtpCode))"
        }
    }

    /// Sorts curl's result into delivered, temporary or permanent.
    static func classify(curlCode: Int, smtpCode: Int, detail: String) -> DeliveryOutcome {
        let kind: Kind
        if curlCode == Int(CURLE_OK.rawValue) {
            kind = .delivered
        } else if (500...599).contains(smtpCode) && curlCode != Int(CURLE_LOGIN_DENIED.rawValue) {
            // A refused login is a configuration problem an operator can fix: the message waits.
            kind = .permanentFailure
        } else {
            kind = .temporaryFailure
        }
        return DeliveryOutcome(kind: kind, curlCode: curlCode, smtpCode: smtpCode, detail: detail)
    }
}

/// One libcurl easy handle speaking SMTP. Keeping the handle between messages lets libcurl reuse the
/// connection, so a batch of mails costs one TCP (and TLS) handshake.
///
/// `send` blocks: call it from a thread of `NIOThreadPool`, one message at a time (the class is not
/// safe for concurrent use; `SMTPMailer` serialises access).
public final class CurlSMTPConnection: @unchecked Sendable {
    private let settings: SMTPSettings
    private var handle: UnsafeMutableRawPointer?
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

    /// libcurl's global initialisation is not thread-safe: it runs once, before the first handle.
    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public init(settings: SMTPSettings) {
        _ = Self.globalInit
        self.settings = settings
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
    }

    /// Sends `data` (a complete RFC 5322 message with CRLF line ends) from `sender` to `recipients`.
    public func send(sender: String, recipients: [String], data: [UInt8]) -> DeliveryOutcome {
        if handle == nil { handle = curl_easy_init() }
        guard let handle else {
            return DeliveryOutcome(kind: .temporaryFailure, curlCode: Int(CURLE_FAILED_INIT.rawValue), smtpCode: 0, detail: "curl_easy_init failed")
        }
        var recipientList: UnsafeMutablePointer<curl_slist>?
        for recipient in recipients {
            recipientList = curl_slist_append(recipientList, "<\(recipient)>")
        }
        defer { curl_slist_free_all(recipientList) }
        let upload = UploadState(data)
        let uploadPointer = Unmanaged.passRetained(upload)
        defer { uploadPointer.release() }

        errorBuffer.withUnsafeMutableBufferPointer { $0.initialize(repeating: 0) }
        var code = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            relais_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
        }
        let options: [(CURLoption, Int)] = [
            (CURLOPT_UPLOAD, 1),
            (CURLOPT_NOSIGNAL, 1),
            (CURLOPT_CONNECTTIMEOUT, settings.connectTimeout),
            (CURLOPT_TIMEOUT, settings.totalTimeout),
            // smtp:// upgrades with STARTTLS when offered (and must, when a password would otherwise
            // cross the network in clear); smtps:// is TLS from the first byte.
            (CURLOPT_USE_SSL, Int(settings.requiresTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue)),
        ]
        for (option, value) in options where code == CURLE_OK {
            code = relais_curl_setopt_long(handle, option, value)
        }
        let strings: [(CURLoption, String?)] = [
            (CURLOPT_URL, settings.url),
            (CURLOPT_MAIL_FROM, "<\(sender)>"),
            (CURLOPT_USERNAME, settings.user),
            (CURLOPT_PASSWORD, settings.password),
        ]
        for (option, value) in strings where code == CURLE_OK {
            code = relais_curl_setopt_string(handle, option, value)
        }
        if code == CURLE_OK { code = relais_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList) }
        if code == CURLE_OK { code = relais_curl_setopt_read_callback(handle, uploadReadCallback) }
        if code == CURLE_OK { code = relais_curl_setopt_pointer(handle, CURLOPT_READDATA, uploadPointer.toOpaque()) }
        if code == CURLE_OK { code = curl_easy_perform(handle) }

        var responseCode = 0
        _ = relais_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
        let detail: String
        if code == CURLE_OK {
            detail = ""
        } else {
            let buffer = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            detail = buffer.isEmpty ? String(cString: curl_easy_strerror(code)) : buffer
        }
        // The buffer belongs to this call only.
        _ = relais_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)
        _ = relais_curl_setopt_pointer(handle, CURLOPT_READDATA, nil)
        return DeliveryOutcome.classify(curlCode: Int(code.rawValue), smtpCode: responseCode, detail: detail)
    }

    /// Closes the connection; the next `send` opens a new one.
    public func close() {
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
    }
}

/// The bytes of the message being uploaded and how far curl has read them.
private final class UploadState {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// curl asks for the next piece of the message; a C function pointer, so it captures nothing.
private let uploadReadCallback: curl_read_callback = { buffer, size, count, userData in
    guard let buffer, let userData else { return 0 }
    let state = Unmanaged<UploadState>.fromOpaque(userData).takeUnretainedValue()
    let room = size * count
    let remaining = state.bytes.count - state.offset
    let length = min(room, remaining)
    if length > 0 {
        state.bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + state.offset, byteCount: length)
        }
        state.offset += length
    }
    return length
}
