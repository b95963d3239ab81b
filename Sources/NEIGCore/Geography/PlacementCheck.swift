extension MunicipalityRegistry {
    /// How far outside its municipality a point may lie before it is questioned: the boundaries are generalised, and
    /// an attack on a border street is often registered by the municipality across the street.
    public static let placementTolerance = 1_000.0

    /// A Dutch sentence when the point lies more than `placementTolerance` outside the municipality's boundary,
    /// naming where it does lie; nil when it fits, or when there are no boundaries to check against.
    public func placementWarning(_ point: RDPoint, municipality code: String) -> String? {
        guard let boundaries, let shape = boundaries[code] else { return nil }
        if shape.bounds.contains(point), shape.contains(point) { return nil }
        let outside = shape.distanceOutside(point)
        guard outside > Self.placementTolerance else { return nil }
        let name = self[code]?.displayName ?? shape.name
        let distance = "\((outside / 1000).dutchDecimal(1)) km buiten \(name)"
        let found = boundaries.municipalities(containing: point).compactMap { self[$0]?.displayName }
        guard let place = found.first else {
            return "de coördinaten liggen in geen enkele gemeente (op zee of over de grens), \(distance)"
        }
        return "de coördinaten liggen in \(place), \(distance); klopt de gemeentecode?"
    }
}
