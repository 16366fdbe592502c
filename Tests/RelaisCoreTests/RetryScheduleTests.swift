import RelaisCore
import Testing

@Suite("Retry schedule")
struct RetryScheduleTests {
    let schedule = RetrySchedule()

    @Test("starts at about a minute and doubles")
    func doubles() {
        #expect(schedule.delay(afterAttempt: 1, random: 0.5) == 60)
        #expect(schedule.delay(afterAttempt: 2, random: 0.5) == 120)
        #expect(schedule.delay(afterAttempt: 5, random: 0.5) == 960)
    }

    @Test("never waits more than four hours, however many attempts")
    func ceiling() {
        #expect(schedule.delay(afterAttempt: 9, random: 0.5) == 4 * 3600)
        #expect(schedule.delay(afterAttempt: 1_000, random: 0.5) == 4 * 3600)
    }

    @Test("jitter stays within ±20 %")
    func jitter() {
        #expect(schedule.delay(afterAttempt: 1, random: 0) == 48)
        #expect(schedule.delay(afterAttempt: 1, random: 0.999_999) < 72)
        #expect(abs(schedule.delay(afterAttempt: 1, random: 7) - 72) < 1e-9)
    }
}
