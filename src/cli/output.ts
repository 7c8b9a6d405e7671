/**
 * How commands speak: results on stdout (JSON under `--json`), everything else on stderr.
 * Small helpers for tables, dates and counts a person can read.
 *
 * @example
 * printJson({ people: 3 });
 * console.log(table([["Ada", "3"]], ["name", "n"]));
 */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function say(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Status for humans, never mixed into results. */
export function status(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function table(rows: string[][], header: string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => [...(r[c] ?? "")].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function isoDate(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "—" : new Date(ms).toISOString().slice(0, 10);
}

/** "3 weeks ago", relative to `now`. */
export function ago(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined) return "never";
  const days = Math.floor((now - ms) / 86_400_000);
  if (days < 0) return "in the future";
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  if (days < 730) return `${Math.round(days / 30.4)} months ago`;
  return `${Math.round(days / 365.25)} years ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
