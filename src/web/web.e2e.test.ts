/**
 * End to end, in headless Chromium against the real server on 127.0.0.1 over a generated sample
 * world: every page opens and does its main thing (import a file through the page, open a
 * person, pin, note, merge and split, review dupes, draw the network), imported script and
 * markup stay inert, and cross-origin or token-less changes are refused. Screenshots go to
 * test-output/screenshots (and to IRL_SCREENSHOTS_DIR when set: `npm run screenshots`).
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDupes } from "../plans/corrections.js";
import { matchOpening } from "../plans/match.js";
import { listPeople } from "../signals/tie-list.js";
import { hasBrowser, launchBrowser, screenshotPath } from "../testing/browser.js";
import { startWebServer, type WebServer } from "./server.js";
import { type SampleWorld, sampleWorld } from "./testing.js";

const FIXTURE = path.resolve("src/web/fixtures/script-comment.xml");

describe.skipIf(!hasBrowser())("the web app in Chromium", () => {
  let world: SampleWorld;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const dialogs: string[] = [];

  const shoot = async (name: string) => {
    await page.screenshot({ path: screenshotPath(name), fullPage: name !== "network" });
    const extra = process.env.IRL_SCREENSHOTS_DIR;
    if (extra) {
      fs.mkdirSync(extra, { recursive: true });
      await page.screenshot({ path: path.join(extra, `${name}.png`), fullPage: false });
    }
  };

  beforeAll(async () => {
    world = await sampleWorld({ people: 80 });
    server = await startWebServer(world.store, { port: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.accept();
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  it("home shows the summary, the IRL group the world planted, and what is due", async () => {
    await page.goto(server.url);
    const summary = await page.getByTestId("summary").textContent();
    expect(summary).toMatch(
      /^Of your \d+ contacts, \d+ (is a real relationship|are real relationships)/,
    );
    const irlGroup = await page.locator("#h-irl + ul a").allTextContents();
    expect(irlGroup.length).toBeGreaterThan(0);
    const circle = new Set(world.truths.irlCircle.map((p) => p.name));
    // Planted truth 3: the small circle is the IRL group.
    expect(irlGroup.filter((n) => circle.has(n)).length).toBeGreaterThan(0);
    expect(await page.locator("#h-week + ol li, #h-week + p").count()).toBeGreaterThan(0);
    await shoot("home");
  });

  it("people: search, tier filter, sparklines and paging", async () => {
    await page.goto(`${server.url}people`);
    const count = await page.getByTestId("count").textContent();
    const total = Number(/of ([\d,]+)/.exec(count ?? "")?.[1]?.replace(/,/g, ""));
    expect(total).toBeGreaterThan(50);
    expect(await page.locator("tbody tr").count()).toBe(50);
    expect(await page.locator("tbody svg.spark").count()).toBe(50);
    await shoot("people");
    await page.getByRole("link", { name: /next/ }).click();
    expect(await page.locator("tbody tr").count()).toBe(Math.min(50, total - 50));
    const someone = world.truths.irlCircle[0]?.name.split(" ")[0] ?? "";
    await page.goto(`${server.url}people`);
    await page.getByLabel("Name").fill(someone);
    await page.getByRole("button", { name: "Show" }).click();
    const names = await page.locator("tbody td:first-child a").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.toLowerCase()).toContain(someone.toLowerCase());
    await page.goto(`${server.url}people`);
    await page.getByLabel("Tier").selectOption("card-only");
    await page.getByRole("button", { name: "Show" }).click();
    const tiers = await page.locator("tbody .tier").allTextContents();
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers)).toEqual(new Set(["card-only"]));
  });

  it("person: reasons, strength history, identities; pin and note", async () => {
    const [top] = await listPeople(world.store, { sort: "strength", limit: 1 });
    if (!top) throw new Error("no people");
    await page.goto(`${server.url}people?sort=strength`);
    await page.locator("tbody td:first-child a").first().click();
    await expect.poll(() => page.url()).toContain(`/people/${top.id}`);
    expect(await page.locator("h1").textContent()).toContain(top.name);
    const reasons = await page.getByTestId("reasons").locator("li").allTextContents();
    expect(reasons).toEqual(top.reasons);
    expect(await page.locator("svg.chart polyline").count()).toBe(1);
    expect(await page.getByTestId("timeline").locator("li").count()).toBeGreaterThan(0);
    const pinned = await world.store.db
      .selectFrom("person_flags")
      .select("pinned")
      .where("person_id", "=", top.id)
      .executeTakeFirst();
    const button = pinned?.pinned === 1 ? "Unpin" : "Pin to IRL group";
    await page.getByRole("button", { name: button }).click();
    await expect.poll(() => page.locator("p.notice").textContent()).toMatch(/Pinned|Unpinned/);
    const after = await world.store.db
      .selectFrom("person_flags")
      .select("pinned")
      .where("person_id", "=", top.id)
      .executeTakeFirstOrThrow();
    expect(after.pinned).toBe(pinned?.pinned === 1 ? 0 : 1);
    await page.getByLabel("New note").fill("Ask about the <b>book</b> & the move");
    await page.getByRole("button", { name: "Add note" }).click();
    expect(await page.getByTestId("notes").textContent()).toContain(
      "Ask about the <b>book</b> & the move",
    );
    await shoot("person");
  });

  it("merge two people through the page, then undo it", async () => {
    const [a, b] = await listPeople(world.store, { sort: "name", tier: "card-only", limit: 2 });
    if (!a || !b) throw new Error("need two card-only people");
    const bIds = (await world.store.identitiesOf(b.id)).filter((i) => i.kind !== "name");
    await page.goto(`${server.url}people/${a.id}`);
    await page.getByLabel(/Merge into/).fill(`#${b.id}`);
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await expect.poll(() => page.locator("p.notice").textContent()).toContain(`Merged #${b.id}`);
    const shown = await page.getByTestId("identities").textContent();
    for (const i of bIds) expect(shown).toContain(i.display);
    expect(await page.getByTestId("merges").textContent()).toContain("merged by you");
    await expect(world.store.person(b.id)).rejects.toThrow();
    await page.getByRole("button", { name: "Undo the last merge" }).click();
    await expect.poll(() => page.locator("p.notice").textContent()).toMatch(/^Split #\d+/);
    const left = await page.getByTestId("identities").textContent();
    for (const i of bIds) expect(left).not.toContain(i.display);
    expect(dialogs.some((d) => d.includes("Undo the last merge"))).toBe(true);
  });

  it("dupes: review and dismiss a pair", async () => {
    const pairs = async () =>
      Number(
        (
          await world.store.db
            .selectFrom("dupe_candidates")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await listDupes(world.store, 100);
    const total = await pairs();
    await page.goto(`${server.url}dupes`);
    if (before.length === 0) {
      expect(await page.getByTestId("no-dupes").count()).toBe(1);
      return;
    }
    expect(await page.getByTestId("dupes").locator("> li").count()).toBe(before.length);
    await page.getByRole("button", { name: "Different people" }).first().click();
    await expect.poll(() => page.locator("p.notice").textContent()).toContain("kept apart");
    expect(await pairs()).toBe(total - 1);
  });

  it("network: the canvas draws the strongest ties and says what it left out", async () => {
    await page.goto(`${server.url}network?limit=60`);
    await expect.poll(() => page.locator("canvas#network").getAttribute("data-drawn")).toBe("61");
    const cap = await page.getByTestId("cap").textContent();
    expect(cap).toMatch(/Showing the 60 strongest of \d+ ties; not drawn:/);
    await shoot("network");
  });

  it("import through the page: a comment with script and markup is shown inert", {
    timeout: 150_000,
  }, async () => {
    await page.goto(`${server.url}import`);
    await page.setInputFiles("#files", FIXTURE);
    await expect
      .poll(async () => (await page.locator("#results").textContent()) ?? "", {
        timeout: 90_000,
        message: "the import's summary",
      })
      .toMatch(/\d+ new records/);
    expect(await page.locator("#results").textContent()).toContain("script-comment.xml (wxr)");
    await shoot("import");
    await page.goto(`${server.url}people?q=mallory`);
    await page.locator("tbody td:first-child a").first().click();
    const timeline = page.getByTestId("timeline");
    expect(await timeline.textContent()).toContain("<script>window.__xss=9</script>");
    expect(await timeline.textContent()).toContain("<b>not bold</b>");
    expect(await page.locator("main script, main iframe, main img").count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBe(
      undefined,
    );
    expect(dialogs.filter((d) => !d.includes("merge"))).toEqual([]);
  });

  it("refuses a change without the CSRF token, and one posted from another origin", async () => {
    const [victim] = await listPeople(world.store, { sort: "name", tier: "card-only", limit: 1 });
    if (!victim) throw new Error("no one");
    await page.goto(`${server.url}people/${victim.id}`);
    const status = await page.evaluate(async (id) => {
      const r = await fetch(`/api/people/${id}/flags`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ pinned: true }),
      });
      return r.status;
    }, victim.id);
    expect(status).toBe(403);
    // A page on another origin (another port of 127.0.0.1) that posts a form to irl.
    const evil = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        `<form id="f" method="post" action="${server.url}people/${victim.id}/flags">` +
          `<input name="pinned" value="1"><input name="_csrf" value="guessed"></form>` +
          `<script>document.getElementById("f").submit()</script>`,
      );
    });
    await new Promise<void>((r) => evil.listen(0, "127.0.0.1", r));
    try {
      const evilPage = await browser.newPage();
      const refused = evilPage.waitForResponse((r) =>
        r.url().includes(`/people/${victim.id}/flags`),
      );
      await evilPage.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      expect((await refused).status()).toBe(403);
      expect(await evilPage.textContent("body")).toContain("cross-origin request refused");
      await evilPage.close();
    } finally {
      evil.close();
    }
    const flags = await world.store.db
      .selectFrom("person_flags")
      .select("pinned")
      .where("person_id", "=", victim.id)
      .executeTakeFirst();
    expect(flags?.pinned ?? 0).toBe(0);
  });

  it("event brief: two attendee lists compared, then one brief as the CLI writes it", async () => {
    const dir = path.join(world.dir, "exports", "events");
    const lists = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".csv"))
      .sort()
      .slice(0, 2)
      .map((f) => path.join(dir, f));
    expect(lists.length).toBe(2);
    await page.goto(`${server.url}brief`);
    await page.setInputFiles("#brief-files", lists);
    await page.getByRole("button", { name: "Make the brief" }).click();
    const ranked = page.getByTestId("ranked").locator("> li");
    expect(await ranked.count()).toBe(2);
    await ranked.first().locator("a").first().click();
    expect(await page.locator("header h1").count()).toBe(1);
    expect(await page.locator("section").count()).toBeGreaterThan(1);
    await shoot("brief");
  });

  it("opportunity: pasting the planted opening ranks the people the match finds", async () => {
    await page.goto(`${server.url}match`);
    await page.getByLabel("The opening").fill(world.truths.opening.text);
    await page.getByRole("button", { name: "Find people" }).click();
    const names = await page.getByTestId("matches").locator("> li > a").allTextContents();
    const expected = await matchOpening(world.store, world.truths.opening.text, { limit: 15 });
    expect(names).toEqual(expected.people.map((p) => p.name));
    const best = world.truths.irlCircle
      .filter((p) => world.truths.opening.bestFitIds.includes(p.id))
      .map((p) => p.name);
    expect(names.slice(0, 5).some((n) => best.includes(n))).toBe(true);
    await shoot("opportunity");
  });

  it("introductions and suggestions", async () => {
    await page.goto(`${server.url}suggest`);
    const suggested = page.getByTestId("suggestions").locator("> li");
    expect(await suggested.count()).toBeGreaterThan(0);
    await suggested.first().getByRole("link", { name: "introductions" }).click();
    const paths = await page.getByTestId("paths").count();
    const none = await page.getByTestId("no-paths").count();
    expect(paths + none).toBe(1);
    if (paths) expect(await page.locator("svg.chart circle").count()).toBeGreaterThan(1);
    await shoot("intro");
  });

  it("no page broke its own Content-Security-Policy", () => {
    expect(cspViolations).toEqual([]);
  });
});
