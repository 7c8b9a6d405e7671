/**
 * The HTML brief in headless Chromium: on a phone (390×844) nothing is wider than the screen,
 * every section is there, a hostile attendee name stays text (no script runs, no image loads),
 * and screenshots of the phone and desktop views are saved for a person to look at.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasBrowser, launchBrowser, screenshotPath } from "../../testing/browser.js";
import { tempDir } from "../../testing/stores.js";
import type { Brief } from "./build-brief.js";
import { escapeHtml, renderBriefHtml } from "./render-html.js";
import { renderBriefMarkdown, renderBriefText } from "./render-text.js";

const EVIL = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
const LONG = "Supercalifragilisticexpialidocious-Consultancy-International-Holdings-GmbH-und-Co-KG";

function sampleBrief(): Brief {
  const reasons = ["you both write about content marketing, analytics", "Ana can introduce you"];
  const newPerson = (name: string, i: number) => ({
    name,
    personId: 100 + i,
    organization: i === 0 ? LONG : "Juniper Lane",
    title: "Data Scientist",
    score: 0.8 - i * 0.1,
    reasons,
    sharedInterests: ["content marketing"],
    introducedBy: ["Ana Silva"],
    talkingPoint: { title: `A post with ${EVIL}`, url: "javascript:alert(1)", at: null },
    match: null,
  });
  return {
    title: `Content Night ${EVIL}`,
    file: "night.csv",
    format: "csv",
    events: [
      {
        title: "Content Night",
        start: "2026-12-01T18:00:00.000Z",
        location: "Manchester",
        url: null,
      },
    ],
    generatedAt: "2026-11-25T00:00:00.000Z",
    counts: {
      listed: 7,
      known: 2,
      newPeople: 3,
      metBefore: 1,
      careful: 1,
      ambiguous: 1,
      skipped: 1,
      you: 0,
    },
    known: [
      {
        name: "Ana Silva",
        personId: 1,
        listedAs: "Ana Silva",
        organization: "Brightlane",
        title: "Copywriter",
        strength: 0.93,
        tier: "irl",
        reasons: [
          "irl: a strong, two-way tie and you have met",
          "you wrote to each other 39 times",
        ],
        lastTalked: {
          at: "2026-11-20T10:00:00.000Z",
          channel: "email",
          kind: "message",
          direction: "inbound",
          title: "Your take on case studies",
          url: "https://blog.example/case",
          excerpt: "Hi!",
        },
        match: { confidence: 0.99, reason: "same e-mail" },
      },
      {
        name: "Ben Dormer",
        personId: 2,
        listedAs: "Ben Dormer",
        organization: null,
        title: null,
        strength: 0.01,
        tier: "dormant",
        reasons: ["a tie gone quiet: this is the moment to pick up again"],
        lastTalked: null,
        match: { confidence: 0.99, reason: "same e-mail" },
      },
    ],
    newPeople: [newPerson(EVIL, 0), newPerson("Rémi Caron", 1), newPerson("Omar Zúñiga", 2)],
    metBefore: [newPerson("Kojo Nwosu", 3)],
    introductions: [
      {
        name: EVIL,
        personId: 100,
        via: "Ana Silva",
        score: 0.58,
        hops: [],
        reasons: ["Ana Silva and them wrote to each other 4 times on your blog"],
      },
    ],
    groupInterests: [
      { term: "content marketing", people: 5, weight: 0.2, sharedWithMe: true },
      { term: "photography", people: 3, weight: 0.1, sharedWithMe: false },
    ],
    careful: [
      {
        name: "Ivy Asker",
        personId: 9,
        tier: "one-way",
        reasons: ['asked: "Is your team hiring?"'],
      },
    ],
    ambiguous: [
      {
        name: "Burak Farouk",
        place: "line 9",
        reasons: ["2 people in your graph are called Burak Farouk"],
        candidates: [{ id: 16, name: "Burak Farouk", confidence: 0.72, reason: "same name" }],
      },
    ],
    skipped: [{ place: "line 12", reason: "bad line", message: '"x@" is not an e-mail address' }],
  };
}

describe("the HTML brief", () => {
  const html = renderBriefHtml(sampleBrief());

  it("is one self-contained page with every imported text escaped", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\bsrc=|<link|@import|url\(/i);
    expect(html).not.toContain("javascript:");
    expect(html).toContain(escapeHtml("<script>"));
    expect(html).toContain("<style>");
    expect(html).toContain("@media print");
  });

  it("keeps Markdown and text output free of markup from names", () => {
    const md = renderBriefMarkdown(sampleBrief());
    expect(md).not.toContain("<script>");
    expect(md).toContain("\\<script\\>");
    expect(renderBriefText(sampleBrief())).toContain("New people worth meeting:");
  });
});

describe.skipIf(!hasBrowser())("the HTML brief in Chromium", () => {
  let browser: Browser;
  const dir = tempDir("irl-brief-html-");
  const file = path.join(dir, "brief.html");

  beforeAll(async () => {
    fs.writeFileSync(file, renderBriefHtml(sampleBrief()));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fits a phone screen, shows every section and runs nothing", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled: true,
    });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    const dialogs: string[] = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(`file://${file}`);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      widest: Math.max(
        ...[...document.querySelectorAll("body *")].map((e) => e.getBoundingClientRect().right),
      ),
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(widths.widest).toBeLessThanOrEqual(widths.client + 0.5);
    const headings = await page.locator("section h2").allTextContents();
    for (const h of [
      "People you know",
      "New people worth meeting",
      "Met once, never followed up",
      "Who can introduce you",
      "What this group cares about",
      "Careful with your time",
      "Not sure who these are",
    ]) {
      expect(headings).toContain(h);
    }
    expect(await page.locator("#new li.person").count()).toBe(3);
    // The hostile name is shown as the text it is.
    expect(await page.locator("#new li.person h3").first().textContent()).toContain("<script>");
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator("img, script").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: screenshotPath("brief-phone"), fullPage: true });
    await context.close();
  });

  it("reads on a desktop too", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`file://${file}`);
    const main = await page.locator("main").boundingBox();
    expect(main?.width).toBeLessThanOrEqual(46 * 16 + 1);
    await page.screenshot({ path: screenshotPath("brief-desktop"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav.toc").isVisible()).toBe(false);
    await page.close();
  });
});
