import Foundation
import Testing

@testable import NEIGCore

@Suite struct MunicipalityRegistryTests {
    @Test func bundledTableHasAll342MunicipalitiesWithCentres() {
        let registry = MunicipalityRegistry.bundled
        #expect(registry.all.count == 342)
        #expect(Set(registry.all.map(\.province)).count == 12)
        #expect(registry["GM0518"]?.displayName == "Den Haag")
        #expect(registry["GM0363"]?.centroidIsApproximate == false)
        #expect(registry.all.allSatisfy { $0.centroid.isInNetherlands })
    }

    @Test func aNewerTableCanReplaceItAndBadTablesAreRefused() {
        let newer =
            "gemeentecode;gemeentenaam;roepnaam;provincie;veiligheidsregiocode;veiligheidsregionaam\nGM9001;Nieuwgemeente;;Utrecht;VR09;Utrecht\n"
        guard case .success(let registry) = MunicipalityRegistry.parse(Array(newer.utf8)) else {
            Issue.record("refused")
            return
        }
        #expect(registry.all.map(\.code) == ["GM9001"])
        #expect(registry["GM9001"]?.centroidIsApproximate == true)
        let duplicate = newer + "GM9001;Dubbel;;Utrecht;VR09;Utrecht\nX1;Fout;;Utrecht;VR09;Utrecht\n"
        guard case .failure(let problems) = MunicipalityRegistry.parse(Array(duplicate.utf8)) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.problems.map(\.line) == [3, 4])
    }
}

@Suite struct PasswordPolicyTests {
    @Test func commonAndShortPasswordsAreRefusedStrongOnesAccepted() {
        #expect(PasswordPolicy.problem("kort") != nil)
        #expect(PasswordPolicy.problem("Wachtwoord2024!") != nil)
        #expect(PasswordPolicy.problem("WelkomWelkom") != nil)
        #expect(PasswordPolicy.problem("aaaaaaaaaaaaaaaa") != nil)
        #expect(PasswordPolicy.problem("anna.devries-2025", email: "anna.devries@gemeente.nl") != nil)
        #expect(PasswordPolicy.problem("Tulp-fiets-Kanaal-17") == nil)
    }
}
