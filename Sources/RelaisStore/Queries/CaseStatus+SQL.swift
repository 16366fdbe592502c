import RelaisCore

extension [CaseStatus] {
    /// `('attribuee', 'prise_en_charge', 'en_attente')`, for `status IN …` in SQL: written from the
    /// enum, so a renamed state cannot leave a query behind. The values are the enum's own, never input.
    var sqlList: String { "(" + map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")" }
}

extension CaseStatus {
    /// `'en_attente'`, for `status = …` in SQL.
    var sql: String { "'\(rawValue)'" }
}
