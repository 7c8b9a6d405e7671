/**
 * XSS vectors submitted as comments (body, name, website, page title), rendered in headless
 * Chromium through the embed (on a blog page of another origin) and through the server-rendered
 * page: nothing may execute — no `window.__xss`, no dialog — and no event-handler attribute or
 * script-capable URL may reach the DOM. Screenshots go to test-output/screenshots/.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store/store.js";
import { hasBrowser, launchBrowser, screenshotPath } from "../testing/browser.js";
import { storeTargets } from "../testing/stores.js";
import { commentConfig } from "./config.js";
import { type CommentServer, startCommentServer } from "./server.js";

const BODIES = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"><circle r=5 /></svg>',
  "<svg><script>window.__xss=1</script></svg>",
  "[click me](javascript:window.__xss=1)",
  "[data](data:text/html,<script>window.__xss=1</script>)",
  '<a href="javascript:window.__xss=1">x</a>',
  '<img src="x" onerror="window.__xss=1"',
  "<<script>script>window.__xss=1<</script>/script>",
  "</textarea><script>window.__xss=1</script>",
  '<iframe src="javascript:window.__xss=1"></iframe>',
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
  "[x](jav&#x09;ascript:window.__xss=1)",
  '<details open ontoggle="window.__xss=1">',
  "`<script>window.__xss=1</script>` and **bold** <https://safe.example/ok>",
];
const NAMES = [
  '"><img src=x onerror=window.__xss=1>',
  "' onmouseover='window.__xss=1",
  "</script><script>window.__xss=1</script>",
];
const URLS = [
  'https://x.example/" onmouseover="window.__xss=1',
  "https://x.example/'><script>window.__xss=1</script>",
];

const sqlite = storeTargets()[0]!;

/** Everything executable that reached the DOM (light and shadow), and the flag. */
async function inspect(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll("*"))) {
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
          if (
            /^(href|src|action|formaction|xlink:href)$/i.test(attr.name) &&
            /^\s*(javascript|data|vbscript):/i.test(attr.value)
          ) {
            found.push(`${el.tagName} ${attr.name}=${attr.value}`);
          }
        }
        if (
          ["SCRIPT", "IFRAME", "SVG", "IMG", "OBJECT", "EMBED"].includes(
            el.tagName.toUpperCase(),
          ) &&
          root !== document
        ) {
          found.push(`<${el.tagName}> in the thread`);
        }
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    const w = window as unknown as { __xss?: number };
    return { found, xss: w.__xss ?? 0 };
  });
}

async function poke(page: Page) {
  // Hover everything in the thread, so a smuggled mouseover handler would fire.
  const handles = await page.locator(".irlc-comment *").elementHandles();
  for (const h of handles.slice(0, 120))
    await h.hover({ force: true, timeout: 100 }).catch(() => {});
}

