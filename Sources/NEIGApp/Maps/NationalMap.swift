import NEIGCore
import Synchronization

/// Attacks per municipality as a choropleth of the whole country.
enum NationalMap {
    /// A sequential orange–red ramp (ColorBrewer OrRd): one hue getting darker reads the same for the common
    /// colour-vision deficiencies, and the classes stay apart in greyscale print.
    static let ramp = ["#f4f4f1", "#fdd49e", "#fdae6b", "#f16913", "#c23b0b", "#6e1a05"]

    struct Classes: Sendable {
        /// Lower bound of each class; the first class holds everything below the second bound.
        let bounds: [Int]
        let labels: [String]
        let colours: [String]

        func index(of count: Int) -> Int { bounds.lastIndex { count >= $0 } ?? 0 }
    }

    /// Members see the exact classes, zero apart.
    static let exact = Classes(
        bounds: [0, 1, 5, 10, 25, 50], labels: ["0", "1–4", "5–9", "10–24", "25–49", "50 of meer"], colours: ramp)
    /// Open data: everything below 5 — zero too — is one class, as in the table.
    static let suppressed = Classes(
        bounds: [0, 5, 10, 25, 50], labels: ["<5", "5–9", "10–24", "25–49", "50 of meer"],
        colours: [ramp[0], ramp[2], ramp[3], ramp[4], ramp[5]])

    /// What one municipality shows: the class it is coloured by and the text its tooltip gives.
    struct Value: Sendable {
        let classIndex: Int
        let shown: String
    }

    static let width = 520.0

    static func frame(_ boundaries: MunicipalBoundaries) -> MapFrame {
        MapFrame(bounds: boundaries.bounds.expanded(by: 2_500), width: width)
    }

    /// The country's paths depend only on the boundaries, so they are drawn once per process.
    private static let pathCache = Mutex<[ObjectIdentifier: [String: String]]>([:])

    static func paths(_ boundaries: MunicipalBoundaries) -> [String: String] {
        let key = ObjectIdentifier(boundaries)
        if let cached = pathCache.withLock({ $0[key] }) { return cached }
        let frame = frame(boundaries)
        // Half a unit on the drawing (about 250 m) is below what a reader can see at this size.
        let tolerance = frame.metresPerUnit * 0.5
        var paths: [String: String] = [:]
        for code in boundaries.codes {
            paths[code] = frame.path(boundaries.rings(of: code, tolerance: tolerance))
        }
        pathCache.withLock { $0[key] = paths }
        return paths
    }

    /// The map; `values` holds every municipality's class and tooltip text.
    static func canvas(registry: MunicipalityRegistry, values: [String: Value], classes: Classes) -> MapCanvas? {
        guard let boundaries = registry.boundaries else { return nil }
        let paths = paths(boundaries)
        var canvas = MapCanvas(frame: frame(boundaries))
        for code in boundaries.codes {
            guard let path = paths[code] else { continue }
            let value = values[code] ?? Value(classIndex: 0, shown: classes.labels[0])
            let place = registry[code]?.displayName ?? boundaries[code]?.name ?? code
            canvas.area(
                code: code, path: path, fill: classes.colours[min(value.classIndex, classes.colours.count - 1)],
                title: "\(place): \(value.shown)")
        }
        for (label, colour) in zip(classes.labels, classes.colours) { canvas.addLegend(label, fill: colour) }
        return canvas
    }
}
