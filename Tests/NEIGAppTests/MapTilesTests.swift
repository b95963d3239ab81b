import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// The zoomable maps: PDOK's tiles by their documented template and RD tiling, Leaflet served by neig only from
/// the files it read at start, the boundaries as GeoJSON, and a CSP that lets the tile host serve images only.
@Suite struct MapTilesTests {
    @Test func theTilesArePDOKsRDTilesByTheirDocumentedTemplate() throws {
        #expect(
            MapTiles.pdokTemplate
                == "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:28992/{z}/{x}/{y}.png")
        #expect(try MapTiles.parse(nil) == .pdok)
        #expect(try MapTiles.parse("PDOK") == .pdok)
        // Level 0 is 3440.64 m a pixel (scale 1 : 12,288,000 at 0.28 mm); Amersfoort, the origin of RD, lies
        // exactly in the middle of the grid, so at level 10 it is tile (512, 512).
        #expect(abs(MapTiles.resolutions[0] - 3440.64) < 1e-9)
        #expect(abs(MapTiles.resolutions[16] - 0.0525) < 1e-4)
        let amersfoort = try #require(MapTiles.tile(containing: RDPoint(x: 155_000, y: 463_000), zoom: 10))
        #expect(amersfoort.column == 512 && amersfoort.row == 512)
        #expect(
            MapTiles.pdok.url(zoom: 10, column: 512, row: 512)
                == "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:28992/10/512/512.png")
        #expect(MapTiles.tile(containing: RDPoint(x: 155_000, y: 463_000), zoom: 17) == nil)
        #expect(MapTiles.pdok.origin == "https://service.pdok.nl")
    }

    @Test func anInternalTileServerOrNoneCanBeConfiguredButNothingUnsafe() throws {
        let ownServer = try MapTiles.parse("https://kaart.gemeente.local:8443/wmts/rd/{z}/{x}/{y}.png")
        #expect(ownServer.origin == "https://kaart.gemeente.local:8443")
        #expect(try MapTiles.parse("http://127.0.0.1:9000/{z}/{x}/{y}.png").origin == "http://127.0.0.1:9000")
        #expect(try MapTiles.parse("off") == .off)
        #expect(MapTiles.off.origin == nil)
        for bad in [
            "http://tiles.example.nl/{z}/{x}/{y}.png", "https://tiles.example.nl/{z}/{x}.png",
            "https://tiles.example.nl/{z}/{x}/{y}.png\" onerror=\"x", "https://tiles.example.nl/{z}/{x}/{y}\r\n.png",
            "javascript:alert(1)//{z}{x}{y}", "ftp://tiles.example.nl/{z}/{x}/{y}.png",
            "https://a%20'unsafe-inline'%3Bscript-src%20*/{z}/{x}/{y}.png", "https://tiles%0D%0A.nl/{z}/{x}/{y}.png",
            "http://[::1]:9000/{z}/{x}/{y}.png", "https://tiles.example.nl;script-src/{z}/{x}/{y}.png"
        ] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try MapTiles.parse(bad) }
        }
    }

    @Test func theTileHostMayServeImagesAndNothingElse() async throws {
        try await withNEIGApp { app in
            try await app.testing().test(.GET, "open-data") { res in
                let policy = res.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.contains("img-src 'self' data: https://service.pdok.nl;"))
                #expect(policy.contains("script-src 'self';") && policy.contains("default-src 'self';"))
            }
        }
    }

    @Test func leafletIsServedFromTheFilesReadAtStartAndMapsOfferToZoom() async throws {
        #expect(LeafletAssets.load(directory: "/nonexistent") == nil)
        try await withNEIGApp { app in
            try await app.testing().test(.GET, "static/leaflet/leaflet.min.js") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.hasPrefix("/* stand-in for Debian's libjs-leaflet"))
                #expect(res.headers.contentType?.description.hasPrefix("text/javascript") == true)
            }
            for path in [
                "static/leaflet/..%2F..%2Fetc%2Fpasswd", "static/leaflet/leaflet.js.map", "static/leaflet/images"
            ] {
                try await app.testing().test(.GET, path) { res in #expect(res.status == .notFound, "\(path)") }
            }
            try await app.testing().test(.GET, "static/neig-kaart.js") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Zoombare kaart met straten"))
            }
            try await app.testing().test(.GET, "open-data") { res in
                let body = res.body.string
                #expect(body.contains("data-tiles=\"\(MapTiles.pdokTemplate)\""))
                #expect(body.contains("<script src=\"/static/neig-kaart.js\""))
                #expect(body.contains("data-bounds=\""))
            }
            // Without Leaflet, or with the background switched off, the maps are the SVG alone.
            app.neig.leaflet = nil
            try await app.testing().test(.GET, "open-data") { res in
                #expect(res.body.string.contains("data-gemeente=\"GM0363\""))
                #expect(!res.body.string.contains("data-tiles") && !res.body.string.contains("neig-kaart.js"))
            }
            try await app.testing().test(.GET, "static/leaflet/leaflet.min.js") { res in
                #expect(res.status == .notFound)
            }
            app.neig.leaflet = LeafletAssets.load(directory: leafletFixtures)
            app.neig.mapTiles = .off
            try await app.testing().test(.GET, "open-data") { res in #expect(!res.body.string.contains("data-tiles")) }
        }
    }

    @Test func theBoundariesAreGeoJSONInRDForTheMunicipalitiesAsked() async throws {
        try await withNEIGApp { app in
            struct Collection: Decodable {
                struct Feature: Decodable {
                    struct Geometry: Decodable {
                        let type: String
                        let coordinates: [[[[Double]]]]
                    }
                    let id: String
                    let geometry: Geometry
                }
                let features: [Feature]
            }
            try await app.testing().test(.GET, "kaart/gemeenten.geojson") { res in
                #expect(res.headers.contentType?.description.hasPrefix("application/geo+json") == true)
                let all = try JSONDecoder().decode(Collection.self, from: Data(res.body.readableBytesView))
                #expect(all.features.count == 342)
            }
            try await app.testing().test(.GET, "kaart/gemeenten.geojson?gemeenten=GM0363,gm0599,XX99,GM0363") { res in
                let some = try JSONDecoder().decode(Collection.self, from: Data(res.body.readableBytesView))
                #expect(some.features.map(\.id) == ["GM0363", "GM0599"])
                let point = try #require(some.features.first?.geometry.coordinates.first?.first?.first)
                #expect(RDPoint(x: point[0], y: point[1]).isInNetherlands, "coordinates are RD metres")
            }
        }
    }
}
