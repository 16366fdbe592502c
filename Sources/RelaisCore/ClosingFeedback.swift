import Foundation

/// The three questions a director is asked once their case closes (issue 21, item 2), their fixed
/// answers, and the rules of the figures staff read. Precise questions with fixed answers are read;
/// a vague « êtes-vous satisfait ? » is not.
public enum FeedbackQuestion: String, Sendable, CaseIterable, Codable {
    /// « Avez-vous eu une réponse à temps ? »
    case timely = "a_temps"
    /// « Cette aide vous a-t-elle été utile ? »
    case useful = "utile"
    /// « Recommanderiez-vous Relais à un collègue ? »
    case recommend = "recommande"

    public var label: String {
        switch self {
        case .timely: "Avez-vous eu une réponse à temps\u{00A0}?"
        case .useful: "Cette aide vous a-t-elle été utile\u{00A0}?"
        case .recommend: "Recommanderiez-vous Relais à un collègue dans une situation comparable\u{00A0}?"
        }
    }

    /// What a « oui » says, in the dashboard's one line (« réponse à temps 80 % »).
    public var shortLabel: String {
        switch self {
        case .timely: "réponse à temps"
        case .useful: "aide utile"
        case .recommend: "recommanderaient Relais"
        }
    }

    /// The fixed answers of this question, in the order the form shows them.
    public func answerLabel(_ answer: FeedbackAnswer) -> String {
        switch (self, answer) {
        case (.timely, .yes): "Oui, à temps"
        case (.timely, .partly): "En partie"
        case (.timely, .no): "Non, trop tard"
        case (.useful, .yes): "Oui, utile"
        case (.useful, .partly): "En partie"
        case (.useful, .no): "Non"
        case (.recommend, .yes): "Oui"
        case (.recommend, .partly): "Peut-être"
        case (.recommend, .no): "Non"
        }
    }
}

/// A fixed answer; stored as its raw value.
public enum FeedbackAnswer: String, Sendable, CaseIterable, Codable {
    case yes = "oui"
    case partly = "en_partie"
    case no = "non"
}

/// The director's answers as they send them.
public struct ClosingAnswers: Sendable, Equatable {
    public var timely: FeedbackAnswer
    public var useful: FeedbackAnswer
    public var recommend: FeedbackAnswer
    /// Free text, possibly empty.
    public var comment: String
    /// Whether the correspondent of the case may read `comment` (never the three answers).
    public var shareComment: Bool

    public init(timely: FeedbackAnswer, useful: FeedbackAnswer, recommend: FeedbackAnswer, comment: String, shareComment: Bool) {
        self.timely = timely
        self.useful = useful
        self.recommend = recommend
        self.comment = comment
        self.shareComment = shareComment
    }

    public func answer(_ question: FeedbackQuestion) -> FeedbackAnswer {
        switch question {
        case .timely: timely
        case .useful: useful
        case .recommend: recommend
        }
    }
}

public enum ClosingFeedbackRules {
    /// The longest comment kept.
    public static let commentLimit = 2000
    /// A cell of figures counting fewer answers is not shown: with one or two answers, staff who know
    /// the cases of a région would know whose they are.
    public static let minimumCell = 3

    /// Whether closing a case with `outcome` asks its director the three questions. A director who
    /// withdrew their case was not helped through to the end: nothing to ask.
    public static func asks(after outcome: CaseOutcome) -> Bool {
        outcome != .retiree
    }

    /// Whether the correspondent of the case reads the comment: only when the director allowed it and
    /// wrote one. The three answers are never theirs (they are about the correspondent, and a
    /// correspondent who knows who rated them badly is a volunteer lost or a director exposed).
    public static func correspondentReadsComment(shared: Bool, comment: String) -> Bool {
        shared && !comment.isEmpty
    }

    /// The French problem with a comment, or nil.
    public static func commentProblem(_ comment: String) -> String? {
        comment.count > commentLimit ? "Votre commentaire est trop long (2\u{00A0}000 caractères au plus)." : nil
    }
}

/// A delay in buckets, so that the figures say « 2 à 7 jours » and no cell is one case.
public enum DelayBucket: String, Sendable, CaseIterable, Codable {
    case underTwoDays = "moins-48h"
    case underAWeek = "2-7j"
    case underAMonth = "1-4sem"
    case longer = "plus-4sem"
    /// No answer was ever written by the correspondent or staff (first answer only).
    case none = "aucune"

