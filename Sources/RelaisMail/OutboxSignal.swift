import NIOConcurrencyHelpers

/// Wakes the delivery worker as soon as a message is queued, instead of waiting for its next tick.
/// A wake-up with nobody waiting is remembered, so none is lost between two passes.
public final class OutboxSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Called after a transaction that queued mail commits.
    public func wake() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at the next wake-up, or after `timeout` (the periodic tick), whichever comes first.
    func wait(timeout: Duration) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { self?.wake() }
        }
        defer { timer.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLockedValue { state -> Bool in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            wake()
        }
        // A wake-up that raced with the timer must not make the next wait return at once for nothing;
        // a genuine one (mail queued meanwhile) costs at most one extra, empty pass.
    }
}
