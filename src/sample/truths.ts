/**
 * The planted truths of a sample world as plain JSON data (what `truths.json` holds): who is in
 * the IRL circle, who went dormant, who is owed an answer, the look-alikes and the many-faces
 * people with every face, and what each format writer planted (the WXR counts and comment ids).
 * Tests compare what irl finds against this; the demo uses it to show off.
 *
 * @example
 * const truths = buildTruths(buildWorld({ people: 200 }));
 * truths.irlCircle.map((p) => p.name);
 */

import type { DisqusCounts } from "./disqus.js";
import type { FacebookCounts } from "./facebook.js";
import type { FeedFile, OpmlResult } from "./feeds.js";
import type { IcalCounts } from "./ical.js";
import type { LinkedInCounts } from "./linkedin.js";
import type { MboxCounts } from "./mbox.js";
import type { TwitterCounts } from "./twitter.js";
import type { VcardCounts } from "./vcard.js";
import {
  type Faces,
  type Person,
  personIndex,
  type Quirk,
  type Role,
  sharesOwnerInterest,
  type World,
} from "./world.js";
import type { WxrCounts, WxrFacts, WxrResult } from "./wxr.js";

export interface PersonSummary {
  id: string;
  name: string;
  emails: string[];
  site?: string;
  twitter?: string;
  company: string;
  city: string;
  interests: string[];
}

export interface Truths extends FormatTruths {
  seed: number;
  people: number;
  referenceDate: string;
  owner: {
    name: string;
    login: string;
    emails: string[];
    urls: string[];
    twitter: string;
    homeCity: string;
    destinationCity: string;
    moveDate: string;
    interests: string[];
  };
  /** Person ids by relationship role. */
  roles: Record<Role, string[]>;
  irlCircle: PersonSummary[];
  dormant: (PersonSummary & { lastContact: string; weeklyFrom: string })[];
  oneWay: {
    likeOnly: string[];
    jobAsk: { id: string; channel: "blog" | "email"; wxrCommentId?: number }[];
  };
  /** Comments the owner has not answered (from the WXR). */
  owed: { personId: string; commentIds: number[] }[];
  unresponsive: { company: string; domain: string; ids: string[] };
  lookAlikes: {
    kind: "sameFirstName" | "sameFullName";
    ids: [string, string];
    names: [string, string];
    emails: [string[], string[]];
    cities: [string, string];
    companies: [string, string];
  }[];
  manyFaces: {
    id: string;
    fullName: string;
    quirk: Quirk;
    faces: Faces;
    /** The faces as they appear on blog comments. */
    wxr?: { names: string[]; emails: string[]; urls: string[] };
  }[];
  destination: { city: string; ties: { id: string; role: Role }[]; others: string[] };
  introduction: { targetId: string; viaId: string; eventId: string; wxrCommentIds: number[] };
  opening: World["opening"];
  events: {
    id: string;
    name: string;
    city: string;
    start: string;
    topics: string[];
    attendeeIds: string[];
    newcomerIds: string[];
    /** Newcomers who share at least one of the owner's interests. */
    newcomersSharingInterests: string[];
  }[];
  wxr?: { file: string; bytes: number; counts: WxrCounts; facts: WxrFacts };
}

/**
 * What the other format writers planted, per format (paths relative to the sample folder):
 * counts an importer's records and skips should equal.
 */
export interface FormatTruths {
  /** messages → interactions; bulk, manyRecipients, broken (no From) → skips. */
  mbox?: MboxCounts & { file: string };
  /** cards → contacts; broken → "empty card", badLines → "bad line" skips. */
  vcard?: VcardCounts & { file: string; ids: string[] };
  /** events + occurrences → event records; cancelled → skips (`now` = referenceDate). */
  ical?: IcalCounts & { file: string };
  /** connections, invitations → contacts; messages, invitationMessages → interactions. */
  linkedin?: LinkedInCounts & { files: string[] };
  /** One attendee list per upcoming event: attendees → contacts (kind "attendee"). */
  eventLists?: { eventId: string; file: string; attendees: number }[];
  /**
   * Twitter archive (`twitter/data/*.js`): replies, mentions, retweets, likesWithAuthor → their
   * interactions; likes − likesWithAuthor → "like without author" skips; followers, following →
   * contacts; dms → interactions on channel "dm"; tweets − replies − retweets → content "tweet".
   */
  twitter?: TwitterCounts & { files: string[] };
  /** follows.opml: subscriptions → contacts (kind "subscription"); personIds: whose blogs. */
  opml?: Pick<OpmlResult, "subscriptions" | "personIds"> & { file: string };
  /** One feed per person: entries → content records (kind "post"). */
  feeds?: (Pick<FeedFile, "personId" | "format" | "entries"> & { file: string })[];
  /**
   * Facebook export (`facebook/…`, the profile first): the profile → the owner; friends →
   * contacts (kind "connection"), nameless → "no name" skips; messages, calls → interactions
   * on channel "facebook" (sent: the owner's); membershipChanges → "membership change" skips.
   */
  facebook?: FacebookCounts & { files: string[]; friendIds: string[]; messagedIds: string[] };
  /**
   * The older blog's Disqus export: comments, replies → interactions on channel
   * "blog_comment" (keys `disqus:<forum>:post:<id>`); spam, deleted → skips.
   */
  disqus?: DisqusCounts & { file: string; forum: string; commenterIds: string[] };
}

