/// Codes of the territory, as the INSEE Code officiel géographique writes them.
public enum Territory {
    /// Whether a string has the shape of a département code: `01`–`95`, `2A`, `2B`, `971`–`976`.
    public static func isDepartementCode(_ code: String) -> Bool {
        if code == "2A" || code == "2B" { return true }
        guard code.allSatisfy(\.isASCII), let number = Int(code) else { return false }
        switch code.count {
        case 2: return (1...95).contains(number) && number != 20
        case 3: return (971...976).contains(number)
        default: return false
        }
    }
}
