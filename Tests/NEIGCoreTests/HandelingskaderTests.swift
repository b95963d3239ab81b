import NEIGCore
import Testing

@Suite struct AwbDeadlineTests {
    func date(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    @Test func weekdaysAreISO() {
        #expect(date("1970-01-01").weekday == 4)
        #expect(date("2025-06-30").weekday == 1)
        #expect(date("2025-04-27").weekday == 7)
        #expect(date("1969-12-31").weekday == 3)
    }

    @Test func easterAndTheHolidaysOfTheAlgemeneTermijnenwet() {
        #expect(AwbDeadlines.easterSunday(2024) == date("2024-03-31"))
        #expect(AwbDeadlines.easterSunday(2025) == date("2025-04-20"))
        #expect(AwbDeadlines.easterSunday(2026) == date("2026-04-05"))
        let holidays = AwbDeadlines.holidays(in: 2025)
        #expect(holidays.contains(date("2025-04-26")), "King's Day moves to the 26th when the 27th is a Sunday")
        #expect(!holidays.contains(date("2025-04-27")))
        for day in [
            "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-29", "2025-06-09", "2025-12-25",
            "2025-12-26"
        ] {
            #expect(holidays.contains(date(day)), "\(day)")
        }
    }

    @Test func objectionPeriodIsSixWeeksFromTheDayAfterNotification() {
        #expect(AwbDeadlines.objectionEnds(notifiedOn: date("2025-06-03")) == date("2025-07-15"))
    }

    @Test func aPeriodEndingOnTheDaylightSavingSundayRunsToMonday() {
        // 30 March 2025 (clocks forward) and 26 October 2025 (clocks back) are Sundays.
        #expect(AwbDeadlines.objectionEnds(notifiedOn: date("2025-02-16")) == date("2025-03-31"))
        #expect(AwbDeadlines.objectionEnds(notifiedOn: date("2025-09-14")) == date("2025-10-27"))
        #expect(AwbDeadlines.decisionDue(notifiedOn: date("2025-02-16"), extended: false) == date("2025-05-12"))
        #expect(AwbDeadlines.decisionDue(notifiedOn: date("2025-02-16"), extended: true) == date("2025-06-23"))
    }

    @Test func aPeriodEndingOnNewYearsDayRunsIntoTheNextYear() {
        #expect(AwbDeadlines.objectionEnds(notifiedOn: date("2025-11-20")) == date("2026-01-02"))
        #expect(AwbDeadlines.decisionDue(notifiedOn: date("2025-11-20"), extended: false) == date("2026-02-13"))
        #expect(AwbDeadlines.decisionDue(notifiedOn: date("2025-11-20"), extended: true) == date("2026-03-27"))
        // Christmas: 2025-11-14 + 6 weeks is Friday 26 December → Monday 29 December.
        #expect(AwbDeadlines.objectionEnds(notifiedOn: date("2025-11-14")) == date("2025-12-29"))
    }

    @Test func easterWeekendPushesTheEndPastGoodFridayAndEasterMonday() {
        #expect(AwbDeadlines.objectionEnds(notifiedOn: date("2026-02-20")) == date("2026-04-07"))
    }
}

@Suite struct HandelingskaderRuleTests {
    @Test func measuresFollowTheirStateFlow() {
        #expect(MeasureState.concept.canMove(to: .voorgelegd))
        #expect(!MeasureState.concept.canMove(to: .vastgesteld), "a decision is put to the mayor before adoption")
        #expect(!MeasureState.voorgelegd.canMove(to: .bekendgemaakt))
        #expect(MeasureState.bekendgemaakt.canMove(to: .ingetrokken))
        #expect(MeasureState.beeindigd.allowedNext.isEmpty && MeasureState.ingetrokken.allowedNext.isEmpty)
        #expect(MeasureState.mayorOnly == [.vastgesteld])
        #expect(MeasureType.allCases.filter { $0.legalBasis == nil } == [.apv])
        #expect(!MeasureType.emergencyOrdinance.isObjectable)
    }

    @Test func checklistTextRoundTripsAndNamesBadLines() throws {
        let text = ChecklistText.format(ChecklistText.nationalDefault)
        #expect(try ChecklistText.parse(text).get() == ChecklistText.nationalDefault)
        let bad =
            "# lokale stappen\nexplosie | Buren bellen | OOV | 6\ngesloten | X | Y | 1\nnazorg | Evaluatie | OOV\ndreiging | Gesprek | OOV | morgen\n"
        guard case .failure(let problems) = ChecklistText.parse(bad) else {
            Issue.record("bad text accepted")
            return
        }
        #expect(problems.lines.map(\.line) == [3, 4, 5])
        #expect(problems.lines[2].reason.contains("morgen"))
        guard case .failure = ChecklistText.parse("\n# niets\n") else {
            Issue.record("an empty template was accepted")
            return
        }
    }

