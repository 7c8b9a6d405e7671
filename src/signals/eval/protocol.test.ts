import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateStrength } from "./protocol.js";
import { defaultCorpusFile, formatReport } from "./run.js";

const DAY = 86_400;

describe("strength evaluation protocol", () => {
  it("splits at the 70th percentile, labels the next 30 days, scores from the past only", async () => {
    const lines: string[] = [];
    const t0 = 1_000_000_000;
    // a and b chat every day for 70 days and go on after T: a positive, strong tie
    for (let d = 0; d < 100; d++) lines.push(`a b ${t0 + d * DAY}`, `b a ${t0 + d * DAY + 60}`);
    // c wrote once to a, long ago, and never again: negative
    lines.push(`c a ${t0 + 5 * DAY}`);
    // d and e talked a little before T; only far after T + 30 days again: negative
    lines.push(`d e ${t0 + 60 * DAY}`, `e d ${t0 + 60 * DAY + 10}`, `d e ${t0 + 200 * DAY}`);
    lines.push("# a comment line", "", "broken line");
    const dir = mkdtempSync(path.join(tmpdir(), "irl-strength-"));
    const file = path.join(dir, "net.txt");
    writeFileSync(file, lines.join("\n"));

    const report = await evaluateStrength(file);
    expect(report.messages).toBe(204);
    expect(report.skippedLines).toBe(1);
    expect(report.ties).toBe(3);
    expect(report.positives).toBe(1);
    expect(report.auc.irl).toBe(1);
    expect(report.auc.recency).toBe(1);
    expect(report.hit1.irl).toBe(1);
    const last = formatReport(report).at(-1) ?? "";
    expect(last).toMatch(/^auc=1\.000 auc_recency=1\.000 auc_decay=\S+ hit1=1\.000/);
  });

  it("finds the corpora folder from IRL_CORPORA", () => {
    expect(defaultCorpusFile({ IRL_CORPORA: "/x" })).toBe("/x/temporal/CollegeMsg.txt");
  });
});
