import Foundation

/// The matrix in plain Dutch, as Ratcliffe's calculator summarises it: which distance and time combinations
/// hold clearly more pairs of attacks than chance would give.
enum NearRepeatSummary {
    static func sentences(_ cells: [NearRepeatCell], bands: NearRepeatBands, permutations: Int) -> [String] {
        guard permutations > 0 else { return ["Zonder permutaties is niet te zeggen of er een near-repeatpatroon is."] }
        let lastTimeBand = bands.days.count
        let elevated = cells.filter {
            $0.isElevated && $0.timeBand < lastTimeBand && $0.distanceBand <= bands.distances.count
        }
        guard !elevated.isEmpty else {
            return [
                "Geen combinatie van afstand en tijd telt significant meer aanslagen dan bij toeval (p ≤ 0,05): geen near-repeatpatroon in deze gegevens."
            ]
        }
        return elevated.map { cell in
            let place = cell.distanceBand == 0 ? "Op dezelfde locatie" : "Op \(cell.distanceLabel) afstand"
            return
                "\(place) en \(cell.timeLabel) na een aanslag: \((cell.ratio ?? 0).dutchDecimal(1))× zoveel aanslagen als bij toeval "
                + "(\(cell.observed) paren, verwacht \(cell.expected.dutchDecimal(1)); p = \((cell.pValue ?? 1).dutchDecimal(3)))."
        }
    }
}
