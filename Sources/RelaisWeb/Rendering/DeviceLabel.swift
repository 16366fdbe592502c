/// A few words for a browser, from its `User-Agent`, so a person recognises their own devices in
/// the list of sessions (« Firefox sur Linux »). Unknown agents are « Navigateur inconnu ».
enum DeviceLabel {
    static func describe(_ userAgent: String) -> String {
        let agent = userAgent.lowercased()
        let browser: String? =
            agent.contains("edg/") ? "Edge"
            : agent.contains("opr/") ? "Opera"
            : agent.contains("firefox/") ? "Firefox"
            : agent.contains("chrome/") || agent.contains("chromium/") || agent.contains("crios/") ? "Chrome"
            : agent.contains("safari/") ? "Safari"
            : nil
        let system: String? =
            agent.contains("android") ? "Android"
            : agent.contains("iphone") || agent.contains("ipad") ? "iOS"
            : agent.contains("windows") ? "Windows"
            : agent.contains("mac os x") || agent.contains("macintosh") ? "macOS"
            : agent.contains("linux") ? "Linux"
            : nil
        switch (browser, system) {
        case let (browser?, system?): return "\(browser) sur \(system)"
        case let (browser?, nil): return browser
        case let (nil, system?): return "Navigateur sur \(system)"
        default: return "Navigateur inconnu"
        }
    }
}