    @Test func signalsGoToTheFirstMatchingRuleByPriority() {
        let rules = [
            SignalRoutingRule(priority: 50, postcodeAreas: [], kinds: [], senders: [], team: "Algemeen"),
            SignalRoutingRule(
                priority: 10, postcodeAreas: ["1017"], kinds: [], senders: [.business], team: "Centrum ondernemers"),
            SignalRoutingRule(priority: 20, postcodeAreas: [], kinds: [.extortion], senders: [], team: "Ondermijning")
        ]
        #expect(
            SignalRoutingRule.route(postcode: "1017 GC", kind: .threat, sender: .business, rules: rules)
                == "Centrum ondernemers")
        #expect(
            SignalRoutingRule.route(postcode: "1018 AB", kind: .extortion, sender: .business, rules: rules)
                == "Ondermijning")
        #expect(SignalRoutingRule.route(postcode: nil, kind: .threat, sender: .police, rules: rules) == "Algemeen")
        #expect(
            SignalRoutingRule.route(postcode: "1017 GC", kind: .threat, sender: .police, rules: Array(rules.prefix(0)))
                == nil)
        #expect(SignalStatus.new.allowedNext.contains(.rejected) && SignalStatus.rejected.allowedNext.isEmpty)
    }

    @Test func informationIsNeedToKnowAndExpires() {
        let mayor = Actor(role: .mayor, municipalityCode: "GM0363")
        func visible(
            _ viewer: Actor, id: String = "v", users: Set<String> = [], roles: Set<Role> = [], expired: Bool = false
        ) -> Bool {
            AccessPolicy.canSeeInformation(
                viewer: viewer, viewerID: id, authorID: "a", municipalityCode: "GM0363",
                recipientUserIDs: users, recipientRoles: roles, expired: expired)
        }
        #expect(visible(mayor, roles: [.mayor]))
        #expect(!visible(Actor(role: .municipalOfficer, municipalityCode: "GM0363"), roles: [.mayor]))
        #expect(
            !visible(Actor(role: .mayor, municipalityCode: "GM0599"), roles: [.mayor]),
            "roles count only inside the case's municipality")
        #expect(visible(Actor(role: .municipalOfficer, municipalityCode: "GM0363"), id: "o", users: ["o"]))
        #expect(visible(Actor(role: .police, municipalityCode: nil), id: "a"), "the author sees their own item")
        #expect(
            !visible(Actor(role: .police, municipalityCode: nil), id: "a", expired: true), "nobody sees an expired item"
        )
        #expect(!visible(Actor(role: .analyst, municipalityCode: "GM0363"), roles: [.analyst]))
    }

    @Test func retentionCutoffsCountBackFromToday() {
        let policy = RetentionPolicy(closedCaseDays: 730, expiredInformationDays: 0, settledSignalDays: 365)
        let today = CivilDate(parsing: "2025-06-30")!
        #expect(policy.closedCaseCutoff(today: today).iso == "2023-07-01")
        #expect(policy.signalCutoff(today: today).iso == "2024-06-30")
        #expect(policy.informationCutoff(today: today) == today)
    }
}

@Suite struct MeasureWordingTests {
    @Test func theMayorAndTheLetterSayTheSameDecisionInPlainDutch() throws {
        let wording = MeasureWording(
            type: .closure174a, legalBasis: "artikel 174a Gemeentewet", object: "Verzinsingel 15", addressee: nil,
            startsOn: CivilDate(year: 2026, month: 12, day: 3), endsOn: CivilDate(year: 2027, month: 3, day: 3))
        #expect(
            wording.summaryForMayor
                == "U besluit tot sluiting van Verzinsingel 15 van 3 december 2026 tot 3 maart 2027 op grond van artikel 174a Gemeentewet."
        )
        #expect(
            wording.decisionSentence
                == "Ik heb besloten tot sluiting van Verzinsingel 15 van 3 december 2026 tot 3 maart 2027. Dit besluit neem ik op grond van artikel 174a Gemeentewet."
        )
        let open = MeasureWording(
            type: .areaBan, legalBasis: "artikel 172a Gemeentewet", object: "het Centrum", addressee: "J. Jansen",
            startsOn: nil, endsOn: nil)
        #expect(
            open.summaryForMayor.hasPrefix(
                "U besluit tot een gebiedsverbod voor J. Jansen rond het Centrum vanaf de dag na bekendmaking tot nader besluit"
            ))
        #expect(open.decisionSentence.contains("tot ik anders besluit."))
    }
}
