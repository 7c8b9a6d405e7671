/**
 * Places as people write them — "St. Louis", "Saint Louis, MO", "Greater Lisbon Area",
 * "lisboa, portugal", "Montreal" for "Montréal" — matched to a place the user names, and a small
 * gazetteer (the sample world's cities and major world cities, with coordinates) so "near"
 * means within a radius rather than the same spelling.
 *
 * @example
 * const where = parsePlace("Saint Louis, MO");
 * placeMatch(where, "St. Louis, Missouri, USA");  // { kind: "in", label: "St. Louis, Missouri, USA" }
 * placeMatch(parsePlace("Manchester"), "Liverpool"); // { kind: "near", km: 50, … }
 */

export interface Place {
  /** What the user typed. */
  text: string;
  /** The city (first part), normalised. */
  city: string;
  /** Region and country parts, normalised, with their aliases. */
  qualifiers: string[];
  /** Coordinates when the gazetteer knows the city (and its region agrees). */
  at?: { lat: number; lon: number; name: string };
}

export type PlaceMatch =
  | { kind: "in"; label: string }
  | { kind: "near"; label: string; km: number; city: string };

/** Lower-case, accents and punctuation gone, "St." → "saint", "Mt" → "mount". */
export function normalizePlace(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .replace(/ß/g, "ss")
    .replace(/[’']/g, "")
    .replace(/[^\p{L}\p{N},]+/gu, " ")
    .replace(/\bste\b/g, "sainte")
    .replace(/\bst\b/g, "saint")
    .replace(/\bmt\b/g, "mount")
    .replace(/\bft\b/g, "fort")
    .replace(/\s*,\s*/g, ",")
    .replace(/\s+/g, " ")
    .trim();
}

// biome-ignore format: alias table reads better packed
const ALIASES: Record<string, string[]> = {
  // countries
  "united states": ["usa", "us", "united states of america", "america"],
  "united kingdom": ["uk", "gb", "great britain", "britain", "england", "scotland", "wales", "northern ireland"],
  portugal: ["pt"], spain: ["es", "espana"], france: ["fr"], germany: ["de", "deutschland"],
  netherlands: ["nl", "the netherlands", "holland"], ireland: ["ie", "eire"], italy: ["it", "italia"],
  canada: ["ca"], brazil: ["br", "brasil"], mexico: ["mx"], japan: ["jp"], india: ["in"],
  australia: ["au"], nigeria: ["ng"], kenya: ["ke"], ghana: ["gh"], "south korea": ["korea", "kr"],
  // US states
  missouri: ["mo"], illinois: ["il"], texas: ["tx"], california: ["ca"], "new york": ["ny"],
  massachusetts: ["ma"], washington: ["wa"], oregon: ["or"], georgia: ["ga"], florida: ["fl"],
  colorado: ["co"], pennsylvania: ["pa"], ohio: ["oh"], michigan: ["mi"], minnesota: ["mn"],
  tennessee: ["tn"], louisiana: ["la"], arizona: ["az"], "north carolina": ["nc"], virginia: ["va"],
  "district of columbia": ["dc", "d c"], quebec: ["qc"], ontario: ["on"], "british columbia": ["bc"],
};

/** Other spellings of cities (all normalised). */
// biome-ignore format: alias table reads better packed
const CITY_ALIASES: Record<string, string> = {
  lisboa: "lisbon", porto: "porto", oporto: "porto", munchen: "munich", koln: "cologne",
  praha: "prague", warszawa: "warsaw", roma: "rome", milano: "milan", firenze: "florence",
  wien: "vienna", bruxelles: "brussels", brussel: "brussels", kobenhavn: "copenhagen",
  "den haag": "the hague", "s gravenhage": "the hague", bengaluru: "bengaluru", bangalore: "bengaluru",
  bombay: "mumbai", "saigon": "ho chi minh city", nyc: "new york", "new york city": "new york",
  sf: "san francisco", la: "los angeles", "washington dc": "washington", athina: "athens",
  "sao paulo": "sao paulo", "mexico df": "mexico city", "ciudad de mexico": "mexico city",
  "cdmx": "mexico city", montreal: "montreal", "saint louis": "saint louis", stl: "saint louis",
};

/** Region and country words that stand for the same thing. */
function qualifierForms(part: string): string[] {
  const out = new Set([part]);
  for (const [name, short] of Object.entries(ALIASES)) {
    if (name === part || short.includes(part)) {
      out.add(name);
      for (const s of short) out.add(s);
    }
  }
  return [...out];
}

// A small gazetteer: city, region or country, latitude, longitude.
// biome-ignore format: a table
const GAZETTEER: [string, string, number, number][] = [
  ["manchester", "united kingdom", 53.48, -2.24], ["london", "united kingdom", 51.51, -0.13],
  ["leeds", "united kingdom", 53.8, -1.55], ["liverpool", "united kingdom", 53.41, -2.98],
  ["sheffield", "united kingdom", 53.38, -1.47], ["bristol", "united kingdom", 51.45, -2.59],
  ["glasgow", "united kingdom", 55.86, -4.25], ["edinburgh", "united kingdom", 55.95, -3.19],
  ["birmingham", "united kingdom", 52.49, -1.89], ["salford", "united kingdom", 53.49, -2.29],
  ["stockport", "united kingdom", 53.41, -2.16], ["oxford", "united kingdom", 51.75, -1.26],
  ["cambridge", "united kingdom", 52.21, 0.12], ["brighton", "united kingdom", 50.82, -0.14],
  ["dublin", "ireland", 53.35, -6.26], ["cork", "ireland", 51.9, -8.47],
  ["amsterdam", "netherlands", 52.37, 4.9], ["rotterdam", "netherlands", 51.92, 4.48],
  ["the hague", "netherlands", 52.08, 4.3], ["utrecht", "netherlands", 52.09, 5.12],
  ["berlin", "germany", 52.52, 13.4], ["hamburg", "germany", 53.55, 9.99],
  ["munich", "germany", 48.14, 11.58], ["cologne", "germany", 50.94, 6.96],
  ["frankfurt", "germany", 50.11, 8.68], ["copenhagen", "denmark", 55.68, 12.57],
  ["malmo", "sweden", 55.6, 13.0], ["stockholm", "sweden", 59.33, 18.07],
  ["oslo", "norway", 59.91, 10.75], ["helsinki", "finland", 60.17, 24.94],
  ["paris", "france", 48.86, 2.35], ["lyon", "france", 45.76, 4.84],
  ["brussels", "belgium", 50.85, 4.35], ["antwerp", "belgium", 51.22, 4.4],
  ["barcelona", "spain", 41.39, 2.17], ["madrid", "spain", 40.42, -3.7],
  ["valencia", "spain", 39.47, -0.38], ["lisbon", "portugal", 38.72, -9.14],
  ["sintra", "portugal", 38.8, -9.38], ["cascais", "portugal", 38.7, -9.42],
  ["setubal", "portugal", 38.52, -8.89], ["porto", "portugal", 41.15, -8.61],
  ["milan", "italy", 45.46, 9.19], ["rome", "italy", 41.9, 12.5], ["florence", "italy", 43.77, 11.26],
  ["vienna", "austria", 48.21, 16.37], ["zurich", "switzerland", 47.38, 8.54],
  ["geneva", "switzerland", 46.2, 6.14], ["athens", "greece", 37.98, 23.73],
  ["warsaw", "poland", 52.23, 21.01], ["prague", "czechia", 50.08, 14.44],
  ["budapest", "hungary", 47.5, 19.04], ["istanbul", "turkey", 41.01, 28.98],
  ["lagos", "nigeria", 6.52, 3.38], ["accra", "ghana", 5.6, -0.19], ["nairobi", "kenya", -1.29, 36.82],
  ["cairo", "egypt", 30.04, 31.24], ["cape town", "south africa", -33.92, 18.42],
  ["johannesburg", "south africa", -26.2, 28.05], ["bengaluru", "india", 12.97, 77.59],
  ["mumbai", "india", 19.08, 72.88], ["delhi", "india", 28.61, 77.21],
  ["singapore", "singapore", 1.35, 103.82], ["ho chi minh city", "vietnam", 10.82, 106.63],
  ["seoul", "south korea", 37.57, 126.98], ["tokyo", "japan", 35.68, 139.69],
  ["osaka", "japan", 34.69, 135.5], ["beijing", "china", 39.9, 116.41], ["shanghai", "china", 31.23, 121.47],
  ["hong kong", "china", 22.32, 114.17], ["sydney", "australia", -33.87, 151.21],
  ["melbourne", "australia", -37.81, 144.96], ["auckland", "new zealand", -36.85, 174.76],
  ["toronto", "canada", 43.65, -79.38], ["montreal", "canada", 45.5, -73.57],
  ["vancouver", "canada", 49.28, -123.12], ["new york", "united states", 40.71, -74.01],
  ["brooklyn", "united states", 40.68, -73.94], ["jersey city", "united states", 40.73, -74.08],
  ["boston", "united states", 42.36, -71.06], ["washington", "united states", 38.91, -77.04],
  ["chicago", "united states", 41.88, -87.63], ["austin", "united states", 30.27, -97.74],
  ["dallas", "united states", 32.78, -96.8], ["houston", "united states", 29.76, -95.37],
  ["saint louis", "missouri", 38.63, -90.2], ["kansas city", "missouri", 39.1, -94.58],
  ["san francisco", "united states", 37.77, -122.42], ["oakland", "united states", 37.8, -122.27],
  ["los angeles", "united states", 34.05, -118.24], ["seattle", "united states", 47.61, -122.33],
  ["portland", "oregon", 45.52, -122.68], ["denver", "united states", 39.74, -104.99],
  ["atlanta", "united states", 33.75, -84.39], ["miami", "united states", 25.76, -80.19],
  ["sao paulo", "brazil", -23.55, -46.63], ["rio de janeiro", "brazil", -22.91, -43.17],
  ["mexico city", "mexico", 19.43, -99.13], ["buenos aires", "argentina", -34.6, -58.38],
];

const BY_CITY = new Map<string, { region: string; lat: number; lon: number }[]>();
for (const [city, region, lat, lon] of GAZETTEER) {
  const list = BY_CITY.get(city) ?? [];
  list.push({ region, lat, lon });
  BY_CITY.set(city, list);
}

function canonicalCity(city: string): string {
  const bare = city.replace(/^greater /, "").replace(/ (area|metropolitan area|metro|region)$/, "");
  return CITY_ALIASES[bare] ?? bare;
}

export function parsePlace(text: string): Place {
  const parts = normalizePlace(text)
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const city = canonicalCity(parts[0] ?? "");
  const qualifiers = [...new Set(parts.slice(1).flatMap(qualifierForms))];
  const place: Place = { text, city, qualifiers };
  const known = (BY_CITY.get(city) ?? []).find(
    (g) => qualifiers.length === 0 || qualifierForms(g.region).some((r) => qualifiers.includes(r)),
  );
  if (known) place.at = { lat: known.lat, lon: known.lon, name: city };
  return place;
}

/** Great-circle distance in km. */
export function distanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** The gazetteer city a part of a location names ("leeds dock" → "leeds"), if any. */
function knownCityIn(part: string): string | undefined {
  const city = canonicalCity(part);
  if (BY_CITY.has(city)) return city;
  let best: string | undefined;
  for (const name of BY_CITY.keys()) {
    if (containsWords(part, name) && name.length > (best?.length ?? 0)) best = name;
  }
  return best;
}

/** The words of `needle` appear, in order and whole, in `hay`. */
function containsWords(hay: string, needle: string): boolean {
  if (!needle) return false;
  return ` ${hay.replace(/,/g, " ")} `.includes(` ${needle} `);
}

/**
 * Does a location someone gave ("Saint Louis, MO", "Greater Lisbon Area", "Leeds Dock") put
 * them in or near `place`? Within `radiusKm` of the place counts as near.
 */
export function placeMatch(place: Place, location: string, radiusKm = 100): PlaceMatch | undefined {
  const norm = normalizePlace(location);
  if (!norm || !place.city) return undefined;
  const parts = norm.split(",").map((p) => p.trim());
  const aliasHit = parts.some((p) => canonicalCity(p) === place.city);
  if (aliasHit || containsWords(norm, place.city)) {
    // "Paris, TX" is not Paris, France: when both name a region or country, they must agree.
    const theirs = parts.slice(1).flatMap(qualifierForms);
    const conflict =
      place.qualifiers.length > 0 &&
      theirs.length > 0 &&
      !theirs.some((q) => place.qualifiers.includes(q)) &&
      !theirs.some((q) => (BY_CITY.get(q) ?? []).length > 0);
    if (!conflict) return { kind: "in", label: location.trim() };
  }
  if (!place.at) return undefined;
  for (const p of parts) {
    const city = knownCityIn(p);
    const spots = city ? BY_CITY.get(city) : undefined;
    if (!city || !spots || city === place.city) continue;
    const theirs = parts.slice(1).flatMap(qualifierForms);
    const spot =
      spots.find(
        (s) => theirs.length === 0 || qualifierForms(s.region).some((r) => theirs.includes(r)),
      ) ?? undefined;
    if (!spot) continue;
    const km = Math.round(distanceKm(place.at, spot));
    if (km <= radiusKm) return { kind: "near", label: location.trim(), km, city };
  }
  return undefined;
}
