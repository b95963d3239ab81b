import Foundation
import Testing

@testable import NEIGApp

@Suite struct IncidentChoiceTests {
    func incident(_ address: String, x: Double, y: Double) -> Incident {
        let incident = Incident()
        incident.id = UUID()
        incident.address = address
        incident.rdX = x
        incident.rdY = y
        return incident
    }

    @Test func attacksAtTheCaseAddressThenNearTheLinkedOnesComeFirst() {
        let far = incident("Ver weg 1", x: 130_000, y: 480_000)
        let near = incident("Buurstraat 2", x: 121_300, y: 487_400)
        let nearer = incident("Buurstraat 1", x: 121_250, y: 487_400)
        let same = incident("verzinsingel  15, 1017 GC", x: 125_000, y: 490_000)
        let linked = [incident("Verzinsingel 13", x: 121_200, y: 487_400)]
        let ordered = CaseDetailModel.nearestFirst(
            [far, near, same, nearer], address: "Verzinsingel 15, Amsterdam", linked: linked)
        #expect(ordered.map(\.address) == [same.address, nearer.address, near.address, far.address])
    }
}
