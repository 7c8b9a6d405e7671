import { describe, expect, it } from "vitest";
import { fieldOf, normaliseHeader, planColumns } from "./fields.js";

describe("fieldOf", () => {
  it("knows the headers of Google, Outlook, Thunderbird and event sites", () => {
    const expected: Record<string, string | undefined> = {
      "E-mail 1 - Value": "email",
      "E-mail 1 - Type": undefined,
      "E-mail 2 Address": "email",
      "E-mail Display Name": undefined,
      "Primary Email": "email",
      "Secondary Email": "email",
      "Attendee email": "email",
      "Phone 1 - Value": "phone",
      "Mobile Number": "phone",
      "Business Phone 2": "phone",
      "Fax Number": undefined,
      "Pager Number": undefined,
      "Given Name": "given",
      "First Name": "given",
      "Family Name": "family",
      Surname: "family",
      "Display Name": "name",
      "Organization 1 - Name": "organization",
      "Organization 1 - Title": "title",
      "Job Title": "title",
      "Web Page 1": "url",
      "Website 1 - Value": "url",
      Twitter: "twitter",
      "Twitter Handle": "twitter",
      LinkedIn: "linkedin",
      "LinkedIn Profile URL": "linkedin",
      "Home City": "city",
      "Address 1 - City": "city",
      "Business Country/Region": "country",
      Notes: "note",
      "Ticket Type": undefined,
      Vorname: "given",
      Firma: "organization",
      "E-Mail-Adresse": "email",
    };
    for (const [header, field] of Object.entries(expected))
      expect(fieldOf(header), header).toBe(field);
    expect(normaliseHeader(" E-mail 1 - Value ")).toBe("e mail 1 value");
  });
});

describe("planColumns", () => {
  it("marks attendee lists and lets the map win", () => {
    expect(planColumns(["Name", "Email"]).attendees).toBe(false);
    expect(planColumns(["Name", "Email", "Ticket Type"]).attendees).toBe(true);
    expect(planColumns(["Order #", "Name"]).attendees).toBe(true);
    expect(planColumns(["Registration Date", "Name"]).attendees).toBe(true);
    expect(planColumns(["Name", "Handle"], { handle: "twitter", NAME: "ignore" }).fields).toEqual([
      undefined,
      "twitter",
    ]);
  });
});
