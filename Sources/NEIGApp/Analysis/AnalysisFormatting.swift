import Foundation
import NEIGCore
import NEIGFormats

/// Results of the space-time analyses as JSON, CSV and plain Dutch text, for the CLI and the web page.
public enum AnalysisFormatting {
    public static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func knoxText(_ result: KnoxResult) -> String {
        var lines = [
            "Knox-test: \(result.n) aanslagen, dichtbij = binnen \(Int(result.distance)) m en \(result.days) dagen",
            "  paren dichtbij in ruimte: \(result.spatialPairs), in tijd: \(result.temporalPairs), van \(result.pairs)",
            "  paren dichtbij in beide: \(result.observed) (verwacht bij toeval \(result.expected.dutchDecimal(2)))"
        ]
        if let p = result.pValue {
            lines.append(
                "  p-waarde (\(result.permutations) permutaties): \(p.dutchDecimal(3)); Poisson: \(result.pPoisson.dutchDecimal(4))"
            )
        } else {
            lines.append("  p-waarde Poisson: \(result.pPoisson.dutchDecimal(4))")
        }
        let significant = (result.pValue ?? result.pPoisson) <= 0.05 && Double(result.observed) > result.expected
        lines.append(
            significant
                ? "  Er zijn meer aanslagen dicht bij elkaar in ruimte en tijd dan bij toeval: een near-repeatpatroon."
                : "  Geen aanwijzing voor een near-repeatpatroon bij deze afstand en termijn.")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func nearRepeatCSV(_ result: NearRepeatResult) -> String {
        let csv = CSVWriter(lineEnding: "\n")
        var out = csv.row([
            "distance_band", "time_band", "distance_label", "time_label", "observed", "expected", "ratio", "p_value"
        ])
        for cell in result.cells {
            out += csv.row([
                String(cell.distanceBand), String(cell.timeBand), cell.distanceLabel, cell.timeLabel,
                String(cell.observed),
                String(format: "%.4f", cell.expected), cell.ratio.map { String(format: "%.4f", $0) } ?? "",
                cell.pValue.map { String(format: "%.4f", $0) } ?? ""
            ])
        }
        return out
    }

    /// The matrix as Ratcliffe prints it: observed/expected per cell, * when significant at 5 %.
    public static func nearRepeatText(_ result: NearRepeatResult) -> String {
        let timeLabels = Array(Set(result.cells.map(\.timeBand))).sorted().map { band in
            result.cells.first { $0.timeBand == band }!.timeLabel
        }
        let distanceBands = Array(Set(result.cells.map(\.distanceBand))).sorted()
        let labelWidth = max(16, result.cells.map(\.distanceLabel.count).max() ?? 0)
        var out =
            "Near-repeatmatrix: \(result.n) aanslagen, \(result.permutations) permutaties (waargenomen/verwacht, * = p ≤ 0,05)\n"
        out +=
            "".padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            + timeLabels.map { " " + $0.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined() + "\n"
        for band in distanceBands {
            let row = result.cells.filter { $0.distanceBand == band }.sorted { $0.timeBand < $1.timeBand }
            out += row[0].distanceLabel.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            for cell in row {
                let ratio = cell.ratio.map { $0.dutchDecimal(2) } ?? "–"
                out +=
                    " "
                    + "\(cell.observed) (\(ratio))\(cell.isElevated ? "*" : "")".padding(
                        toLength: 18, withPad: " ", startingAt: 0)
            }
            out += "\n"
        }
        return out + result.summary.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    public struct LocalKnoxRow: Codable, Sendable {
        let sourceID: String
        let date: String
        let municipalityCode: String
        let x: Double
        let y: Double
        let neighbours: Int
        let before: Int
        let after: Int
        let sameDay: Int
        let pValue: Double?
        let significant: Bool

        enum CodingKeys: String, CodingKey {
            case date, x, y, neighbours, before, after, significant
            case sourceID = "source_id", municipalityCode = "municipality_code", sameDay = "same_day", pValue =
                "p_value"
        }
    }

    public static func localKnoxRows(_ result: [LocalKnoxIncident], input: AnalysisInput) -> [LocalKnoxRow] {
        result.map { incident in
            let label = input.labels[incident.index]
            return LocalKnoxRow(
                sourceID: label.sourceID, date: label.date.iso, municipalityCode: label.municipalityCode,
                x: input.events.x[incident.index], y: input.events.y[incident.index],
                neighbours: incident.neighbours, before: incident.before, after: incident.after,
                sameDay: incident.sameDay, pValue: incident.pValue, significant: incident.isSignificant)
        }
    }

    public static func localKnoxCSV(_ rows: [LocalKnoxRow]) -> String {
        let csv = CSVWriter(lineEnding: "\n")
        // Source ids come from an imported file: the writer quotes and defuses them like any other text.
        return csv.row([
            "bron_id", "datum", "gemeentecode", "x", "y", "buren", "ervoor", "erna", "zelfde_dag", "p_waarde",
            "significant"
        ])
            + rows.map { row in
                csv.row([
                    row.sourceID, row.date, row.municipalityCode, "\(row.x)", "\(row.y)", String(row.neighbours),
                    String(row.before),
                    String(row.after), String(row.sameDay), row.pValue.map { String(format: "%.4f", $0) } ?? "",
                    row.significant ? "ja" : "nee"
                ])
            }.joined()
    }

    /// Cells with at least `threshold` of the highest density as WGS84 polygons (GeoJSON, RFC 7946).
    public static func hotspotGeoJSON(_ grid: DensityGrid, threshold: Double = 0.05) throws -> String {
        var features: [[String: Any]] = []
        let cutoff = grid.maximum * threshold
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let value = grid.value(column: column, row: row)
                guard value > 0, value >= cutoff else { continue }
                let x0 = grid.originX + Double(column) * grid.cellSize, y0 = grid.originY + Double(row) * grid.cellSize
                let corners = [
                    (x0, y0), (x0 + grid.cellSize, y0), (x0 + grid.cellSize, y0 + grid.cellSize),
                    (x0, y0 + grid.cellSize), (x0, y0)
                ]
                .map { RDConversion.toWGS84(RDPoint(x: $0.0, y: $0.1)) }
                .map { [($0.longitude * 1e6).rounded() / 1e6, ($0.latitude * 1e6).rounded() / 1e6] }
                features.append([
                    "type": "Feature",
                    "geometry": ["type": "Polygon", "coordinates": [corners]],
                    "properties": ["dichtheid_per_km2": (value * 100).rounded() / 100, "rd_x": x0, "rd_y": y0]
                ])
            }
        }
        let collection: [String: Any] = [
            "type": "FeatureCollection",
            "properties": ["bandbreedte_m": grid.bandwidth, "celgrootte_m": grid.cellSize, "kernel": "quartic"],
            "features": features
        ]
        return String(
            decoding: try JSONSerialization.data(withJSONObject: collection, options: [.sortedKeys]), as: UTF8.self)
    }
}
