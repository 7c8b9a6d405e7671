/**
 * Seeded synthetic irl profiles for tests and benchmarks: people with realistic names,
 * personal and work e-mails, sites, handles, employers and cities, plus about 20% duplicate
 * profiles of the same people written differently (nicknames, typos, initials, "Last, First",
 * swapped names, another e-mail, a missing employer). `truth[i]` is the person behind
 * `profiles[i]`.
 *
 * @example
 * const { profiles, truth } = syntheticProfiles(1000, 7);
 * profiles.length; // 1000
 */
import { pick, type Random, randomInt, seeded } from "./model/random.js";
import type { Profile, ProfileIdentity } from "./profile-match.js";

const GIVEN = (
  "robert william elizabeth margaret james john michael david richard thomas charles joseph " +
  "christopher daniel matthew anthony andrew joshua samuel benjamin nicholas jonathan patrick " +
  "edward alexander timothy stephen kenneth ronald donald peter gregory frederick lawrence " +
  "katherine jennifer jessica rebecca deborah patricia susan victoria abigail amanda pamela " +
  "olivia emma sophia isabella charlotte amelia mia harper evelyn ella grace chloe zoe lily " +
  "ada grace hannah laura sarah rachel anna maria lucia noor aisha fatima priya ananya mei " +
  "yuki hiroshi kenji wei jun li omar karim youssef mateo santiago lucas hugo leon felix " +
  "ingrid astrid sven lars nils jose ana pedro carlos elena ines chiara giulia marco luca"
).split(" ");

const NICK: Record<string, string[]> = {
  robert: ["bob", "rob", "bobby"],
  william: ["bill", "will", "billy"],
  elizabeth: ["liz", "beth", "betty"],
  margaret: ["maggie", "peggy", "meg"],
  james: ["jim", "jimmy", "jamie"],
  john: ["jack", "johnny"],
  michael: ["mike", "mick"],
  david: ["dave"],
  richard: ["rick", "rich", "dick"],
  thomas: ["tom", "tommy"],
  charles: ["charlie", "chuck"],
  joseph: ["joe", "joey"],
  christopher: ["chris"],
  daniel: ["dan", "danny"],
  matthew: ["matt"],
  anthony: ["tony"],
  andrew: ["andy", "drew"],
  samuel: ["sam"],
  benjamin: ["ben"],
  nicholas: ["nick"],
  patrick: ["pat"],
  edward: ["ed", "ted"],
  alexander: ["alex"],
  timothy: ["tim"],
  stephen: ["steve"],
  kenneth: ["ken"],
  katherine: ["kate", "katie"],
  jennifer: ["jen", "jenny"],
  rebecca: ["becky"],
  patricia: ["pat", "trish"],
  susan: ["sue"],
  victoria: ["vicky"],
  abigail: ["abby"],
};

const SURNAME_ROOTS = (
  "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez " +
  "wilson anderson taylor thomas moore jackson martin lee thompson white harris clark lewis " +
  "robinson walker young allen king wright scott green baker adams nelson hill campbell mitchell " +
  "roberts carter phillips evans turner torres parker collins edwards stewart morris murphy cook " +
  "rogers morgan cooper peterson reed bailey bell kelly howard ward cox richardson wood watson " +
  "brooks bennett gray james hughes price sanders myers long ross foster lovelace babbage hopper " +
  "nakamura tanaka suzuki wang zhang chen liu singh patel kumar khan ali novak horvat kowalski " +
  "nielsen larsen schmidt schneider fischer weber becker rossi russo ferrari esposito bianchi " +
  "dubois moreau laurent lefebvre silva santos costa oliveira pereira fernandes okafor mensah"
).split(" ");

const SYLLABLES =
  "ka ro mi na le to va si be da lu mo ri ze po ha fe gi no tu ar el in os um".split(" ");

const CITIES = (
  "London,Manchester,Bristol,Leeds,Edinburgh,Glasgow,Dublin,Paris,Lyon,Berlin,Munich,Hamburg," +
  "Amsterdam,Rotterdam,Madrid,Barcelona,Lisbon,Rome,Milan,Vienna,Zurich,Stockholm,Oslo,Copenhagen," +
  "Helsinki,Warsaw,Prague,Budapest,New York,Boston,Chicago,Seattle,Austin,Denver,Toronto,Montreal," +
  "Vancouver,Sydney,Melbourne,Auckland,Tokyo,Osaka,Singapore,Bangalore,Mumbai,Nairobi,Lagos,Accra"
).split(",");

const ORG_TAIL = [
  "Labs",
  "Systems",
  "Studio",
  "Works",
  "Group",
  "Partners",
  "Health",
  "Capital",
  "Foods",
  "Media",
];
const FREE = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com"];
const PLATFORMS = ["github", "twitter", "mastodon", "linkedin"];

interface Person {
  given: string;
  surname: string;
  org: string;
  domain: string;
  city: string;
  personal: string;
  site: string | undefined;
  handle: string | undefined;
  serial: number;
}

function surname(rnd: Random): string {
  if (rnd() < 0.6) return pick(rnd, SURNAME_ROOTS);
  let s = "";
  const parts = 2 + randomInt(rnd, 2);
  for (let i = 0; i < parts; i++) s += pick(rnd, SYLLABLES);
  return rnd() < 0.3 ? s + pick(rnd, ["son", "er", "ski", "ez", "ova", "ton"]) : s;
}

