import { describe, expect, it } from "vitest";
import { paramValues, parseProperty } from "./property.js";

describe("parseProperty", () => {
  it("reads vCard 2.1 bare parameters as TYPE and ENCODING", () => {
    const p = parseProperty("item1.TEL;WORK;VOICE;QUOTED-PRINTABLE:(111) 555-1212");
    expect(p).toEqual({
      group: "item1",
      name: "TEL",
      params: [
        { name: "TYPE", value: "WORK" },
        { name: "TYPE", value: "VOICE" },
        { name: "ENCODING", value: "QUOTED-PRINTABLE" },
      ],
      value: "(111) 555-1212",
    });
  });

  it("keeps ; and : inside quoted parameter values and undoes RFC 6868 escapes", () => {
    const p = parseProperty('ADR;TYPE="home,pref";LABEL="1 Road; Town: ^\'Here^\'":;;1 Road;Town');
    expect(p?.value).toBe(";;1 Road;Town");
    expect(p && paramValues(p, "TYPE")).toEqual(["home", "pref"]);
    expect(p?.params.find((x) => x.name === "LABEL")?.value).toBe('1 Road; Town: "Here"');
  });

  it("rejects lines that are not properties", () => {
    expect(parseProperty("just some text")).toBeUndefined();
    expect(parseProperty("two words:value")).toBeUndefined();
    expect(parseProperty('X;P="unclosed:value')).toBeUndefined();
  });
});
