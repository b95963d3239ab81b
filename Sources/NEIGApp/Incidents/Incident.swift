import Fluent
import NEIGCore
import Vapor

/// One attack in the register. `occurred_on` is an ISO date string so both databases sort and compare
/// it the same way; `year` and `month` are stored for fast grouping in the monitor.
final class Incident: Model, @unchecked Sendable {
    static let schema = "incidents"

    @ID(key: .id) var id: UUID?
    @Field(key: "source") var source: String
    @Field(key: "source_id") var sourceID: String
    @Field(key: "occurred_on") var occurredOn: String
    @Field(key: "year") var year: Int
    @Field(key: "month") var month: Int
    @OptionalField(key: "time_of_day") var timeOfDay: String?
    @Field(key: "municipality_code") var municipalityCode: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "postcode") var postcode: String?
    @OptionalField(key: "address_key") var addressKey: String?
    @OptionalField(key: "bag_id") var bagID: String?
    @Field(key: "rd_x") var rdX: Double
    @Field(key: "rd_y") var rdY: Double
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    @Field(key: "target") var target: TargetType
    @Field(key: "means") var means: AttackMeans
    @OptionalField(key: "description") var descriptionText: String?
    @Field(key: "definition_version") var definitionVersion: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(_ record: IncidentRecord) {
        apply(record)
    }

    func apply(_ record: IncidentRecord) {
        source = record.source
        sourceID = record.sourceID
        occurredOn = record.date.iso
        year = record.date.year
        month = record.date.month
        timeOfDay = record.time?.text
        municipalityCode = record.municipalityCode
        address = record.address
        postcode = record.postcode
        addressKey = record.addressKey
        bagID = record.bagID
        rdX = record.rd.x
        rdY = record.rd.y
        latitude = record.wgs84.latitude
        longitude = record.wgs84.longitude
        target = record.target
        means = record.means
        descriptionText = record.description
        definitionVersion = record.definitionVersion
    }

    var record: IncidentRecord {
        IncidentRecord(
            sourceID: sourceID, source: source,
            date: CivilDate(parsing: occurredOn) ?? CivilDate(year: year, month: month, day: 1)!,
            time: timeOfDay.flatMap(TimeOfDay.init(parsing:)), municipalityCode: municipalityCode, address: address,
            postcode: postcode, rd: RDPoint(x: rdX, y: rdY), wgs84: GeoPoint(latitude: latitude, longitude: longitude),
            target: target, means: means,
            description: descriptionText, definitionVersion: definitionVersion, bagID: bagID)
    }
}

struct CreateIncidents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Incident.schema)
            .id()
            .field("source", .string, .required)
            .field("source_id", .string, .required)
            .field("occurred_on", .string, .required)
            .field("year", .int, .required)
            .field("month", .int, .required)
            .field("time_of_day", .string)
            .field("municipality_code", .string, .required)
            .field("address", .string)
            .field("postcode", .string)
            .field("address_key", .string)
            .field("rd_x", .double, .required)
            .field("rd_y", .double, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("target", .string, .required)
            .field("means", .string, .required)
            .field("description", .string)
            .field("definition_version", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "source", "source_id")
            .create()
        let sql = database.sql
        // Covering indexes: the monitor's GROUP BY and the repeat-address query read only the index.
        try await sql.create(index: "incidents_year_month").on(Incident.schema)
            .column("year").column("month").column("target").column("municipality_code").run()
        try await sql.create(index: "incidents_municipality_date").on(Incident.schema)
            .column("municipality_code").column("occurred_on").run()
        try await sql.create(index: "incidents_occurred_on").on(Incident.schema).column("occurred_on").run()
        try await sql.create(index: "incidents_address_key").on(Incident.schema).column("address_key").column(
            "occurred_on"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Incident.schema).delete()
    }
}
