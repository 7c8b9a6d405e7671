/**
 * The stylesheet's colours keep a contrast of at least 4.5:1 (WCAG AA for body text): text on
 * the page, links, muted text, and white text on each tier's badge.
 */
import { describe, expect, it } from "vitest";
import { STYLESHEET, TIER_COLOURS } from "./style.js";

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function variable(name: string): string {
  const m = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, "i").exec(STYLESHEET);
  if (!m?.[1]) throw new Error(`--${name} is not in the stylesheet`);
  return m[1];
}

describe("colour contrast", () => {
  it("computes WCAG contrast (black on white is 21:1)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#ffffff")).toBeLessThan(4.5);
  });

  it("keeps page text, links and muted text at 4.5:1 or more on white and on the soft grey", () => {
    for (const name of ["ink", "muted", "link", "bad", "good"]) {
      expect(contrast(variable(name), "#ffffff"), name).toBeGreaterThanOrEqual(4.5);
      expect(contrast(variable(name), variable("soft")), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("keeps white text on every tier badge at 4.5:1 or more, and the badges use the tier colours", () => {
    for (const [tier, colour] of Object.entries(TIER_COLOURS)) {
      expect(contrast(colour, "#ffffff"), tier).toBeGreaterThanOrEqual(4.5);
      expect(STYLESHEET).toContain(`.tier-${tier} { background: ${colour}; }`);
    }
  });
});
