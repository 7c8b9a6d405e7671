/** Place matching: spellings of one city, regions that must agree, and "near" by coordinates. */
import { describe, expect, it } from "vitest";
import { distanceKm, normalizePlace, parsePlace, placeMatch } from "./places.js";

describe("places", () => {
  it("folds case, accents and Saint/St.", () => {
    expect(normalizePlace("St. Louis")).toBe("saint louis");
    expect(normalizePlace("MONTRÉAL,  QC")).toBe("montreal,qc");
  });

  it("matches a city however it is written, and keeps regions apart", () => {
    const stl = parsePlace("Saint Louis, MO");
    expect(placeMatch(stl, "St. Louis, Missouri, USA")?.kind).toBe("in");
    expect(placeMatch(stl, "st louis")?.kind).toBe("in");
    expect(placeMatch(parsePlace("Lisbon"), "Greater Lisbon Area")?.kind).toBe("in");
    expect(placeMatch(parsePlace("Lisbon"), "Lisboa, Portugal")?.kind).toBe("in");
    expect(placeMatch(parsePlace("Montreal"), "Montréal")?.kind).toBe("in");
    expect(placeMatch(parsePlace("Paris, France"), "Paris, TX")).toBeUndefined();
    expect(placeMatch(parsePlace("Paris"), "Lyon")).toBeUndefined();
  });

  it("finds nearby cities from the gazetteer, within the radius only", () => {
    const m = placeMatch(parsePlace("Manchester"), "Liverpool, UK");
    expect(m?.kind).toBe("near");
    expect(m && m.kind === "near" ? m.km : 0).toBeGreaterThan(30);
    expect(placeMatch(parsePlace("Manchester"), "Leeds Dock", 100)?.kind).toBe("near");
    expect(placeMatch(parsePlace("Manchester"), "Liverpool", 20)).toBeUndefined();
    expect(placeMatch(parsePlace("Lisbon"), "Porto")).toBeUndefined();
    expect(distanceKm({ lat: 51.51, lon: -0.13 }, { lat: 48.86, lon: 2.35 })).toBeGreaterThan(330);
  });
});
