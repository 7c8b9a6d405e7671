import { describe, expect, it } from "vitest";
import type { ContentLine } from "../shared/content-lines.js";
import { readCard } from "./card.js";
import { type CardContact, contactOf } from "./contact.js";

function contact(...lines: string[]): CardContact | undefined {
  const all = ["BEGIN:VCARD", ...lines, "END:VCARD"];
  const content: ContentLine[] = all.map((text, i) => ({
    text: Buffer.from(text).toString("latin1"),
    line: i + 1,
  }));
  return contactOf(readCard(content).properties);
}

describe("contactOf", () => {
  it("turns a 'Family, Given' FN round when N confirms it", () => {
    expect(contact("VERSION:3.0", "FN:Hollis\\, Wren", "N:Hollis;Wren;;;")?.party.name).toBe(
      "Wren Hollis",
    );
    // Not confirmed by N: an organisation's name stays as written.
    expect(contact("VERSION:3.0", "FN:Quarry\\, Inc.", "N:;;;;")?.party.name).toBe("Quarry, Inc.");
  });

  it("assembles N as Given Additional Family when there is no FN", () => {
    expect(
      contact("VERSION:3.0", "N:Lovelace;Ada;Augusta;Hon.;", "EMAIL:ada@ex.example")?.party.name,
    ).toBe("Ada Augusta Lovelace");
    expect(contact("VERSION:2.1", "N:Lovelace\\, Ada", "EMAIL:ada@ex.example")?.party.name).toBe(
      "Ada Lovelace",
    );
  });

  it("maps network URLs and social properties to profiles and handles", () => {
    const c = contact(
      "VERSION:3.0",
      "FN:Sam Reyes",
      "URL:https://www.linkedin.com/in/sam-reyes-42/?trk=x",
      "URL:https://x.com/samreyes",
      "URL:https://twitter.com/intent/follow",
      "X-SOCIALPROFILE;type=linkedin;x-user=samreyes:x-apple:samreyes",
      "X-SOCIALPROFILE;type=facebook:https://facebook.com/sam.reyes",
      "IMPP;X-SERVICE-TYPE=Jabber:xmpp:sam@chat.example",
      "X-AIM:samr",
    );
    expect(c?.party.identities).toEqual([
      { kind: "profile", value: "https://www.linkedin.com/in/sam-reyes-42", platform: "linkedin" },
      { kind: "handle", value: "samreyes", platform: "twitter" },
      { kind: "url", value: "https://twitter.com/intent/follow" },
      { kind: "profile", value: "https://www.linkedin.com/in/samreyes", platform: "linkedin" },
      { kind: "profile", value: "https://www.facebook.com/sam.reyes", platform: "facebook" },
      { kind: "handle", value: "sam@chat.example", platform: "jabber" },
      { kind: "handle", value: "samr", platform: "aim" },
    ]);
  });

  it("leaves out fax lines, keeps extensions, and drops addresses without a dotted domain", () => {
    const c = contact(
      "VERSION:4.0",
      "FN:Ana Silva",
      'TEL;TYPE="work,fax":+351 21 555 0100',
      "TEL;VALUE=uri:tel:+351-21-555-0101;ext=42",
      "EMAIL:ana@localhost",
      "EMAIL:ana@silva.example",
    );
    expect(c?.party.identities).toEqual([
      { kind: "phone", value: "+351-21-555-0101 x42" },
      { kind: "email", value: "ana@silva.example" },
    ]);
  });

  it("gives a name-only card the vcard name scope, and nothing for an empty card", () => {
    expect(contact("VERSION:3.0", "FN:Only Name")?.party).toEqual({
      name: "Only Name",
      identities: [],
      nameScope: "vcard",
    });
    expect(contact("VERSION:3.0", "NOTE:no one", "ORG:Nobody Ltd")).toBeUndefined();
  });

  it("reads location from the preferred address, else the first with a place", () => {
    const c = contact(
      "VERSION:3.0",
      "FN:Lee",
      "EMAIL:lee@x.example",
      "ADR;TYPE=home:;;;;;;",
      "ADR;TYPE=home:;;;Porto;;;Portugal",
      "ADR;TYPE=work,pref:;;;;Ontario;;Canada",
    );
    expect(c?.party.details?.location).toBe("Ontario, Canada");
  });

  it("keys a card without UID by a hash that ignores case and phone punctuation", () => {
    const a = contact(
      "VERSION:3.0",
      "FN:Kim Park",
      "EMAIL:KIM@park.example",
      "TEL:+1 (555) 010-2000",
    );
    const b = contact(
      "VERSION:3.0",
      "FN:kim  park",
      "EMAIL:kim@park.example",
      "TEL:+1 555 010 2000",
    );
    const c = contact("VERSION:3.0", "FN:Kim Park", "EMAIL:kim@park.example");
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).not.toBe(c?.fingerprint);
  });
});
