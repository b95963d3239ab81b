import NEIGCore
import Testing

@Suite struct RiskAreaGroupingTests {
    func zone(_ x: Double, _ y: Double, from: Int, until: Int, radius: Double = 400) -> RiskAreaGrouping.Zone {
        .init(x: x, y: y, radius: radius, from: from, until: until)
    }

    @Test func zonesChainedByOverlapFormOneAreaAndDistantOrEndedOnesDoNot() {
        let zones = [
            zone(0, 0, from: 0, until: 28),
            zone(700, 0, from: 5, until: 33), // touches the first (700 ≤ 800)
            zone(1400, 0, from: 10, until: 38), // touches only the second: joined through it
            zone(5000, 0, from: 0, until: 28), // far away
            zone(0, 0, from: 40, until: 68) // the same place, after the first three ended
        ]
        #expect(RiskAreaGrouping.groups(zones) == [[0, 1, 2], [3], [4]])
        #expect(!RiskAreaGrouping.overlap(zones[0], zones[2]))
        #expect(RiskAreaGrouping.overlap(zone(0, 0, from: 0, until: 10), zone(800, 0, from: 10, until: 20)))
    }

    @Test func anAreaHoldsAllItsZonesAndIsRankedByAttacksThenRecency() {
        let extent = RiskAreaGrouping.extent([zone(0, 0, from: 0, until: 1), zone(600, 0, from: 0, until: 1)])
        #expect(extent.x == 300 && extent.y == 0 && extent.radius == 700)
        #expect(
            RiskAreaGrouping.priority(attacks: 3, daysSinceLastAttack: 20)
                > RiskAreaGrouping.priority(attacks: 2, daysSinceLastAttack: 0))
        #expect(
            RiskAreaGrouping.priority(attacks: 2, daysSinceLastAttack: 1)
                > RiskAreaGrouping.priority(attacks: 2, daysSinceLastAttack: 9))
        #expect(RiskAreaGrouping.priority(attacks: Int.max, daysSinceLastAttack: Int.min) == 1_000_028)
        #expect(RiskAreaGrouping.level(attacks: 2, daysSinceLastAttack: 3) == .high)
        #expect(RiskAreaGrouping.level(attacks: 2, daysSinceLastAttack: 10) == .raised)
        #expect(RiskAreaGrouping.level(attacks: 1, daysSinceLastAttack: 0) == .normal)
    }
}
