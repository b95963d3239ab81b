import Foundation
import NEIGFormats
import Testing

@testable import NEIGCore

@Suite struct GeographyTests {
    let registry = MunicipalityRegistry.bundled
    var boundaries: MunicipalBoundaries { registry.boundaries! }

    @Test func everyMunicipalityHasItsOutlineAndAPointInsideIt() throws {
        #expect(boundaries.shapes.count == 342)
        #expect(Set(boundaries.codes) == Set(registry.all.map(\.code)))
        for municipality in registry.all {
            #expect(!municipality.centroidIsApproximate, "\(municipality.code)")
            let shape = try #require(boundaries[municipality.code])
            #expect(shape.contains(municipality.centroid), "\(municipality.code) point lies outside its boundary")
            #expect(
                boundaries.municipalities(containing: municipality.centroid) == [municipality.code],
                "\(municipality.code) point also lies in another municipality")
        }
        // The reference README's spot checks.
        #expect(registry["GM0363"]?.centroid == RDPoint(x: 119_799, y: 487_598))
        #expect(registry["GM0599"]?.centroid == RDPoint(x: 93_202, y: 437_683))
        // Total area of the polygons, shoelace over all rings: 35,046 km² per the README.
        var area = 0.0
        for shape in boundaries.shapes {
            for ring in shape.rings {
                var sum = 0.0
                for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) { sum += a.x * b.y - b.x * a.y }
                area += abs(sum) / 2
            }
        }
        #expect(abs(area / 1e6 - 35_046) < 5)
    }

    @Test func aPointIsFoundInItsMunicipalityAndTheSeaInNone() {
        #expect(boundaries.municipalities(containing: RDPoint(x: 121_400, y: 487_400)) == ["GM0363"])
        #expect(boundaries.municipalities(containing: RDPoint(x: 92_500, y: 437_500)) == ["GM0599"])
        #expect(boundaries.municipalities(containing: RDPoint(x: 177_100, y: 319_076)) == ["GM0935"])
        // The North Sea west of Noord-Holland, and Germany east of Enschede.
        #expect(boundaries.municipalities(containing: RDPoint(x: 60_000, y: 500_000)).isEmpty)
        #expect(boundaries.municipalities(containing: RDPoint(x: 275_000, y: 470_000)).isEmpty)
    }

    @Test func neighboursAreTheMunicipalitiesSharingABorder() {
        let amsterdam = Set(boundaries.neighbours(of: "GM0363"))
        // Amstelveen, Diemen, Ouder-Amstel, Zaanstad, Landsmeer, Haarlemmermeer.
        #expect(amsterdam.isSuperset(of: ["GM0362", "GM0384", "GM0437", "GM0479", "GM0415", "GM0394"]))
        #expect(!amsterdam.contains("GM0599"))
        #expect(!amsterdam.contains("GM0363"))
        // Neighbourship is symmetric.
        for code in amsterdam { #expect(boundaries.neighbours(of: code).contains("GM0363"), "\(code)") }
    }

    /// Walks from a municipality's interior point in one direction until the point lies `distance` metres outside.
    func pointOutside(_ code: String, by distance: Double, heading: (Double, Double)) -> RDPoint {
        let shape = boundaries[code]!
        var point = registry[code]!.centroid
        while shape.distanceOutside(point) < distance {
            point = RDPoint(x: point.x + heading.0 * 25, y: point.y + heading.1 * 25)
        }
        return point
    }

    @Test func anIncidentFarOutsideItsMunicipalityIsNotedAndTheImportGoesOn() throws {
        let near = pointOutside("GM0363", by: 500, heading: (0, -1))
        let far = pointOutside("GM0363", by: 3_000, heading: (0, -1))
        let farIn = try #require(boundaries.municipalities(containing: far).first)
        let csv = """
            bron_id;datum;gemeentecode;x;y;doelwit;middel
            P-1;2025-01-02;GM0363;121400;487400;woning;explosief
            P-2;2025-01-03;GM0363;\(near.x);\(near.y);woning;explosief
            P-3;2025-01-04;GM0363;\(far.x);\(far.y);woning;explosief
            P-4;2025-01-05;GM0363;92500;437500;bedrijf;explosief

            """
        let result = IncidentImportParser(municipalities: registry, today: CivilDate(year: 2025, month: 6, day: 30)!)
            .parse(Array(csv.utf8))
        #expect(result.problems.isEmpty)
        #expect(result.records.count == 4)
        #expect(result.notes.map(\.line) == [4, 5])
        #expect(result.notes.allSatisfy { $0.column == "gemeentecode" })
        let farName = registry[farIn]!.displayName
        #expect(
            result.notes[0].description.hasPrefix("line 4, column gemeentecode: de coördinaten liggen in \(farName)"))
        #expect(result.notes[0].reason.contains("buiten Amsterdam"))
        #expect(result.notes[1].reason.contains("liggen in Rotterdam"))
    }

    @Test func aPointAtSeaIsNotedAsInNoMunicipality() {
        let warning = registry.placementWarning(RDPoint(x: 60_000, y: 500_000), municipality: "GM0363")
        #expect(warning?.contains("in geen enkele gemeente") == true)
        #expect(registry.placementWarning(RDPoint(x: 121_400, y: 487_400), municipality: "GM0363") == nil)
        // A table without boundaries checks nothing.
        #expect(
            MunicipalityRegistry.bundledTable.placementWarning(RDPoint(x: 60_000, y: 500_000), municipality: "GM0363")
                == nil)
    }

    @Test func theBoundariesMustNameTheTablesMunicipalities() {
        let table =
            "gemeentecode;gemeentenaam;roepnaam;provincie;veiligheidsregiocode;veiligheidsregionaam\nGM0363;Amsterdam;;Noord-Holland;VR13;Amsterdam-Amstelland\nGM9001;Nieuwgemeente;;Utrecht;VR09;Utrecht\n"
        guard case .success(let small) = MunicipalityRegistry.parse(Array(table.utf8)) else {
            Issue.record("table refused")
            return
        }
        guard
            case .failure(let problems) = MunicipalityRegistry.assemble(
                table: small, boundaries: boundaries, points: MunicipalPoints.bundled)
        else {
            Issue.record("a table of two municipalities was assembled with 342 boundaries")
            return
        }
        let text = problems.description
        #expect(text.contains("grenzen: GM9001 uit de gemeentetabel ontbreekt"))
        #expect(text.contains("punten: GM9001 uit de gemeentetabel ontbreekt"))
        #expect(text.contains("grenzen: GM0014 staat niet in de gemeentetabel"))
    }

    @Test func brokenBoundaryFilesAreRefusedNotCrashedOn() {
        let cases = [
            "", "{}", "[1,2]", #"{"type":"FeatureCollection","arcs":[],"objects":{}}"#,
            #"{"type":"Topology","arcs":[],"objects":{"g":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"statcode":"GM0363"}}]}}}"#,
            #"{"type":"Topology","arcs":[[[0,0],[1,0],[0,1]]],"objects":{"g":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[-5]],"properties":{"statcode":"GM0363"}}]}}}"#,
            #"{"type":"Topology","arcs":[[[0,0],[1,0],[0,1]]],"objects":{"g":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"statcode":"Amsterdam"}}]}}}"#
        ]
        for text in cases {
            guard case .failure(let problems) = MunicipalBoundaries.parse(Data(text.utf8)) else {
                Issue.record("accepted: \(text)")
                continue
            }
            #expect(!problems.problems.isEmpty)
        }
        let valid =
            #"{"type":"Topology","transform":{"scale":[1,1],"translate":[100000,400000]},"arcs":[[[0,0],[1000,0],[0,1000],[-1000,0],[0,-1000]]],"objects":{"g":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]],"id":"GM0363"}]}}}"#
        guard case .success(let square) = MunicipalBoundaries.parse(Data(valid.utf8)) else {
            Issue.record("a valid square was refused")
            return
        }
        #expect(square.municipalities(containing: RDPoint(x: 100_500, y: 400_500)) == ["GM0363"])
        #expect(square.municipalities(containing: RDPoint(x: 101_500, y: 400_500)).isEmpty)
        #expect(abs(square["GM0363"]!.distanceOutside(RDPoint(x: 101_500, y: 400_500)) - 500) < 1e-9)
    }

    @Test func pointFilesAreCheckedRowByRow() {
        let text =
            "gemeentecode;rd_x;rd_y\nGM0363;119799;487598\nGM0363;1;2\nX;1;2\nGM0599;abc;437683\nGM0518;900000;454170\n"
        guard case .failure(let problems) = MunicipalPoints.parse(Array(text.utf8)) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.problems.map(\.line) == [3, 4, 5, 6])
        #expect(problems.problems[2].column == "rd_x")
    }

    @Test func simplificationKeepsArcEndsSoNeighboursStillMeet() {
        let line = (0...100).map { RDPoint(x: Double($0) * 10, y: $0 == 50 ? 30 : 0) }
        let simplified = PlanarGeometry.simplified(line, tolerance: 5)
        #expect(simplified.first == line.first && simplified.last == line.last)
        #expect(simplified.contains(RDPoint(x: 500, y: 30)))
        #expect(simplified.count == 5)
        // Every shared arc is simplified once, so both neighbours draw exactly the same border points.
        let amsterdam = Set(boundaries.rings(of: "GM0363", tolerance: 200).joined())
        let diemen = Set(boundaries.rings(of: "GM0384", tolerance: 200).joined())
        #expect(amsterdam.intersection(diemen).count >= 2)
        #expect(
            boundaries.rings(of: "GM0363", tolerance: 200).joined().count < boundaries["GM0363"]!.rings.joined().count)
    }

    @Test func streetsAndPostcodeAreasNameAPlaceNotADoor() {
        #expect(AddressParts.street(of: "Verzinsingel 12") == "Verzinsingel")
        #expect(AddressParts.street(of: "Verzinsingel 12a") == "Verzinsingel")
        #expect(AddressParts.street(of: "Laan van Meerdervoort 1 A") == "Laan van Meerdervoort")
        #expect(AddressParts.street(of: "Plein 1940-1945 3") == "Plein 1940-1945")
        #expect(AddressParts.street(of: "Dam") == "Dam")
        #expect(AddressParts.street(of: "12") == nil)
        #expect(AddressParts.postcodeArea(of: "1011 AB") == "1011")
        #expect(AddressParts.postcodeArea(of: "AB") == nil)
    }

    @Test func peaksAreTheDensestPlacesApart() throws {
        // Two clusters 5 km apart, the first twice as dense.
        var x: [Double] = [], y: [Double] = []
        for i in 0..<20 {
            x.append(120_000 + Double(i % 5) * 20)
            y.append(480_000 + Double(i / 5) * 20)
        }
        for i in 0..<10 {
            x.append(125_000 + Double(i % 5) * 20)
            y.append(480_000 + Double(i / 5) * 20)
        }
        let grid = try DensityGrid.quartic(x: x, y: y, bandwidth: 400, cellSize: 50)
        let peaks = grid.peaks(limit: 5, separation: 1_600)
        #expect(peaks.count == 2)
        #expect(peaks[0].point.distance(to: RDPoint(x: 120_040, y: 480_030)) < 100)
        #expect(peaks[1].point.distance(to: RDPoint(x: 125_040, y: 480_030)) < 100)
        #expect(peaks[0].density > peaks[1].density)
    }
}
