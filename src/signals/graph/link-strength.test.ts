/** Link strength and evidence between two other people, on hand-made histories. */
import { describe, expect, it } from "vitest";
import {
  LinkTally,
  linkEvidence,
  linkStrength,
  MAX_EVENT_SIZE,
  renderEvidence,
} from "./link-strength.js";

const now = Date.parse("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

describe("link strength", () => {
  it("grows with dialog in both directions, more than one-way", () => {
    const both = new LinkTally();
    const oneWay = new LinkTally();
    for (let i = 0; i < 3; i++) {
      both.addAct(true, "blog_comment", "reply", now, now);
      both.addAct(false, "blog_comment", "reply", now, now);
      oneWay.addAct(true, "blog_comment", "reply", now, now);
      oneWay.addAct(true, "blog_comment", "reply", now, now);
    }
    expect(linkStrength(both)).toBeGreaterThan(linkStrength(oneWay));
    expect(linkStrength(both)).toBeCloseTo(1 - Math.exp(-(6 * 1.2) / 4), 6);
    expect(linkStrength(oneWay)).toBeCloseTo(1 - Math.exp(-(6 * 1.2 * 0.5) / 4), 6);
  });

  it("weighs a small meeting far above a big meetup, and skips crowds", () => {
    const pair = new LinkTally();
    pair.addEvent(1, 2, now);
    const meetup = new LinkTally();
    meetup.addEvent(2, 31, now);
    const crowd = new LinkTally();
    crowd.addEvent(3, MAX_EVENT_SIZE + 1, now);
    expect(linkStrength(pair)).toBeCloseTo(1 - Math.exp(-1.5 / 4), 9);
    expect(linkStrength(meetup)).toBeCloseTo(1 - Math.exp(-(1.5 * 2) / 30 / 4), 9);
    expect(linkStrength(crowd)).toBe(0);
  });

  it("lets old dialog fade to half, never to nothing", () => {
    const old = new LinkTally();
    old.addAct(true, "email", "message", now - 20 * 365 * DAY, now);
    old.addAct(false, "email", "message", now - 20 * 365 * DAY, now);
    expect(linkStrength(old)).toBeCloseTo(1 - Math.exp(-1 / 4), 3);
  });
});

describe("evidence", () => {
  it("says who did what, where, how often and when last", () => {
    const t = new LinkTally();
    for (let i = 0; i < 3; i++) {
      t.addAct(true, "blog_comment", "reply", Date.parse("2026-03-02T00:00:00Z") + i * DAY, now);
      t.addAct(false, "blog_comment", "reply", Date.parse("2026-03-03T00:00:00Z") + i * DAY, now);
    }
    t.addAct(false, "email", "message", Date.parse("2026-01-10T00:00:00Z"), now);
    t.addEvent(7, 4, Date.parse("2026-02-01T00:00:00Z"));
    const evidence = linkEvidence(t, new Map([[7, "Growth Marketing Meetup"]]));
    expect(evidence.map((e) => renderEvidence(e, "Ana Ode", "Ben Ruiz"))).toEqual([
      "Ana Ode and Ben Ruiz replied to each other 6 times in the comments on your blog; last in March 2026",
      "Ben Ruiz wrote to Ana Ode once by e-mail",
      "Ana Ode and Ben Ruiz were both at a small event (“Growth Marketing Meetup”)",
    ]);
  });
});
