/**
 * The web app's static assets — its stylesheet and its small client scripts — compressed once
 * (brotli and gzip) and served with the encoding the browser accepts, an ETag and a long cache.
 * Client scripts are TypeScript in `client/`, compiled by `tsc` next to this module
 * (`dist/web/client/*.js`); run from the sources (tests), they are transpiled on first use.
 *
 * @example
 * const assets = await loadAssets();
 * app.get("/assets/:name", (c) => serveAsset(c, assets));
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import type { Context } from "hono";
import { BRIEF_CSS } from "../plans/brief/index.js";
import { STYLESHEET } from "./style.js";

export interface Asset {
  type: string;
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

/** The client scripts, by the name they are served under (`/assets/NAME.js`). */
export const CLIENT_SCRIPTS = ["enhance", "import", "network"] as const;

export async function loadAssets(): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  assets.set("app.css", packed("text/css; charset=utf-8", Buffer.from(STYLESHEET)));
  // The event brief's own stylesheet: its page is the one `irl brief --format html` writes.
  assets.set("brief.css", packed("text/css; charset=utf-8", Buffer.from(BRIEF_CSS)));
  for (const name of CLIENT_SCRIPTS) {
    assets.set(`${name}.js`, packed("text/javascript; charset=utf-8", await clientScript(name)));
  }
  return assets;
}

function packed(type: string, raw: Buffer): Asset {
  return {
    type,
    raw,
    gzip: zlib.gzipSync(raw, { level: 9 }),
    br: zlib.brotliCompressSync(raw, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
    }),
    etag: `"${createHash("sha256").update(raw).digest("base64url").slice(0, 16)}"`,
  };
}

async function clientScript(name: string): Promise<Buffer> {
  const compiled = fileURLToPath(new URL(`./client/${name}.js`, import.meta.url));
  if (fs.existsSync(compiled)) {
    return Buffer.from(
      fs.readFileSync(compiled, "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, ""),
    );
  }
  const source = fileURLToPath(new URL(`./client/${name}.ts`, import.meta.url));
  const ts = (await import("typescript")).default;
  const out = ts.transpileModule(fs.readFileSync(source, "utf8"), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return Buffer.from(out.outputText.replace(/^\/\/# sourceMappingURL=.*$/m, ""));
}

export function serveAsset(c: Context, assets: Map<string, Asset>): Response {
  const asset = assets.get(c.req.param("name") ?? "");
  if (!asset) return c.text("not found", 404);
  const headers: Record<string, string> = {
    "content-type": asset.type,
    etag: asset.etag,
    "cache-control": "public, max-age=3600",
    vary: "accept-encoding",
  };
  if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers);
  const accepts = c.req.header("accept-encoding") ?? "";
  if (/\bbr\b/.test(accepts)) {
    return c.body(new Uint8Array(asset.br), 200, { ...headers, "content-encoding": "br" });
  }
  if (/\bgzip\b/.test(accepts)) {
    return c.body(new Uint8Array(asset.gzip), 200, { ...headers, "content-encoding": "gzip" });
  }
  return c.body(new Uint8Array(asset.raw), 200, headers);
}
