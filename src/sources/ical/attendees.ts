/**
 * Who an event names: its ORGANIZER (role "organizer") and ATTENDEEs, each a party with the
 * e-mail of its calendar address (`mailto:`, any case, even quoted; Apple's EMAIL= parameter
 * wins) and its CN as the name — unless the CN is only the e-mail again. ROLE maps to
 * attendee (REQ-PARTICIPANT, the default), optional (OPT- and NON-PARTICIPANT) or chair;
 * PARTSTAT to accepted, declined, tentative or needs-action (others are left out).
 *
 * One person is listed once: an organizer who is also an attendee stays the organizer and
 * takes the attendee's PARTSTAT; an address listed twice counts once. Rooms and resources
 * (CUTYPE=ROOM, RESOURCE) are not people and are left out; so is an ATTENDEE of a VALARM
 * (who gets the reminder).
 *
 * @example
 * attendeesOf(component);
 * // [{ party: { name: "Ada", identities: [{ kind: "email", value: "ada@example.org" }] },
 * //    role: "organizer" }, …]
 */
import type ICAL from "ical.js";
import type { Attendee, PartyRef } from "../records.js";

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalProperty = InstanceType<typeof ICAL.Property>;

const ROLES: Record<string, Attendee["role"]> = {
  "REQ-PARTICIPANT": "attendee",
  "OPT-PARTICIPANT": "optional",
  "NON-PARTICIPANT": "optional",
  CHAIR: "chair",
};

const STATUSES: Record<string, Attendee["status"]> = {
  ACCEPTED: "accepted",
  DECLINED: "declined",
  TENTATIVE: "tentative",
  "NEEDS-ACTION": "needs-action",
};

const NOT_PEOPLE = new Set(["ROOM", "RESOURCE"]);
/** An address with a dotted domain: Google's birthday calendar invents `…@virtual` ones. */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function attendeesOf(component: IcalComponent): Attendee[] {
  const out: Attendee[] = [];
  const byEmail = new Map<string, Attendee>();
  const organizer = component.getFirstProperty("organizer");
  if (organizer) {
    const party = partyOf(organizer);
    if (party) {
      const attendee: Attendee = { party, role: "organizer" };
      out.push(attendee);
      const email = emailOf(party);
      if (email) byEmail.set(email, attendee);
    }
  }
  for (const prop of component.getAllProperties("attendee")) {
    const cutype = param(prop, "cutype")?.toUpperCase();
    if (cutype && NOT_PEOPLE.has(cutype)) continue;
    const party = partyOf(prop);
    if (!party) continue;
    const role = ROLES[param(prop, "role")?.toUpperCase() ?? "REQ-PARTICIPANT"] ?? "attendee";
    const status = STATUSES[param(prop, "partstat")?.toUpperCase() ?? ""];
    const email = emailOf(party);
    const known = email ? byEmail.get(email) : undefined;
    if (known) {
      if (status && !known.status) known.status = status;
      if (!known.party.name && party.name) known.party.name = party.name;
      continue;
    }
    const attendee: Attendee = { party, role };
    if (status) attendee.status = status;
    out.push(attendee);
    if (email) byEmail.set(email, attendee);
  }
  return out;
}

function partyOf(prop: IcalProperty): PartyRef | undefined {
  const value = String(prop.getFirstValue() ?? "")
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim();
  const address = param(prop, "email") ?? mailbox(value);
  const email = address && EMAIL.test(address) ? address : undefined;
  const cn = param(prop, "cn")?.replace(/\s+/g, " ").trim();
  const party: PartyRef = { identities: email ? [{ kind: "email", value: email }] : [] };
  if (cn && cn.toLowerCase() !== email?.toLowerCase()) party.name = cn;
  return party.identities.length > 0 || party.name ? party : undefined;
}

function mailbox(value: string): string | undefined {
  if (/^mailto:/i.test(value)) {
    const address = value.slice(7).trim();
    try {
      return decodeURIComponent(address);
    } catch {
      return address;
    }
  }
  return /^[^\s:@]+@[^\s:@]+$/.test(value) ? value : undefined;
}

function param(prop: IcalProperty, name: string): string | undefined {
  const value = prop.getFirstParameter(name);
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function emailOf(party: PartyRef): string | undefined {
  return party.identities.find((i) => i.kind === "email")?.value.toLowerCase();
}
