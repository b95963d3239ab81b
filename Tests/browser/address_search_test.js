#!/usr/bin/env node
// The address search's parser against recorded Locatieserver answers: what the forms would be filled with.
// Usage: node Tests/browser/address_search_test.js
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { parseSuggest, parseLookup, point } = require("../../Sources/NEIGApp/Resources/Public/neig-adres.js");

const dir = path.join(__dirname, "fixtures", "locatieserver");
const answer = (name) => JSON.parse(fs.readFileSync(path.join(dir, name + ".json"), "utf8"));
let passed = 0;
function check(name, body) {
  body();
  passed += 1;
  console.log("ok - " + name);
}

check("suggest keeps the addresses, in Locatieserver's order, and drops streets", () => {
  assert.deepEqual(parseSuggest(answer("suggest-lijsterstraat")), [
    { id: "adr-fb6a9e8075bd7e25281db1d21fb17982", label: "Lijsterstraat 20, 3815DT Amersfoort" },
    { id: "adr-6b0a1b1f8c8e3c3d54a8a0d3e4b7c9f1", label: "Lijsterstraat 22, 3815DT Amersfoort" }
  ]);
});

check("an empty suggest answer gives no suggestions", () => {
  assert.deepEqual(parseSuggest(answer("suggest-empty")), []);
  for (const nonsense of [null, undefined, 7, "tekst", {}, { response: {} }, { response: { docs: "x" } }]) {
    assert.deepEqual(parseSuggest(nonsense), []);
  }
});

check("suggest skips documents without an id or a name, and non-addresses", () => {
  assert.deepEqual(parseSuggest(answer("variant-mixed-suggest")).map((item) => item.label), [
    "Koolmees 1, 3435RA Nieuwegein", "Koolmees 3, 3435RA Nieuwegein"
  ]);
});

check("a lookup fills address, postcode, RD coordinates, municipality and BAG object id", () => {
  assert.deepEqual(parseLookup(answer("lookup-adr-fb6a9e8075bd7e25281db1d21fb17982")), {
    label: "Lijsterstraat 20, 3815DT Amersfoort", address: "Lijsterstraat 20", postcode: "3815DT",
    municipalityCode: "GM0307", municipalityName: "Amersfoort", x: 155990.6, y: 464256.2, bagID: "0307010000463990"
  });
  const koolmees = parseLookup(answer("lookup-adr-3b696bf1e518f8788cb38781df853840"));
  assert.equal(koolmees.address, "Koolmees 1");
  assert.equal(koolmees.municipalityCode, "GM0356");
  assert.deepEqual([koolmees.x, koolmees.y], [133230.7, 448750.1]);
  // The object id, not the nummeraanduiding: one building with two addresses is one place.
  assert.equal(koolmees.bagID, "0356010000046625");
  const schiphol = parseLookup(answer("lookup-adr-0a072b170a52946ef4f20cec3b2693e7"));
  assert.equal(schiphol.municipalityCode, "GM0394", "the municipality, not the town (Schiphol)");
  assert.equal(schiphol.address, "Evert van de Beekstraat 202");
});

check("house letter and addition are written as the BAG spells them", () => {
  assert.equal(parseLookup(answer("variant-huisletter")).address, "Lijsterstraat 20A-2");
});

check("an address without a position in the Netherlands fills nothing", () => {
  assert.equal(parseLookup(answer("variant-no-position")), null);
  assert.equal(parseLookup(answer("variant-outside")), null);
  assert.equal(parseLookup(answer("suggest-empty")), null);
  assert.equal(parseLookup(null), null);
});

check("fields of the wrong form are left empty instead of filled", () => {
  const found = parseLookup(answer("variant-bad-fields"));
  assert.equal(found.bagID, "", "a nummeraanduiding id is not an object id");
  assert.equal(found.postcode, "3435RA", "spacing and case are normalised");
  assert.equal(found.municipalityCode, "");
  // Text stays text: the page sets it with textContent and value, never as HTML.
  assert.equal(found.address, "<img src=x onerror=alert(1)> 1");
});

check("WKT points are read with their sign and decimals", () => {
  assert.deepEqual(point("POINT(155990.61 464256.19)"), { x: 155990.61, y: 464256.19 });
  assert.deepEqual(point("POINT(-7000.5 100.25)"), { x: -7000.5, y: 100.25 });
  assert.equal(point("POINT(1e5 2)"), null);
  assert.equal(point("LINESTRING(1 2, 3 4)"), null);
  assert.equal(point(42), null);
});

console.log(passed + " passed");
