import { describe, expect, it } from "vitest";
import {
  faultResponse,
  parseMethodCall,
  parseResponse,
  stringResponse,
  XmlRpcParseError,
} from "./xmlrpc.js";

const call = (params: string) =>
  `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params>${params}</params></methodCall>`;

describe("XML-RPC method calls", () => {
  it("reads the method and typed parameters", () => {
    const parsed = parseMethodCall(
      call(
        `<param><value><string>https://a.example/&amp;x</string></value></param>
         <param><value>bare</value></param>
         <param><value><int>-42</int></value></param>
         <param><value><boolean>1</boolean></value></param>
         <param><value><array><data><value><i4>1</i4></value><value><string>b</string></value></data></array></value></param>
         <param><value><struct><member><name>k</name><value><double>1.5</double></value></member></struct></value></param>
         <param><value><string><![CDATA[<raw>]]></string></value></param>`,
      ),
    );
    expect(parsed).toEqual({
      method: "pingback.ping",
      params: ["https://a.example/&x", "bare", -42, true, [1, "b"], { k: 1.5 }, "<raw>"],
    });
  });

  it("accepts self-closing empty elements", () => {
    expect(
      parseMethodCall("<methodCall><methodName>a.b</methodName><params/></methodCall>"),
    ).toEqual({
      method: "a.b",
      params: [],
    });
  });

  const malformed: [string, string][] = [
    ["empty", ""],
    ["not XML", "hello"],
    ["unclosed", "<methodCall><methodName>x</methodName>"],
    ["mismatched", "<methodCall><methodName>x</params></methodCall>"],
    ["wrong root", "<methodResponse><params/></methodResponse>"],
    ["no method name", "<methodCall><params/></methodCall>"],
    ["two roots", "<methodCall><methodName>x</methodName></methodCall><methodCall/>"],
    [
      "DOCTYPE with entities (billion laughs)",
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><methodCall><methodName>&lol2;</methodName></methodCall>`,
    ],
    [
      "external entity",
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><methodCall><methodName>a</methodName><params><param><value>&e;</value></param></params></methodCall>`,
    ],
    ["unknown type", call("<param><value><blob>1</blob></value></param>")],
    ["bad int", call("<param><value><int>1e3</int></value></param>")],
    ["bad boolean", call("<param><value><boolean>yes</boolean></value></param>")],
    [
      "deep nesting",
      `<methodCall><methodName>a</methodName><params><param><value>${"<array><data><value>".repeat(40)}x${"</value></data></array>".repeat(40)}</value></param></params></methodCall>`,
    ],
    ["text outside the root", "junk<methodCall><methodName>a</methodName></methodCall>"],
  ];
  it.each(malformed)("refuses %s with a parse error", (_what, xml) => {
    expect(() => parseMethodCall(xml)).toThrow(XmlRpcParseError);
  });
});

describe("XML-RPC responses", () => {
  it("writes a string response and a fault that read back", () => {
    expect(parseResponse(stringResponse("ok <&>"))).toEqual({ value: "ok <&>" });
    expect(parseResponse(faultResponse(17, "no \u0001link & more"))).toEqual({
      fault: { code: 17, message: "no link & more" },
    });
  });
});
