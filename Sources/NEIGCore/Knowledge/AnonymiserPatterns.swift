import Foundation

extension Anonymiser {
    enum Patterns {
        static func regex(_ pattern: String, caseInsensitive: Bool = false) -> NSRegularExpression {
            // The patterns are constants of this file; a mistake in one is a programming error caught by the tests.
            try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        }

        nonisolated(unsafe) static let email = regex(
            #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#)

        /// Dutch numbers: ten digits starting with 0, or +31/0031 and nine digits, spaces and dashes anywhere.
        nonisolated(unsafe) static let phone = regex(
            #"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?[1-9](?:(?:\s?-\s?|\s)?\d){8}|\(?0[1-9](?:(?:\)?\s?-\s?|\)\s?|\s)?\d){8})(?![\d])"#
        )

        /// A BAG object id (`BAGObjectID`) points at one address as surely as the address itself; a spreadsheet may have
        /// dropped its leading zeros, so the scanner checks 13 to 16 digits as the import reads them.
        nonisolated(unsafe) static let bagID = regex(#"(?<![\d.,-])\d{13,16}(?![\d-]|[.,]\d)"#)
        nonisolated(unsafe) static let bsn = regex(#"(?<![\d.,-])\d(?:[.\s]?\d){8}(?![\d-]|[.,]\d)"#)

        /// Four digits (not starting with 0) and two letters, except the letter pairs PostNL never issues.
        nonisolated(unsafe) static let postcode = regex(
            #"(?<![\w-])(?:[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}|[1-9]\d{3}(?!sa|sd|ss)[a-z]{2})(?![\p{L}\d])"#)

        /// The Dutch licence-plate side codes 1–14, written with dashes.
        nonisolated(unsafe) static let licencePlate: NSRegularExpression = {
            let codes = [
                "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D", "D-LLL-DD",
                "LL-DDD-L",
                "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D"
            ]
            let alternatives = codes.map { code in
                code.split(separator: "-").map { group in "\(group.first == "L" ? "[A-Z]" : "\\d"){\(group.count)}" }
                    .joined(separator: "-")
            }
            return regex("(?<![\\w-])(?:\(alternatives.joined(separator: "|")))(?![\\w-])")
        }()

        nonisolated(unsafe) static let numericDate = regex(
            #"(?<![\d-])((?:0?[1-9]|[12]\d|3[01]))[-/.]((?:0?[1-9]|1[0-2]))[-/.](\d{4})(?!\d)"#)
        nonisolated(unsafe) static let writtenDate = regex(
            #"(?<!\d)((?:0?[1-9]|[12]\d|3[01]))\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?\s+(\d{4})(?!\d)"#,
            caseInsensitive: true)
        static let birthWords = [
            "geboren", "geb.", "geboortedatum", "geboortedag", "geb. datum", "geboorte", "d.o.b", "date of birth"
        ]

        static let streetSuffixes = [
            "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "steeg", "hof", "park", "dreef",
            "pad", "markt", "baan", "plantsoen", "wal", "burgwal", "boulevard", "allee", "erf", "ring", "haven", "dam",
            "zijde", "brug", "poort", "hoven", "akker", "weide", "donk", "kamp", "oord", "vaart", "sloot", "hoek",
            "werf", "kwartier", "promenade", "passage", "galerij", "esplanade", "laantje", "straatje", "hofje", "veld",
            "wetering", "dreef", "lei", "rijk", "stede", "terras"
        ]

        /// A street with a usual suffix and a house number with its addition: "Burgemeester de Vlugtlaan 12-2", "Kerkstraat 3A".
        nonisolated(unsafe) static let streetWithSuffix = regex(
            #"(?<![\p{L}\d.])(?:(?:St\.|[A-Z][\p{L}'-]*)\s+(?:(?:van|de|der|den|het|'t|ter|ten|te)\s+)*){0,3}[A-Z][\p{L}'-]*(?:"#
                + streetSuffixes.joined(separator: "|")
                + #")\s+\d{1,5}(?:\s?-\s?\d{1,3}|\s?[a-zA-Z](?![\p{L}])|\s(?:hs|bis|huis|I{1,3})(?![\p{L}]))?(?![\d])"#)

        /// Streets without a usual suffix are recognised after words about living somewhere: "woont aan het Damrak 12".
        nonisolated(unsafe) static let streetAfterLivingWords = regex(
            #"(?:woont|woonde|wonen|woonden|woonachtig|adres|verhuisd|verhuist|gevestigd|ingeschreven)(?::|\s+(?:aan|op|in|naar))?\s+(?:de\s+|het\s+)?([A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+){0,2})\s+(\d{1,4}[a-zA-Z]?)(?![\d\p{L}])"#
        )

        static let leadingWords: Set<String> = [
            "In", "Op", "Aan", "Bij", "Naar", "Uit", "Voor", "Na", "Over", "Langs", "Tegen", "Het", "De",
            "Een", "Deze", "Die", "Dat", "Vanaf", "Tot", "Om", "Rond", "En", "Of", "Maar", "Dan", "Toen",
            "Ook", "Nabij", "Achter", "Tussen", "Via", "Sinds"
        ]

        static let lowercaseParticles: Set<String> = ["van", "de", "der", "den", "het", "'t", "ter", "ten", "te"]
        static let particles = #"(?:van|de|der|den|ter|ten|het|'t|te|el|al|ben|bin|da|di|du|la|le|von|op|in)"#
        static let surnameWord = #"[A-Z][\p{Ll}'’-]*[\p{Ll}](?:-[A-Z][\p{Ll}'’-]+)?"#

        /// "de heer Jansen", "mevrouw El Amrani", "dhr. P. de Vries".
        nonisolated(unsafe) static let titledName = regex(
            #"(?<![\p{L}])(?:[Dd]e heer|[Mm]evrouw|[Mm]eneer|[Dd]hr\.|[Mm]w\.|[Mm]evr\.|[Mm]r\.|[Dd]rs\.|[Ii]ng\.|[Dd]r\.)\s+((?:[A-Z]\.\s?)*(?:"#
                + particles + #"\s+)*(?:[A-Z][\p{L}'’-]+)(?:\s+(?:"# + particles + #"\s+)*[A-Z][\p{L}'’-]+)?)"#)

        /// A capitalised word after a word for a person in a case is nearly always a name: "bewoner Karim", "verdachte Jansen".
        nonisolated(unsafe) static let roleName = regex(
            #"(?<![\p{L}])(?:bewoner|bewoonster|bewoners|verdachte|slachtoffer|eigenaar|eigenaresse|huurder|huurster|buurman|buurvrouw|vader|moeder|zoon|dochter|broer|zus|zwager|neef|nicht|echtgenoot|echtgenote|partner|vriend|vriendin|ondernemer|uitbater|aangever|aangeefster|melder|getuige|jongen|jongeman|meisje|man|vrouw|genaamd|heet)\s+((?:"#
                + particles + #"\s+)*[A-Z][\p{L}'’-]+(?:\s+(?:"# + particles + #"\s+)*(?:[A-Z][\p{L}'’-]+|[A-Z]\.))?)"#)

        /// "J. de Vries", "A.B. Jansen-Bakker".
        nonisolated(unsafe) static let initialsName = regex(
            #"(?<![\p{L}.])(?:[A-Z]\.\s?){1,4}(?:"# + particles + #"\s+)*"# + surnameWord + #"(?![\p{L}])"#)

        /// A known first name, with what follows it as surname: "Jan de Vries", "Mohamed B.", "Fatima".
        nonisolated(unsafe) static let firstName = regex(
            #"(?<![\p{L}])(?:"# + firstNames.sorted { $0.count > $1.count }.joined(separator: "|")
                + #")(?![\p{L}])(?:\s+(?:[A-Z]\.\s?)+(?![\p{L}]))?(?:(?:\s+"#
                + particles + #")*\s+"# + surnameWord + #"(?![\p{L}])|\s+[A-Z]\.(?![\p{L}]))?"#)

        /// A capitalised word followed by a common Dutch surname: "Priscilla de Jong", "Kees Bakker".
        nonisolated(unsafe) static let knownSurname = regex(
            #"(?<![\p{L}])[A-Z][\p{Ll}]+(?:\s+(?:"# + particles + #"))*\s+(?:"# + surnames.joined(separator: "|")
                + #")(?![\p{L}])"#)

        static let firstNames: Set<String> = [
            "Jan", "Piet", "Kees", "Klaas", "Henk", "Gerrit", "Willem", "Hendrik", "Johannes", "Cornelis", "Pieter",
            "Jacobus", "Johan",
            "Peter", "Paul", "Marco", "Erik", "Eric", "Frank", "Hans", "Jeroen", "Martijn", "Bas", "Thijs", "Tim",
            "Tom", "Rick", "Ruud",
            "Sander", "Dennis", "Patrick", "Michel", "Marcel", "Richard", "Robert", "Ronald", "Rene", "René", "Edwin",
            "Arjen", "Arjan",
            "Wouter", "Joost", "Maarten", "Niels", "Stefan", "Vincent", "Jeroen", "Daan", "Sem", "Lucas", "Levi",
            "Finn", "Milan", "Luuk",
            "Jesse", "Noah", "Liam", "Bram", "Lars", "Thomas", "Ruben", "Julian", "Stijn", "Gijs", "Jasper", "Koen",
            "Mees", "Jens",
            "Sven", "Dirk", "Joris", "Teun", "Wim", "Henny", "Harry", "Ton", "Anton", "Theo", "Fred", "Gert", "Geert",
            "Leo", "Sjaak",
            "Anna", "Emma", "Sophie", "Julia", "Tess", "Zoë", "Sara", "Sarah", "Eva", "Lotte", "Lisa", "Fleur", "Noa",
            "Mila", "Nina",
            "Evi", "Saar", "Lieke", "Femke", "Anouk", "Sanne", "Iris", "Linda", "Monique", "Petra", "Marieke", "Ingrid",
            "Annemarie",
            "Esther", "Wilma", "Marja", "Maria", "Anja", "Karin", "Sandra", "Nicole", "Patricia", "Kim", "Laura",
            "Manon", "Mirjam",
            "Ellen", "Els", "Ria", "Truus", "Joke", "Anneke", "Corrie", "Gerda", "Tineke", "Yvonne", "Bianca",
            "Jolanda", "Priscilla",
            "Mohamed", "Mohammed", "Muhammed", "Ahmed", "Ahmet", "Ali", "Hassan", "Hussein", "Youssef", "Yusuf", "Omar",
            "Karim",
            "Mustafa", "Mehmet", "Ibrahim", "Ismail", "Said", "Rachid", "Khalid", "Abdel", "Abdelkader", "Bilal",
            "Hamza", "Mounir",
            "Nordin", "Redouan", "Soufiane", "Anouar", "Achraf", "Ayoub", "Amine", "Adam", "Rayan", "Ilias", "Yassine",
            "Zakaria",
            "Fatima", "Fatma", "Aisha", "Aicha", "Khadija", "Meryem", "Nadia", "Samira", "Naima", "Latifa", "Yasmina",
            "Salma",
            "Ayse", "Ayşe", "Emine", "Zeynep", "Elif", "Hatice", "Murat", "Emre", "Burak", "Kemal", "Hakan", "Serkan",
            "Osman",
            "Kevin", "Glenn", "Romano", "Dwayne", "Jermaine", "Ryan", "Dylan", "Shanti", "Rajesh", "Sunita", "Priya",
            "Anil",
            "Wesley", "Jordy", "Mitchell", "Danny", "Rico", "Jimmy", "Mike", "John", "David", "Daniel", "Michael",
            "Jacob",
            "Joseph", "James", "Steven", "Sean", "Anthony", "Nathan", "Jayden", "Damian", "Marvin", "Jamal", "Tarik",
            "Samir"
        ]

        static let surnames = [
            "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
            "Meijer", "de Boer",
            "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
            "Dijkstra", "Smits",
            "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
            "van der Veen",
            "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek", "Willems", "van Vliet",
            "van de Ven",
            "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Peeters",
            "de Jonge",
            "Kuipers", "van Veen", "Post", "Kuiper", "Veenstra", "Kramer", "van den Brink", "Scholten", "van Wijk",
            "Postma", "Martens",
            "Vink", "de Ruiter", "Timmermans", "Groen", "Gerritsen", "Jonker", "van Loon", "Boer", "van der Velde",
            "Willemsen", "Smeets",
            "de Lange", "de Vos", "Bosch", "van Dongen", "Schipper", "de Koning", "van der Laan", "Koning",
            "van der Velden", "Driessen",
            "van Doorn", "Hermans", "Evers", "van den Bosch", "van der Meulen", "Hofman", "Bosman", "Wolters",
            "Sanders", "van der Horst",
            "Mol", "Kuijpers", "Molenaar", "van de Pol", "de Leeuw", "Verbeek", "Yilmaz", "Kaya", "Demir", "Şahin",
            "Sahin", "Çelik",
            "Celik", "Yıldız", "Yildiz", "Öztürk", "Ozturk", "El Amrani", "El Idrissi", "Bouzid", "Benali", "Ouali",
            "Haddou",
            "Boukhari", "Aziz", "Tahiri", "Ahmadi", "Mohammadi"
        ]

        /// Capitalised words that look like names in patterns but are places, organisations, laws or calendar words.
        static let notNames: Set<String> = [
            "Politie", "Gemeente", "Openbaar", "Ministerie", "Justitie", "Veiligheid", "VNG", "NEIG",
            "Woningcorporatie", "Ondernemersvereniging",
            "Meld", "Misdaad", "Anoniem", "Burgemeester", "Wethouder", "College", "Raad", "Gemeentewet", "Opiumwet",
            "Awb", "Wpg", "AVG",
            "Wet", "APV", "Artikel", "Europa", "Nederland", "Rijk", "Rijksoverheid", "Veiligheidsregio", "Regio",
            "Eenheid", "Team",
            "Januari", "Februari", "Maart", "April", "Mei", "Juni", "Juli", "Augustus", "September", "Oktober",
            "November", "December",
            "Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag", "Field", "Lab", "Offensief",
            "Explosies",
            "Handelingskader", "Mevrouw", "Meneer", "Heer", "Dhr", "Mw", "Mevr", "Het", "De", "Een", "Deze", "Die",
            "Dat", "Er", "Hij", "Zij", "Ze", "Wij", "We", "Ik", "Jij", "U"
        ]
    }
}
