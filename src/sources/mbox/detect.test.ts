import { describe, expect, it } from "vitest";
import { looksLikeEml, looksLikeMbox } from "./detect.js";

const MBOX = "From ada@quill.example Mon Mar  3 09:12:00 2025\nFrom: Ada <ada@quill.example>\n";
const GMAIL =
  "From 1844347792267117879@xxx\nX-GM-THRID: 1844347792267117879\nX-Gmail-Labels: Inbox\n";
const EML =
  "Received: from mx.example by mail.example;\n Mon, 3 Mar 2025 09:12:00 +0000\nFrom: Ada <ada@quill.example>\nTo: sam@rivera.example\nSubject: hi\n\nbody\n";
const OTHERS: Record<string, string> = {
  wxr: '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">\n',
  csv: "From,To,Subject,Date\nada@quill.example,sam@rivera.example,hi,2025-03-03\n",
  linkedinCsv: "First Name,Last Name,Email Address\nAda,Quill,ada@quill.example\n",
  vcard: "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Quill\nEMAIL:ada@quill.example\nEND:VCARD\n",
  ical: "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:Coffee\nEND:VEVENT\n",
  yaml: "title: Notes\ndate: 2025-03-03\n\nbody\n",
  prose: "From Russia with love\nwas a film.\n",
  json: '{"from": "ada@quill.example"}\n',
};

describe("looksLikeMbox", () => {
  it("accepts mbox heads, with or without a BOM", () => {
    expect(looksLikeMbox(MBOX)).toBe(true);
    expect(looksLikeMbox(`\ufeff${MBOX}`)).toBe(true);
    expect(looksLikeMbox(GMAIL)).toBe(true);
    expect(looksLikeMbox(MBOX.replace(/\n/g, "\r\n"))).toBe(true);
  });
  it("rejects single messages and other formats", () => {
    expect(looksLikeMbox(EML)).toBe(false);
    for (const [name, head] of Object.entries(OTHERS))
      expect(looksLikeMbox(head), name).toBe(false);
  });
});

describe("looksLikeEml", () => {
  it("accepts a message head, with or without a BOM, LF or CRLF", () => {
    expect(looksLikeEml(EML)).toBe(true);
    expect(looksLikeEml(`\ufeff${EML}`)).toBe(true);
    expect(looksLikeEml(EML.replace(/\n/g, "\r\n"))).toBe(true);
    expect(looksLikeEml("From: a@b.example\nContent-Type: text/plain\n\nx")).toBe(true);
  });
  it("rejects mbox files, lone fields and other formats", () => {
    expect(looksLikeEml(MBOX)).toBe(false);
    expect(looksLikeEml("Content-Type: text/plain\n\nx")).toBe(false);
    for (const [name, head] of Object.entries(OTHERS)) expect(looksLikeEml(head), name).toBe(false);
  });
});
