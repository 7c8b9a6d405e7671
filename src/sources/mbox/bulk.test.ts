import { describe, expect, it } from "vitest";
import { bulkReason } from "./bulk.js";

const h = (line: string) => ({ key: (line.split(":")[0] ?? "").toLowerCase(), line });

describe("bulkReason", () => {
  it("spots list and bulk headers", () => {
    expect(bulkReason([h("List-Id: <news.example>")], "a@b.example")).toMatch(/List-Id/);
    expect(bulkReason([h("List-Unsubscribe: <mailto:u@b.example>")], "a@b.example")).toMatch(
      /List-Unsubscribe/,
    );
    for (const p of ["bulk", "list", "junk", " Bulk "]) {
      expect(bulkReason([h(`Precedence: ${p}`)], "a@b.example")).toBeDefined();
    }
    expect(bulkReason([h("Precedence: first-class")], "a@b.example")).toBeUndefined();
  });
  it("spots automatic mail but not Auto-Submitted: no", () => {
    expect(bulkReason([h("Auto-Submitted: auto-replied")], "a@b.example")).toBeDefined();
    expect(bulkReason([h("Auto-Submitted: auto-generated")], "a@b.example")).toBeDefined();
    expect(bulkReason([h("Auto-Submitted: no")], "a@b.example")).toBeUndefined();
  });
  it("spots robot senders and spares people", () => {
    for (const s of [
      "noreply@x.example",
      "no-reply@x.example",
      "do-not-reply@x.example",
      "notifications@github.example",
      "notification+abc@x.example",
      "MAILER-DAEMON@x.example",
      "postmaster@x.example",
    ]) {
      expect(bulkReason([], s), s).toBeDefined();
    }
    for (const s of ["noreen@x.example", "ada@x.example", "notes@x.example"]) {
      expect(bulkReason([], s), s).toBeUndefined();
    }
  });
});
