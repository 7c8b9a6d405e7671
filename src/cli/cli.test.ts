import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CORPORA, runIrl } from "../testing/cli.js";
import { tempDir } from "../testing/stores.js";
import { makeZip } from "../testing/zip.js";

const dir = tempDir("irl-cli-");
const db = (name: string) => path.join(dir, `${name}.db`);
const wxr = (name: string) => path.join(CORPORA, "wxr", name);
const haveCorpora = fs.existsSync(path.join(CORPORA, "wxr"));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("irl, the command", () => {
  it("teaches with --help and lists its commands", async () => {
    const { code, stdout } = await runIrl(["--help"]);
    expect(code).toBe(0);
    for (const c of ["import", "me", "stats", "people", "person", "demo"])
      expect(stdout).toContain(c);
    const sub = await runIrl(["import", "--help"]);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain("Examples:");
    expect(sub.stdout).toContain("wxr");
  });

  it("exits 2 on bad usage, with a message", async () => {
    const unknown = await runIrl(["stats", "--no-such-flag"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option/);
    const badLimit = await runIrl(["people", "--limit", "-3", "--db", db("usage")]);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain("not a positive whole number");
  });

  it("reports empty stats in the documented JSON shape", async () => {
    const { code, stdout } = await runIrl(["stats", "--json", "--db", db("empty")]);
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect(stats).toMatchObject({ people: 0, identities: 0, interactions: 0, byChannel: {} });
  });

  it("declares and shows the user's identities", async () => {
    const file = db("me");
    const set = await runIrl([
      "me",
      "olive@blog.example",
      "https://olive.example/",
      "twitter:@olive",
      "--db",
      file,
      "--json",
    ]);
    expect(set.code).toBe(0);
    const shown = JSON.parse((await runIrl(["me", "--json", "--db", file])).stdout);
    expect(shown.identities.map((i: { kind: string }) => i.kind).sort()).toEqual([
      "email",
      "handle",
      "url",
    ]);
    const bad = await runIrl(["me", "not an identity", "--db", file]);
    expect(bad.code).toBe(2);
  });

  it("says clearly when a file is missing or not a known format", async () => {
    const junk = path.join(dir, "junk.txt");
    fs.writeFileSync(junk, "just some words\n");
    const { code, stdout } = await runIrl([
      "import",
      junk,
      path.join(dir, "missing.xml"),
      "--json",
      "--db",
      db("junk"),
    ]);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout);
    expect(summary.errors).toEqual([
      expect.objectContaining({
        file: junk,
        message: expect.stringContaining("not a format irl can import"),
      }),
      expect.objectContaining({
        file: path.join(dir, "missing.xml"),
        message: "no such file or folder",
      }),
    ]);
  });

  describe.skipIf(!haveCorpora)("on real WordPress exports (../shared/corpora/wxr)", () => {
    it("imports, then adds nothing on a second import", async () => {
      const file = db("isso");
      const first = await runIrl(["import", wxr("isso-wordpress.xml"), "--json", "--db", file]);
      expect(first.code).toBe(0);
      const one = JSON.parse(first.stdout);
      expect(one).toMatchObject({ unchanged: 0, errors: [] });
      expect(typeof one.skipped).toBe("number");
      expect(one.added).toBeGreaterThanOrEqual(8);
      const stats1 = JSON.parse((await runIrl(["stats", "--json", "--db", file])).stdout);

      const second = JSON.parse(
        (await runIrl(["import", wxr("isso-wordpress.xml"), "--json", "--db", file])).stdout,
      );
      expect(second.added).toBe(0);
      expect(second.unchanged).toBe(one.added);
      const stats2 = JSON.parse((await runIrl(["stats", "--json", "--db", file])).stdout);
      const { importLog: log1, ...rest1 } = stats1;
      const { importLog: log2, ...rest2 } = stats2;
      expect(rest2).toEqual(rest1);
      expect(log2).toHaveLength(1);
      expect(log2[0].runs).toBe(2);
      expect(log1[0].runs).toBe(1);
    });

    it("imports the same export from inside a zip (parsed on the worker thread)", async () => {
      const zip = path.join(dir, "isso.zip");
      fs.writeFileSync(
        zip,
        makeZip({ "export/isso-wordpress.xml": fs.readFileSync(wxr("isso-wordpress.xml")) }),
      );
      const fromZip = JSON.parse(
        (await runIrl(["import", zip, "--json", "--db", db("zip")])).stdout,
      );
      const direct = JSON.parse(
        (await runIrl(["import", wxr("isso-wordpress.xml"), "--json", "--db", db("zip-direct")]))
          .stdout,
      );
      expect(fromZip.errors).toEqual([]);
      expect(fromZip.added).toBe(direct.added);
      expect(fromZip.files[0].file).toBe(`${zip}/export/isso-wordpress.xml`);
    });

    it("lists people and shows one person's identities and timeline", async () => {
      const file = db("people");
      await runIrl(["import", wxr("isso-wordpress.xml"), "--db", file]);
      const people = JSON.parse((await runIrl(["people", "--json", "--db", file])).stdout);
      expect(people.length).toBeGreaterThan(0);
      for (const p of people) expect(typeof p.name).toBe("string");
      const ohai = await runIrl(["person", "Ohai", "--json", "--db", file]);
      expect(ohai.code).toBe(0);
      const person = JSON.parse(ohai.stdout);
      expect(person.identities).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: "email", value: "test@example.org" }),
        ]),
      );
      expect(person.timeline.length).toBeGreaterThan(0);
      const nobody = await runIrl(["person", "Zebedee Nobody", "--db", file]);
      expect(nobody.code).toBe(1);
      expect(nobody.stderr).toContain('nobody matches "Zebedee Nobody"');
    });

    it("exports the people as JSON, vCard to a file, and refuses an unknown format", async () => {
      const file = db("export");
      await runIrl(["import", wxr("isso-wordpress.xml"), "--db", file]);
      const json = JSON.parse((await runIrl(["export", "json", "--db", file])).stdout);
      expect(json.length).toBeGreaterThan(0);
      for (const p of json) {
        expect(typeof p.name).toBe("string");
        expect(Array.isArray(p.identities)).toBe(true);
      }
      const vcf = path.join(dir, "people.vcf");
      const written = await runIrl(["export", "vcard", "--out", vcf, "--db", file]);
      expect(written.code).toBe(0);
      expect(fs.readFileSync(vcf, "utf8").match(/BEGIN:VCARD/g)).toHaveLength(json.length);
      expect((await runIrl(["export", "pdf", "--db", file])).code).toBe(2);
    });

    it("names the file and the line of malformed XML, and exits 1", async () => {
      const bad = wxr("importer-malformed.xml");
      const { code, stdout } = await runIrl(["import", bad, "--json", "--db", db("malformed")]);
      expect(code).toBe(1);
      const summary = JSON.parse(stdout);
      expect(summary.errors).toHaveLength(1);
      expect(summary.errors[0]).toMatchObject({
        file: bad,
        place: expect.stringMatching(/^line \d+/),
      });
    });
  });
});
