import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A real SMTP server for tests, on 127.0.0.1 and a free port: it speaks enough SMTP for libcurl,
/// records envelopes and data, counts connections, answers 4xx or 5xx on demand, and can be stopped
/// and started again on the same port.
public final class SMTPSink: Sendable {
    public enum Mode: Sendable, Equatable {
        case accept
        /// Answer `code` to RCPT TO (450: try later; 550: refused).
        case rejectRecipient(Int)
        /// Answer `code` after the data.
        case rejectData(Int)
        /// Accept connections and never say a word (a hung server).
        case silent
    }

    public struct Envelope: Sendable, Equatable {
        public var from: String
        public var recipients: [String]
        /// The message as received, dot-stuffing undone, CRLF line ends kept.
        public var data: String
    }

    struct State {
        var mode: Mode = .accept
        var envelopes: [Envelope] = []
        var connections = 0
        var port = 0
        var server: (any Channel)?
        var clients: [ObjectIdentifier: any Channel] = [:]
    }

    let state = NIOLockedValueBox(State())

    public init() {}

    public var port: Int { state.withLockedValue { $0.port } }
    public var url: String { "smtp://127.0.0.1:\(port)" }
    public var envelopes: [Envelope] { state.withLockedValue { $0.envelopes } }
    public var connectionCount: Int { state.withLockedValue { $0.connections } }

    public var mode: Mode {
        get { state.withLockedValue { $0.mode } }
        set { state.withLockedValue { $0.mode = newValue } }
    }

    /// Starts listening: on a free port the first time, on the same port afterwards.
    public func start() async throws {
        let port = self.port
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPSessionHandler(sink: self))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        state.withLockedValue { state in
            state.server = channel
            state.port = channel.localAddress?.port ?? port
        }
    }

    /// Stops listening and drops every open connection, like a mail server going down.
    public func stop() async throws {
        let (server, clients) = state.withLockedValue { state in
            defer { state.server = nil; state.clients = [:] }
            return (state.server, Array(state.clients.values))
        }
        for client in clients { try? await client.close() }
        try await server?.close()
    }

    /// Waits until `count` messages arrived, polling with a bound; returns whether they did.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if envelopes.count >= count { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return envelopes.count >= count
    }

    func connected(_ channel: any Channel) {
        state.withLockedValue { state in
            state.connections += 1
            state.clients[ObjectIdentifier(channel)] = channel
        }
    }

    func disconnected(_ channel: any Channel) {
        _ = state.withLockedValue { state in state.clients.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func received(_ envelope: Envelope) {
        state.withLockedValue { $0.envelopes.append(envelope) }
    }
}

/// One SMTP conversation.
final class SMTPSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let sink: SMTPSink
    private var pending: [UInt8] = []
    private var inData = false
    private var from = ""
    private var recipients: [String] = []
    private var dataLines: [String] = []

    init(sink: SMTPSink) {
        self.sink = sink
    }

    func channelActive(context: ChannelHandlerContext) {
        sink.connected(context.channel)
        if sink.mode != .silent { reply(context, "220 relais-sink ESMTP ready") }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.disconnected(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard sink.mode != .silent else { return }
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var lineBytes = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if lineBytes.last == UInt8(ascii: "\r") { lineBytes.removeLast() }
            handle(line: String(decoding: lineBytes, as: UTF8.self), context: context)
        }
    }

    private func handle(line: String, context: ChannelHandlerContext) {
        if inData {
            if line == "." {
                inData = false
                finishData(context)
            } else {
                dataLines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
            }
            return
        }
        let verb = line.prefix(4).uppercased()
        switch verb {
        case "EHLO":
            reply(context, "250-relais-sink\r\n250-8BITMIME\r\n250 SIZE 10485760")
        case "HELO":
            reply(context, "250 relais-sink")
        case "MAIL":
            from = Self.address(in: line)
            recipients = []
            reply(context, "250 2.1.0 Ok")
        case "RCPT":
            if case .rejectRecipient(let code) = sink.mode {
                reply(context, "\(code) \(code >= 500 ? "5.1.1 Recipient refused" : "4.3.0 Try again later")")
            } else {
                recipients.append(Self.address(in: line))
                reply(context, "250 2.1.5 Ok")
            }
        case "DATA":
            inData = true
            dataLines = []
            reply(context, "354 End data with <CR><LF>.<CR><LF>")
        case "RSET":
            from = ""
            recipients = []
            reply(context, "250 2.0.0 Ok")
        case "NOOP":
            reply(context, "250 2.0.0 Ok")
        case "QUIT":
            reply(context, "221 2.0.0 Bye")
            context.close(promise: nil)
        default:
            reply(context, "500 5.5.2 Unknown command")
        }
    }

    private func finishData(_ context: ChannelHandlerContext) {
        if case .rejectData(let code) = sink.mode {
            reply(context, "\(code) \(code >= 500 ? "5.7.1 Message refused" : "4.3.0 Try again later")")
            return
        }
        sink.received(.init(from: from, recipients: recipients, data: dataLines.joined(separator: "\r\n") + "\r\n"))
        reply(context, "250 2.0.0 Ok: queued")
    }

    private func reply(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    private static func address(in line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
        return String(line[line.index(after: open)..<close])
    }
}