const iso = (ms: number) => new Date(ms).toISOString();

function summary(p: Person): PersonSummary {
  const out: PersonSummary = {
    id: p.id,
    name: p.fullName,
    emails: [p.emails.personal, p.emails.work].filter((x): x is string => !!x),
    company: p.company,
    city: p.city,
    interests: [...p.interests],
  };
  if (p.site) out.site = p.site;
  if (p.twitter) out.twitter = p.twitter;
  return out;
}

export function buildTruths(world: World, wxr?: { file: string; result: WxrResult }): Truths {
  const { owner, people } = world;
  const byId = (id: string) => people[personIndex(id)] as Person;
  const roles = {} as Record<Role, string[]>;
  for (const p of people) {
    roles[p.role] ??= [];
    roles[p.role].push(p.id);
  }
  const facts = wxr?.result.facts;
  const askComments = new Map(facts?.jobAsks.map((a) => [a.personId, a.commentId]));
  const truths: Truths = {
    seed: world.seed,
    people: people.length,
    referenceDate: iso(world.referenceDate),
    owner: {
      name: owner.name,
      login: owner.login,
      emails: Object.values(owner.emails),
      urls: [owner.blogUrl],
      twitter: owner.twitter,
      homeCity: owner.homeCity,
      destinationCity: owner.destinationCity,
      moveDate: iso(owner.moveDate),
      interests: [...owner.interests],
    },
    roles,
    irlCircle: people.filter((p) => p.role === "irl").map(summary),
    dormant: people
      .filter((p) => p.role === "dormant")
      .map((p) => ({
        ...summary(p),
        lastContact: iso(p.contact?.until ?? 0),
        weeklyFrom: iso(p.contact?.from ?? 0),
      })),
    oneWay: {
      likeOnly: roles.likeOnly ?? [],
      jobAsk: people
        .filter((p) => p.role === "jobAsk")
        .map((p) => {
          const entry: Truths["oneWay"]["jobAsk"][number] = {
            id: p.id,
            channel: p.askChannel ?? "email",
          };
          const commentId = askComments.get(p.id);
          if (commentId !== undefined) entry.wxrCommentId = commentId;
          return entry;
        }),
    },
    owed: facts?.owed ?? [],
    unresponsive: {
      company: world.unresponsiveCompany.name,
      domain: world.unresponsiveCompany.domain,
      ids: roles.unresponsive ?? [],
    },
    lookAlikes: world.lookAlikes.map(({ kind, ids }) => {
      const [a, b] = [byId(ids[0]), byId(ids[1])];
      return {
        kind,
        ids,
        names: [a.fullName, b.fullName],
        emails: [summary(a).emails, summary(b).emails],
        cities: [a.city, b.city],
        companies: [a.company, b.company],
      };
    }),
    manyFaces: people
      .filter((p) => p.faces && p.quirk)
      .map((p) => {
        const entry: Truths["manyFaces"][number] = {
          id: p.id,
          fullName: p.fullName,
          quirk: p.quirk as Quirk,
          faces: p.faces as Faces,
        };
        const seen = facts?.commenters[p.id];
        if (seen) entry.wxr = { names: seen.names, emails: seen.emails, urls: seen.urls };
        return entry;
      }),
    destination: {
      city: owner.destinationCity,
      ties: people
        .filter((p) => p.marks.includes("destination") && p.role !== "cardOnly")
        .map((p) => ({ id: p.id, role: p.role })),
      others: people
        .filter((p) => p.marks.includes("destination") && p.role === "cardOnly")
        .map((p) => p.id),
    },
    introduction: { ...world.introduction, wxrCommentIds: facts?.introduction.commentIds ?? [] },
    opening: world.opening,
    events: world.events.map((e) => {
      const newcomers = e.attendeeIds.filter((id) => byId(id).role === "newcomer");
      return {
        id: e.id,
        name: e.name,
        city: e.city,
        start: iso(e.start),
        topics: [...e.topics],
        attendeeIds: e.attendeeIds,
        newcomerIds: newcomers,
        newcomersSharingInterests: newcomers.filter((id) => sharesOwnerInterest(byId(id))),
      };
    }),
  };
  if (wxr) {
    truths.wxr = {
      file: wxr.file,
      bytes: wxr.result.bytes,
      counts: wxr.result.counts,
      facts: wxr.result.facts,
    };
  }
  return truths;
}
