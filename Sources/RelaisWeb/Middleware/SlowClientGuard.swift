import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import RelaisCore
import RelaisUseCases

/// Closes a connection whose client is too slow: the headers of a request must arrive within
/// `headerTimeout` (counted from the connection's opening or the previous response), its body
/// within `bodyTimeout` of the headers. A client trickling bytes one at a time ("slowloris") would
/// otherwise hold a connection forever; nothing is timed while Relais itself works on a request.
final class SlowClientGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let minimumBytesPerSecond: Int64 = 64 * 1024

    let headerTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    private var timer: Scheduled<Void>?
    /// Requests read in full whose response has not ended yet.
    private var awaitingResponse = 0
    private var readingRequest = false

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, headerTimeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, headerTimeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            readingRequest = true
            // A message with files may be 100 MB: its body gets the usual delay plus the time to send
            // its declared length at 64 KiB/s (a slow mobile connection), and no more.
            let length = head.headerFields[.contentLength].flatMap(Int64.init) ?? 0
            arm(context, bodyTimeout + .seconds(max(0, length) / Self.minimumBytesPerSecond))
        case .body:
            break
        case .end:
            readingRequest = false
            awaitingResponse += 1
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            awaitingResponse = max(0, awaitingResponse - 1)
            // The next request's headers are now awaited, unless one is already coming in.
            if awaitingResponse == 0, !readingRequest { arm(context, headerTimeout) }
        }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, _ delay: TimeAmount) {
        timer?.cancel()
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: delay) { bound.value.close(promise: nil) }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
