/// Deadlines of the Algemene wet bestuursrecht for a decision, on civil dates in the Netherlands, so that
/// daylight-saving changes cannot move them.
///
/// - Objection (bezwaar): six weeks, starting the day after the decision was made known (Awb 6:7, 6:8).
/// - Decision on the objection: six weeks from the day after the objection period ended (Awb 7:10 lid 1),
///   extendable once by six weeks (7:10 lid 3).
/// - A statutory period that ends on a Saturday, Sunday or recognised holiday runs on to the next working day
///   (Algemene termijnenwet art. 1 and 3).
public enum AwbDeadlines {
    public static let objectionWeeks = 6
    public static let decisionWeeks = 6
    public static let extensionWeeks = 6
    /// How many days ahead neig warns of a deadline.
    public static let warningDays = 7

    public static func objectionEnds(notifiedOn: CivilDate) -> CivilDate {
        nextWorkingDay(notifiedOn.adding(days: objectionWeeks * 7))
    }

    /// The decision term counts from the day the objection period actually ended, so after any Atw extension.
    public static func decisionDue(notifiedOn: CivilDate, extended: Bool) -> CivilDate {
        let periodEnd = objectionEnds(notifiedOn: notifiedOn)
        return nextWorkingDay(periodEnd.adding(days: (decisionWeeks + (extended ? extensionWeeks : 0)) * 7))
    }

    public static func nextWorkingDay(_ date: CivilDate) -> CivilDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    public static func isWorkingDay(_ date: CivilDate) -> Bool {
        date.weekday < 6 && !holidays(in: date.year).contains(date)
    }

    /// The holidays of Algemene termijnenwet art. 3, with Good Friday (equated by decree) and King's Day
    /// (26 April when the 27th is a Sunday).
    public static func holidays(in year: Int) -> Set<CivilDate> {
        let easter = easterSunday(year)
        let kingsDay = CivilDate(year: year, month: 4, day: 27)!
        return [
            CivilDate(year: year, month: 1, day: 1)!,
            easter.adding(days: -2), easter.adding(days: 1), easter.adding(days: 39), easter.adding(days: 50),
            kingsDay.weekday == 7 ? kingsDay.adding(days: -1) : kingsDay,
            CivilDate(year: year, month: 5, day: 5)!,
            CivilDate(year: year, month: 12, day: 25)!, CivilDate(year: year, month: 12, day: 26)!
        ]
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }
}

extension CivilDate {
    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var weekday: Int {
        // Day number 0 is 1970-01-01, a Thursday.
        ((dayNumber % 7) + 7 + 3) % 7 + 1
    }
}
