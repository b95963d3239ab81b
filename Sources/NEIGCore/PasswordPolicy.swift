/// ASVS 2.1: at least 12 characters, no maximum below 64, and not a known common or breached password.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// Common passwords from public breach lists, plus the Dutch favourites; compared case-insensitively,
    /// also with trailing digits and punctuation removed ("Welkom2024!" is "welkom").
    static let common: Set<String> = [
        "123456789012", "1234567890", "qwertyuiop", "password", "passw0rd", "wachtwoord", "welkom", "welkomwelkom",
        "geheim", "voorjaar", "zomer", "najaar", "winter", "lente", "herfst", "ajax", "feyenoord", "psv", "nederland",
        "amsterdam", "rotterdam", "utrecht", "denhaag", "gemeente", "politie", "burgemeester", "iloveyou", "sunshine",
        "princess", "football", "baseball", "dragon", "monkey", "letmein", "trustno1", "superman", "batman", "master",
        "welcome", "administrator", "admin", "changeme", "qwerty", "abc123", "starwars", "whatever", "shadow",
        "michael",
        "jennifer", "computer", "internet", "neig", "explosie", "demo-wachtwoord-neig", "correcthorsebatterystaple",
        "wachtwoordwachtwoord", "passwordpassword", "qwertyqwerty", "azertyuiop", "asdfghjkl", "zxcvbnm",
        "1q2w3e4r5t6y",
        "aaaaaaaaaaaa", "111111111111", "000000000000", "abcdefghijkl", "lekkerding", "hallohallo", "voetbal"
    ]

    /// A Dutch reason why the password is refused, or nil when it is acceptable.
    public static func problem(_ password: String, email: String? = nil) -> String? {
        if password.count < minimumLength { return "het wachtwoord moet minstens \(minimumLength) tekens hebben" }
        if password.count > maximumLength { return "het wachtwoord mag hoogstens \(maximumLength) tekens hebben" }
        let lowered = password.lowercased()
        var core = Substring(lowered)
        while let last = core.last, last.isNumber || last.isPunctuation || last.isSymbol || last == " " {
            core.removeLast()
        }
        if common.contains(lowered) || common.contains(String(core)) || Set(lowered).count <= 2 {
            return "dit wachtwoord komt voor in lijsten van veelgebruikte of gelekte wachtwoorden; kies een ander"
        }
        if let local = email?.lowercased().split(separator: "@").first, local.count >= 4, lowered.contains(local) {
            return "het wachtwoord mag uw e-mailadres niet bevatten"
        }
        return nil
    }
}
