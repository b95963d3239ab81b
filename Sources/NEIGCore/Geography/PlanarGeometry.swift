/// A rectangle in RD metres.
public struct RDBounds: Sendable, Hashable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public init?(_ points: some Sequence<RDPoint>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        self.init(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let point = iterator.next() { include(point) }
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var centre: RDPoint { RDPoint(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    public mutating func include(_ point: RDPoint) {
        minX = min(minX, point.x)
        minY = min(minY, point.y)
        maxX = max(maxX, point.x)
        maxY = max(maxY, point.y)
    }

    public func union(_ other: RDBounds) -> RDBounds {
        RDBounds(
            minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX),
            maxY: max(maxY, other.maxY))
    }

    public func expanded(by margin: Double) -> RDBounds {
        RDBounds(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    public func contains(_ point: RDPoint, margin: Double = 0) -> Bool {
        point.x >= minX - margin && point.x <= maxX + margin && point.y >= minY - margin && point.y <= maxY + margin
    }

    public func intersects(_ other: RDBounds) -> Bool {
        other.minX <= maxX && other.maxX >= minX && other.minY <= maxY && other.maxY >= minY
    }
}

/// Plane geometry on RD coordinates, which are metres on a conformal projection: over a country this size,
/// Euclidean distance is the distance on the ground to well under a percent.
public enum PlanarGeometry {
    /// Even-odd rule over all rings, so a hole (or an enclave drawn as one) is outside.
    public static func contains(_ rings: [[RDPoint]], _ point: RDPoint) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 3 {
            var previous = ring[ring.count - 1]
            for current in ring {
                if (current.y > point.y) != (previous.y > point.y) {
                    let crossing =
                        (previous.x - current.x) * (point.y - current.y) / (previous.y - current.y) + current.x
                    if point.x < crossing { inside.toggle() }
                }
                previous = current
            }
        }
        return inside
    }

    /// The shortest distance from the point to any edge of the rings.
    public static func distanceToEdges(_ rings: [[RDPoint]], _ point: RDPoint) -> Double {
        var best = Double.infinity
        for ring in rings where ring.count >= 2 {
            var previous = ring[ring.count - 1]
            for current in ring {
                best = min(best, distance(point, segmentFrom: previous, to: current))
                previous = current
            }
        }
        return best
    }

    public static func distance(_ point: RDPoint, segmentFrom a: RDPoint, to b: RDPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return point.distance(to: a) }
        let t = max(0, min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / lengthSquared))
        return point.distance(to: RDPoint(x: a.x + t * dx, y: a.y + t * dy))
    }

    /// Douglas–Peucker; the end points always stay, so arcs simplified apart still meet where they did.
    public static func simplified(_ line: [RDPoint], tolerance: Double) -> [RDPoint] {
        guard line.count > 2, tolerance > 0 else { return line }
        var keep = [Bool](repeating: false, count: line.count)
        keep[0] = true
        keep[line.count - 1] = true
        var stack = [(0, line.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var farthest = first, distanceOfFarthest = 0.0
            for index in (first + 1)..<last {
                let d = distance(line[index], segmentFrom: line[first], to: line[last])
                if d > distanceOfFarthest {
                    distanceOfFarthest = d
                    farthest = index
                }
            }
            if distanceOfFarthest > tolerance {
                keep[farthest] = true
                stack.append((first, farthest))
                stack.append((farthest, last))
            }
        }
        return line.indices.compactMap { keep[$0] ? line[$0] : nil }
    }
}
