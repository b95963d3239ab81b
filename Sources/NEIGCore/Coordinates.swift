import Foundation

/// A point in the Dutch national grid, RD New (EPSG:28992), in metres.
public struct RDPoint: Hashable, Codable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The Netherlands' bounding box as used for validation (issue #3): x 0–300 km, y 300–625 km.
    public var isInNetherlands: Bool { (0...300_000).contains(x) && (300_000...625_000).contains(y) }

    public func distance(to other: RDPoint) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }
}

/// A WGS84 position in decimal degrees.
public struct GeoPoint: Hashable, Codable, Sendable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    public var isInNetherlands: Bool { (50.7...53.7).contains(latitude) && (3.2...7.3).contains(longitude) }
}

/// The standard polynomial approximation between RD and WGS84 (Schreutelkamp & Strang van Hees,
/// "Benaderingsformules voor de transformatie tussen RD- en WGS84-kaartcoördinaten", 2001).
/// Accurate to about a metre inside the Netherlands, which is far below the precision of incident locations.
public enum RDConversion {
    static let x0 = 155_000.0, y0 = 463_000.0
    static let phi0 = 52.15517440, lambda0 = 5.38720621

    // (p, q, coefficient): term = K * dX^p * dY^q, result in arc seconds.
    static let latitudeTerms: [(Int, Int, Double)] = [
        (0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978),
        (0, 3, -0.06550), (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530),
        (2, 3, -0.00039), (4, 1, 0.00033), (1, 1, -0.00012)
    ]
    static let longitudeTerms: [(Int, Int, Double)] = [
        (1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885),
        (1, 3, 0.05594), (3, 1, -0.05607), (0, 1, 0.01199), (3, 2, -0.00256),
        (1, 4, 0.00128), (0, 2, 0.00022), (2, 0, -0.00022), (5, 0, 0.00026)
    ]
    // (p, q, coefficient): term = R * dPhi^p * dLambda^q, result in metres.
    static let xTerms: [(Int, Int, Double)] = [
        (0, 1, 190_094.945), (1, 1, -11_832.228), (2, 1, -114.221), (0, 3, -32.391),
        (1, 0, -0.705), (3, 1, -2.340), (1, 3, -0.608), (0, 2, -0.008), (2, 3, 0.148)
    ]
    static let yTerms: [(Int, Int, Double)] = [
        (1, 0, 309_056.544), (0, 2, 3_638.893), (2, 0, 73.077), (1, 2, -157.984),
        (3, 0, 59.788), (0, 1, 0.433), (2, 2, -6.439), (1, 1, -0.032), (0, 4, 0.092), (1, 4, -0.054)
    ]

    static func evaluate(_ terms: [(Int, Int, Double)], _ a: Double, _ b: Double) -> Double {
        // Integer powers by multiplication: pow() dominated the import profile.
        func power(_ value: Double, _ exponent: Int) -> Double {
            var result = 1.0
            for _ in 0..<exponent { result *= value }
            return result
        }
        var sum = 0.0
        for (p, q, coefficient) in terms { sum += coefficient * power(a, p) * power(b, q) }
        return sum
    }

    public static func toWGS84(_ point: RDPoint) -> GeoPoint {
        let dX = (point.x - x0) * 1e-5
        let dY = (point.y - y0) * 1e-5
        return GeoPoint(
            latitude: phi0 + evaluate(latitudeTerms, dX, dY) / 3600,
            longitude: lambda0 + evaluate(longitudeTerms, dX, dY) / 3600)
    }

    public static func toRD(_ point: GeoPoint) -> RDPoint {
        let dPhi = 0.36 * (point.latitude - phi0)
        let dLambda = 0.36 * (point.longitude - lambda0)
        return RDPoint(x: x0 + evaluate(xTerms, dPhi, dLambda), y: y0 + evaluate(yTerms, dPhi, dLambda))
    }
}
