import Foundation

extension Anonymiser {
    /// The patterns, run over one text. Offsets are converted from UTF-16 (NSRegularExpression) to Unicode scalars.
    struct Scanner {
        let text: String
        let referenceYear: Int
        let placeNames: Set<String>
        private let utf16ToScalar: [Int]

        init(text: String, referenceYear: Int, placeNames: Set<String>) {
            self.text = text
            self.referenceYear = referenceYear
            self.placeNames = placeNames
            var table: [Int] = []
            table.reserveCapacity(text.utf16.count + 1)
            var scalarIndex = 0
            for scalar in text.unicodeScalars {
                for _ in 0..<scalar.utf16.count { table.append(scalarIndex) }
                scalarIndex += 1
            }
            table.append(scalarIndex)
            utf16ToScalar = table
        }

        func matches(_ regex: NSRegularExpression) -> [NSTextCheckingResult] {
            regex.matches(in: text, range: NSRange(location: 0, length: text.utf16.count))
        }

        func substring(_ range: NSRange) -> String { (text as NSString).substring(with: range) }

        func finding(_ kind: Kind, _ range: NSRange) -> Finding {
            Finding(
                kind: kind, text: substring(range), start: utf16ToScalar[range.location],
                end: utf16ToScalar[range.location + range.length])
        }

        // MARK: Structured items

        func structured() -> [Finding] {
            var found = matches(Patterns.email).map { finding(.email, $0.range) }
            found += matches(Patterns.bagID).compactMap { match in
                (try? BAGObjectID.parse(substring(match.range)).get()) == nil ? nil : finding(.bagID, match.range)
            }
            found += matches(Patterns.phone).map { finding(.phone, $0.range) }
            found += matches(Patterns.bsn).compactMap { match in
                let digits = substring(match.range).compactMap(\.wholeNumberValue)
                return passesElevenTest(digits) ? finding(.bsn, match.range) : nil
            }
            found += matches(Patterns.postcode).map { finding(.postcode, $0.range) }
            found += matches(Patterns.licencePlate).map { finding(.licencePlate, $0.range) }
            return found
        }

        // MARK: Dates of birth

        /// A date is a birth date when the words before it say so, or when it lies so far back that it cannot be
        /// the date of anything in a recent case.
        func dates() -> [Finding] {
            (matches(Patterns.numericDate) + matches(Patterns.writtenDate)).compactMap { match in
                guard let year = Int(substring(match.range(at: 3))), (1900...referenceYear).contains(year) else {
                    return nil
                }
                let before = NSRange(location: max(0, match.range.location - 60), length: min(60, match.range.location))
                let context = substring(before).lowercased()
                let stated = Patterns.birthWords.contains { context.contains($0) }
                return stated || year <= referenceYear - 14 ? finding(.dateOfBirth, match.range) : nil
            }
        }

        // MARK: Addresses

        func addresses() -> [Finding] {
            var found: [Finding] = []
            for match in matches(Patterns.streetWithSuffix) {
                var range = match.range
                // A sentence may start just before the street: "In de Kerkstraat 12" names "Kerkstraat 12".
                while let first = substring(range).split(separator: " ").first,
                    Patterns.leadingWords.contains(String(first))
                        || Patterns.lowercaseParticles.contains(String(first)),
                    substring(range).split(separator: " ").count > 2
                {
                    let cut = first.utf16.count + 1
                    range = NSRange(location: range.location + cut, length: range.length - cut)
                }
                found.append(finding(.address, range))
            }
            found += matches(Patterns.streetAfterLivingWords).map { match in
                let range = NSUnionRange(match.range(at: 1), match.range(at: 2))
                return finding(.address, range)
            }.filter { !placeNames.contains($0.text.components(separatedBy: " ").first ?? "") }
            return found
        }

        // MARK: Names

        func names() -> [Finding] {
            var found: [Finding] = []
            for pattern in [Patterns.titledName, Patterns.roleName] {
                for match in matches(pattern) where !isExcluded(substring(match.range(at: 1))) {
                    found.append(finding(.personName, match.range(at: 1)))
                }
            }
            for pattern in [Patterns.initialsName, Patterns.firstName, Patterns.knownSurname] {
                for match in matches(pattern) where !isExcluded(substring(match.range)) {
                    found.append(finding(.personName, match.range))
                }
            }
            return found
        }

        /// Place names, organisations, laws and calendar words are not persons.
        func isExcluded(_ candidate: String) -> Bool {
            let words = candidate.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
            guard let last = words.last else { return true }
            if placeNames.contains(candidate)
                || words.contains(where: placeNames.contains) && words.count <= 2
                    && !Patterns.firstNames.contains(words[0])
            {
                return true
            }
            return words.contains(where: Patterns.notNames.contains)
                || Patterns.notNames.contains(last.trimmingCharacters(in: .punctuationCharacters))
        }
    }
}
