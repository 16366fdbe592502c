import RelaisCore
import Testing

@Suite("Feedback: the closing questions, their figures and the sheets' limits")
struct FeedbackRulesTests {
    static func answer(_ axes: [Axis] = [.solidarite], region: String = "Bretagne", first: Double? = 10, close: Double? = 100,
                       timely: FeedbackAnswer = .yes, useful: FeedbackAnswer = .yes, recommend: FeedbackAnswer = .no) -> FeedbackFigures.Answer {
        FeedbackFigures.Answer(axes: axes, regionName: region, hoursToFirstAnswer: first, hoursToClose: close,
                               timely: timely, useful: useful, recommend: recommend)
    }

    @Test("a withdrawn case asks nothing; a case closed resolved or without follow-up asks the three questions")
    func whoIsAsked() {
        #expect(ClosingFeedbackRules.asks(after: .resolue))
        #expect(ClosingFeedbackRules.asks(after: .sansSuite))
        #expect(!ClosingFeedbackRules.asks(after: .retiree))
    }

    @Test("the correspondent reads the comment only when the director shared it and wrote one")
    func consent() {
        #expect(ClosingFeedbackRules.correspondentReadsComment(shared: true, comment: "Merci"))
        #expect(!ClosingFeedbackRules.correspondentReadsComment(shared: false, comment: "Merci"))
        #expect(!ClosingFeedbackRules.correspondentReadsComment(shared: true, comment: ""))
    }

    @Test("a cell of fewer than three answers is suppressed, counts and shares otherwise")
    func suppression() {
        let figures = FeedbackFigures(answers: [
            Self.answer(region: "Bretagne"), Self.answer(region: "Bretagne", timely: .no), Self.answer(region: "Bretagne", useful: .partly),
            Self.answer(region: "Corse"),
        ], asked: 6)
        #expect(figures.asked == 6)
        #expect(figures.total.count == 4)
        #expect(figures.total.yesPercent?[.timely] == 75)
        #expect(figures.total.yesPercent?[.recommend] == 0)
        let bretagne = figures.byRegion.first { $0.label == "Bretagne" }
        #expect(bretagne?.yesPercent?[.timely] == 67 && bretagne?.yesPercent?[.useful] == 67)
        let corse = figures.byRegion.first { $0.label == "Corse" }
        #expect(corse?.count == 1 && corse?.yesPercent == nil, "one answer in a région names its director to anyone who knows the cases")
    }

    @Test("a case counts in each of its axes; delays fall in buckets, no written answer apart")
    func axesAndDelays() {
        let figures = FeedbackFigures(answers: [
            Self.answer([.solidarite, .juridique], first: 5, close: 30), Self.answer([.juridique], first: 60, close: 100),
            Self.answer([.juridique], first: nil, close: 24 * 40),
        ], asked: 3)
        #expect(figures.byAxis.map(\.label) == [Axis.solidarite.label, Axis.juridique.label])
        #expect(figures.byAxis.map(\.count) == [1, 3])
        #expect(figures.byFirstAnswer.map(\.label) == ["Moins de 48\u{00A0}h", "2 à 7 jours", "Aucune réponse écrite"])
        #expect(figures.byClosure.map(\.label) == ["Moins de 48\u{00A0}h", "2 à 7 jours", "Plus de 4 semaines"])
        #expect(DelayBucket.of(hours: 24 * 10) == .underAMonth)
        #expect(DelayBucket.of(hours: nil) == .none)
    }

    @Test("comments and reports have a length; a report cannot be empty")
    func lengths() {
        #expect(ClosingFeedbackRules.commentProblem(String(repeating: "é", count: 2000)) == nil)
        #expect(ClosingFeedbackRules.commentProblem(String(repeating: "é", count: 2001)) != nil)
        #expect(SheetFeedbackRules.commentProblem(String(repeating: "a", count: 1001)) != nil)
        #expect(SheetFeedbackRules.reportProblem("") == "Décrivez ce qui est inexact ou ce qui a changé.")
        #expect(SheetFeedbackRules.reportProblem(String(repeating: "a", count: 4001))?.contains("trop long") == true)
        #expect(SheetFeedbackRules.reportProblem("L’article a changé.") == nil)
    }

    @Test("the sheets' limit allows five sends per browser and twenty per network address in a quarter of an hour")
    func limits() {
        let throttle = SheetFeedbackRules.throttle
        let five = (0..<5).map { Double($0) }
        #expect(throttle.waitTime(byAccount: Array(five.prefix(4)), byNetworkAddress: [], now: 10) == nil)
        #expect(throttle.waitTime(byAccount: five, byNetworkAddress: five, now: 10) != nil)
        #expect(throttle.waitTime(byAccount: [], byNetworkAddress: (0..<19).map(Double.init), now: 30) == nil)
        #expect(throttle.waitTime(byAccount: [], byNetworkAddress: (0..<20).map(Double.init), now: 30) != nil)
        #expect(SheetFeedbackRules.waitMessage(seconds: 61).contains("2\u{00A0}minutes"))
    }

    @Test("every question has its three fixed answers, in French with the right spaces")
    func words() {
        for question in FeedbackQuestion.allCases {
            #expect(question.label.hasSuffix("\u{00A0}?"))
            #expect(Set(FeedbackAnswer.allCases.map(question.answerLabel)).count == 3)
        }
        #expect(FeedbackAnswer.allCases.map(\.rawValue) == ["oui", "en_partie", "non"])
        #expect(SheetReportStatus.allCases.filter(\.isOpen) == [.received, .drafted])
    }
}