    public static func of(hours: Double?) -> DelayBucket {
        guard let hours else { return .none }
        switch hours {
        case ..<48: return .underTwoDays
        case ..<(7 * 24): return .underAWeek
        case ..<(28 * 24): return .underAMonth
        default: return .longer
        }
    }

    public var label: String {
        switch self {
        case .underTwoDays: "Moins de 48\u{00A0}h"
        case .underAWeek: "2 à 7 jours"
        case .underAMonth: "1 à 4 semaines"
        case .longer: "Plus de 4 semaines"
        case .none: "Aucune réponse écrite"
        }
    }
}

/// Staff's figures of the closing feedback: answers counted by a dimension, each cell with fewer
/// than `ClosingFeedbackRules.minimumCell` answers suppressed. Pure: the store gives one `Answer` per
/// answered case, with no name, no reference and no comment.
public struct FeedbackFigures: Sendable, Equatable {
    /// One answered case as the figures see it.
    public struct Answer: Sendable, Equatable {
        public var axes: [Axis]
        public var regionName: String
        /// Hours from opening to the first message written by the correspondent or staff, if any.
        public var hoursToFirstAnswer: Double?
        /// Hours from opening to closing.
        public var hoursToClose: Double?
        public var timely: FeedbackAnswer
        public var useful: FeedbackAnswer
        public var recommend: FeedbackAnswer

        public init(axes: [Axis], regionName: String, hoursToFirstAnswer: Double?, hoursToClose: Double?,
                    timely: FeedbackAnswer, useful: FeedbackAnswer, recommend: FeedbackAnswer) {
            self.axes = axes
            self.regionName = regionName
            self.hoursToFirstAnswer = hoursToFirstAnswer
            self.hoursToClose = hoursToClose
            self.timely = timely
            self.useful = useful
            self.recommend = recommend
        }

        func answer(_ question: FeedbackQuestion) -> FeedbackAnswer {
            switch question {
            case .timely: timely
            case .useful: useful
            case .recommend: recommend
            }
        }
    }

    /// A line of a table: its label, how many answered, and per question the share of « oui »
    /// (nil when the cell is suppressed).
    public struct Row: Sendable, Equatable {
        public var label: String
        public var count: Int
        /// Nil: fewer than `minimumCell` answers, nothing shown but « moins de 3 réponses ».
        public var yesPercent: [FeedbackQuestion: Int]?
    }

    public var total: Row
    public var byAxis: [Row]
    public var byRegion: [Row]
    public var byFirstAnswer: [Row]
    public var byClosure: [Row]
    /// Cases whose director was asked, answered or not.
    public var asked: Int

    public init(answers: [Answer], asked: Int) {
        self.asked = asked
        total = Self.row("Toutes les demandes", answers)
        byAxis = Axis.allCases.map { axis in Self.row(axis.label, answers.filter { $0.axes.contains(axis) }) }.filter { $0.count > 0 }
        byRegion = Set(answers.map(\.regionName)).sorted { Text.folded($0) < Text.folded($1) }.map { region in
            Self.row(region, answers.filter { $0.regionName == region })
        }
        byFirstAnswer = DelayBucket.allCases.map { bucket in
            Self.row(bucket.label, answers.filter { DelayBucket.of(hours: $0.hoursToFirstAnswer) == bucket })
        }.filter { $0.count > 0 }
        byClosure = DelayBucket.allCases.filter { $0 != .none }.map { bucket in
            Self.row(bucket.label, answers.filter { $0.hoursToClose != nil && DelayBucket.of(hours: $0.hoursToClose) == bucket })
        }.filter { $0.count > 0 }
    }

    /// One cell: suppressed under the minimum.
    static func row(_ label: String, _ answers: [Answer]) -> Row {
        guard answers.count >= ClosingFeedbackRules.minimumCell else { return Row(label: label, count: answers.count, yesPercent: nil) }
        var shares: [FeedbackQuestion: Int] = [:]
        for question in FeedbackQuestion.allCases {
            let yes = answers.filter { $0.answer(question) == .yes }.count
            shares[question] = Int((Double(yes) * 100 / Double(answers.count)).rounded())
        }
        return Row(label: label, count: answers.count, yesPercent: shares)
    }
}