describe.skipIf(!hasBrowser())("XSS vectors rendered in Chromium", () => {
  let store: Store;
  let server: CommentServer;
  let blog: http.Server;
  let blogUrl: string;
  let browser: Browser;
  let pageUrl: string;
  let posted = 0;

  beforeAll(async () => {
    store = await sqlite.open();
    server = await startCommentServer({
      store,
      port: 0,
      log: () => {},
      config: commentConfig({ ownerName: "Olive", rateLimit: { burst: 1000, perMs: 1000 } }),
    });
    blog = http.createServer((req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(`<!doctype html><html><head><title>A post</title></head><body>
<h1>A post</h1><p>Text of the post.</p>
<script>window.__xss = 0; window.alert = window.confirm = window.prompt = function () { window.__xss = 1; };</script>
<script src="${server.url}/embed.js" data-page="${blogUrl}/post"></script>
</body></html>`);
    });
    await new Promise<void>((r) => blog.listen(0, "127.0.0.1", r));
    blogUrl = `http://127.0.0.1:${(blog.address() as AddressInfo).port}`;
    pageUrl = `${blogUrl}/post`;
    const post = async (body: Record<string, string>) => {
      const res = await fetch(`${server.url}/api/comments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          page: pageUrl,
          title: "</title><script>window.__xss=1</script>",
          ...body,
        }),
      });
      if (res.status !== 201)
        throw new Error(`${res.status} ${await res.text()} for ${JSON.stringify(body)}`);
      const { id } = (await res.json()) as { id: number };
      await server.service.moderate(id, "approve");
      posted++;
    };
    for (const body of BODIES) await post({ name: "Mallory", email: "m@example.org", body });
    for (const name of NAMES) await post({ name, email: "n@example.org", body: "name test" });
    for (const url of URLS) await post({ name: "Site", url, body: "url test" });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((r) => blog?.close(r));
    await store?.close();
    await sqlite.cleanup();
  });

  it("executes nothing in the embed on another site's page", async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      d.dismiss().catch(() => {});
    });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pageUrl);
    await page.locator(".irlc-count").waitFor();
    expect(await page.locator(".irlc-count").textContent()).toBe(`${posted} comments`);
    expect(await page.locator("article.irlc-comment").count()).toBe(posted);
    await poke(page);
    const { found, xss } = await inspect(page);
    expect(found).toEqual([]);
    expect(xss).toBe(0);
    expect(dialogs).toBe(0);
    // Only the blog and the comment service were asked for anything.
    for (const url of requests)
      expect(url.startsWith(blogUrl) || url.startsWith(server.url)).toBe(true);
    // The embed's own styles stay in its shadow root.
    expect(await page.evaluate(() => document.styleSheets.length)).toBe(0);
    await page.screenshot({ path: screenshotPath("comments-embed-xss"), fullPage: true });
    await page.close();
  });

  it("executes nothing on the server-rendered page", async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      d.dismiss().catch(() => {});
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __xss: number; alert: () => void };
      w.__xss = 0;
    });
    await page.goto(`${server.url}/thread?page=${encodeURIComponent(pageUrl)}`);
    expect(await page.locator("article.irlc-comment").count()).toBe(posted);
    await poke(page);
    const { found, xss } = await inspect(page);
    expect(found.filter((f) => !f.startsWith("<"))).toEqual([]);
    expect(await page.locator("script, img, svg, iframe").count()).toBe(0);
    expect(xss).toBe(0);
    expect(dialogs).toBe(0);
    await page.screenshot({ path: screenshotPath("comments-thread-xss"), fullPage: true });
    await page.close();
  });

  it("posts, replies, edits and deletes through the embed", async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    // The blog page traps dialogs for the XSS checks; here the reader answers "yes".
    await page.evaluate(() => {
      window.confirm = () => true;
    });
    await page.locator(".irlc-count").waitFor();
    // Known address (approved before): appears at once, with edit and delete for this browser.
    await page.fill(".irl-comments >> input[name=name]", "Mallory");
    await page.fill(".irl-comments >> input[name=email]", "m@example.org");
    await page.fill(".irl-comments >> textarea[name=body]", "Posted *from the embed*");
    await page.click(".irl-comments >> button[type=submit]");
    await page.locator("text=Thank you: your comment is up.").waitFor();
    const id = await page
      .locator("article.irlc-comment", { hasText: "Posted from the embed" })
      .getAttribute("data-id");
    const mine = page.locator(`article#c${id}`);
    await expect(mine.locator("em").textContent()).resolves.toBe("from the embed");
    await mine.locator("button.irlc-edit").click();
    await mine.locator("textarea.irlc-editbox").fill("Changed in place");
    await mine.locator("button.irlc-save").click();
    await page.locator("text=Your comment was changed.").waitFor();
    expect(
      await page.locator("article.irlc-comment", { hasText: "Changed in place" }).count(),
    ).toBe(1);
    await page
      .locator("article.irlc-comment", { hasText: "Changed in place" })
      .locator("button.irlc-delete")
      .click();
    await page.locator("text=Your comment was deleted.").waitFor();
    expect(
      await page.locator("article.irlc-comment", { hasText: "Changed in place" }).count(),
    ).toBe(0);
    // Someone else's comment offers no edit button.
    expect(await page.locator("button.irlc-edit").count()).toBe(0);
    // A reply from an unknown address waits for approval, shown only to its author.
    await page.locator("a.irlc-reply").first().click();
    await page.fill(".irl-comments >> input[name=email]", "new@example.org");
    await page.fill(".irl-comments >> textarea[name=body]", "A reply");
    await page.click(".irl-comments >> button[type=submit]");
    await page.locator("text=Thank you: your comment waits for approval.").waitFor();
    const reply = await store.db
      .selectFrom("comments")
      .selectAll()
      .where("body", "=", "A reply")
      .executeTakeFirstOrThrow();
    expect(reply.status).toBe("pending");
    expect(reply.parent_id).not.toBeNull();
    await page.screenshot({ path: screenshotPath("comments-embed-flow"), fullPage: true });
    await page.close();
  });
});