const cap = (s: string) =>
  s.replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());

function typo(rnd: Random, s: string): string {
  if (s.length < 4) return s;
  const i = 1 + randomInt(rnd, s.length - 2);
  const r = rnd();
  if (r < 0.33) return s.slice(0, i) + s.slice(i + 1);
  if (r < 0.66) return s.slice(0, i) + (s[i + 1] ?? "") + (s[i] ?? "") + s.slice(i + 2);
  return s.slice(0, i) + pick(rnd, "aeiourstnl".split("")) + s.slice(i + 1);
}

function person(rnd: Random, serial: number): Person {
  const given = pick(rnd, GIVEN);
  const sur = surname(rnd);
  const orgName = cap(`${pick(rnd, SYLLABLES)}${pick(rnd, SYLLABLES)}${pick(rnd, SYLLABLES)}`);
  const org = `${orgName} ${pick(rnd, ORG_TAIL)}`;
  const domain = `${orgName.toLowerCase()}${randomInt(rnd, 50)}.${pick(rnd, ["com", "io", "co.uk", "de"])}`;
  const style = randomInt(rnd, 4);
  const local =
    style === 0
      ? `${given}.${sur}${serial}`
      : style === 1
        ? `${given[0]}${sur}${serial}`
        : style === 2
          ? `${given}${sur}.${serial}`
          : `${given}_${serial}`;
  const site =
    rnd() < 0.35 ? `${given}${sur}${serial}.${pick(rnd, ["com", "net", "dev", "me"])}` : undefined;
  const handle =
    rnd() < 0.4 ? `${pick(rnd, PLATFORMS)}:${given}${sur.slice(0, 3)}${serial}` : undefined;
  return {
    given,
    surname: sur,
    org,
    domain,
    city: pick(rnd, CITIES),
    personal: `${local}@${pick(rnd, FREE)}`,
    site,
    handle,
    serial,
  };
}

/**
 * `s` as one flat string. Strings built by concatenation are ropes in V8, flattened (copied)
 * the first time they are hashed or scanned; profiles read from a store come flat, so the
 * generator pays that copy here rather than leaving it to whoever prepares the profiles.
 * (Converting to a number flattens a string without keeping anything.)
 */
function flat(s: string): string {
  Number(s);
  return s;
}

function id(value: string, rnd: Random): ProfileIdentity {
  return { value: flat(value), verified: rnd() < 0.3 };
}

function render(rnd: Random, p: Person, profileId: number, duplicate: boolean): Profile {
  let given = p.given;
  let sur = p.surname;
  let name: string;
  if (duplicate) {
    const r = rnd();
    if (r < 0.2 && NICK[given]) given = pick(rnd, NICK[given] as string[]);
    else if (r < 0.35) sur = typo(rnd, sur);
    else if (r < 0.45) given = typo(rnd, given);
  }
  const form = duplicate ? rnd() : 1;
  if (form < 0.1) name = `${cap(given[0] ?? "")}. ${cap(sur)}`;
  else if (form < 0.2) name = `${cap(sur)}, ${cap(given)}`;
  else if (form < 0.25) name = `${cap(sur)} ${cap(given)}`;
  else name = `${cap(given)} ${cap(sur)}`;
  const emails: ProfileIdentity[] = [];
  const urls: ProfileIdentity[] = [];
  const handles: ProfileIdentity[] = [];
  const useWork = duplicate ? rnd() < 0.4 : rnd() < 0.3;
  if (useWork) emails.push(id(`${p.given}.${p.surname}${p.serial}@${p.domain}`, rnd));
  if (!duplicate ? rnd() < 0.8 : rnd() < 0.5) emails.push(id(p.personal, rnd));
  if (p.site && rnd() < 0.6) urls.push(id(p.site, rnd));
  if (p.handle && rnd() < 0.6) handles.push(id(p.handle, rnd));
  return {
    id: profileId,
    names: [flat(name)],
    emails,
    urls,
    handles,
    organizations: rnd() < 0.7 ? [flat(p.org)] : [],
    locations:
      rnd() < 0.7
        ? [rnd() < 0.5 ? p.city : flat(`${p.city}, ${pick(rnd, ["UK", "EU", "US", ""])}`)]
        : [],
  };
}

/**
 * The profiles of `syntheticProfiles(n, seed)` one at a time, writing the person behind each
 * into `truth` — for callers that prepare profiles as they come and never hold them all.
 */
export function* syntheticProfileStream(
  n: number,
  seed: number,
  truth: Int32Array,
): Generator<Profile, void, undefined> {
  const rnd = seeded(seed);
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    if (people.length === 0 || rnd() >= 0.2) {
      people.push(person(rnd, people.length));
      truth[i] = people.length - 1;
      yield render(rnd, people[people.length - 1] as Person, i, false);
    } else {
      const who = randomInt(rnd, people.length);
      truth[i] = who;
      yield render(rnd, people[who] as Person, i, true);
    }
  }
}

export function syntheticProfiles(n: number, seed = 1): { profiles: Profile[]; truth: Int32Array } {
  const truth = new Int32Array(n);
  const profiles = [...syntheticProfileStream(n, seed, truth)];
  return { profiles, truth };
}
