/**
 * Just enough XML-RPC for Pingback: read a `methodCall` (method name and scalar, array and
 * struct parameters) and write a response or a fault. Parsing is strict about structure and
 * safe by construction: htmlparser2 in XML mode never fetches or expands anything, and a
 * document with a DOCTYPE or entity declaration is refused outright, so no entity tricks
 * (billion laughs, external entities) reach the parser. Anything malformed is an
 * `XmlRpcParseError`, never a crash.
 *
 * @example
 * const call = parseMethodCall(body); // { method: "pingback.ping", params: ["https://…", "https://…"] }
 * faultResponse(17, "The source does not contain a link to the target.");
 */
import { Parser } from "htmlparser2";

export type XmlRpcValue =
  | string
  | number
  | boolean
  | XmlRpcValue[]
  | { [name: string]: XmlRpcValue };

export interface MethodCall {
  method: string;
  params: XmlRpcValue[];
}

export class XmlRpcParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlRpcParseError";
  }
}

interface Node {
  name: string;
  children: Node[];
  text: string;
}

/** Elements nested deeper than this are refused (no real call needs more). */
const MAX_DEPTH = 32;

export function parseMethodCall(xml: string): MethodCall {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new XmlRpcParseError("DOCTYPE and entity declarations are not accepted");
  }
  const root = parseTree(xml);
  if (root.name !== "methodCall") throw new XmlRpcParseError("the root element must be methodCall");
  const nameNode = only(root, "methodName");
  const method = nameNode?.text.trim() ?? "";
  if (!/^[A-Za-z0-9_.:/]+$/.test(method))
    throw new XmlRpcParseError("methodName is missing or invalid");
  const params: XmlRpcValue[] = [];
  const paramsNode = only(root, "params");
  for (const param of paramsNode?.children ?? []) {
    if (param.name !== "param")
      throw new XmlRpcParseError(`unexpected <${param.name}> in <params>`);
    const value = only(param, "value");
    if (!value) throw new XmlRpcParseError("a <param> without a <value>");
    params.push(readValue(value));
  }
  return { method, params };
}

function parseTree(xml: string): Node {
  const top: Node = { name: "#document", children: [], text: "" };
  const stack: Node[] = [top];
  let error: string | undefined;
  const parser = new Parser(
    {
      onopentag(name) {
        if (error) return;
        if (stack.length > MAX_DEPTH) {
          error = "the document is nested too deeply";
          return;
        }
        const node: Node = { name, children: [], text: "" };
        (stack[stack.length - 1] as Node).children.push(node);
        stack.push(node);
      },
      ontext(text) {
        if (error) return;
        const node = stack[stack.length - 1] as Node;
        if (node === top) {
          if (text.trim()) error = "text outside the root element";
          return;
        }
        node.text += text;
      },
      onclosetag(name, isImplied) {
        if (error) return;
        const node = stack.pop();
        // htmlparser2 reports `<params/>` as an implied close too: tell it apart by its "/>".
        const selfClosed =
          node !== undefined &&
          node.children.length === 0 &&
          node.text === "" &&
          xml.charAt(parser.endIndex) === ">" &&
          xml.charAt(parser.endIndex - 1) === "/";
        if (!node || node === top || node.name !== name || (isImplied && !selfClosed)) {
          error = `the element <${node?.name ?? name}> is not closed properly`;
        }
      },
      oncdatastart() {
        // CDATA content arrives through ontext.
      },
      onprocessinginstruction(name) {
        if (error) return;
        if (name.toLowerCase() !== "?xml") error = "processing instructions are not accepted";
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
  if (error) throw new XmlRpcParseError(error);
  if (stack.length !== 1)
    throw new XmlRpcParseError("the document ends before its elements are closed");
  if (top.children.length !== 1)
    throw new XmlRpcParseError("the document must have one root element");
  return top.children[0] as Node;
}

function only(node: Node, name: string): Node | undefined {
  const found = node.children.filter((c) => c.name === name);
  if (found.length > 1) throw new XmlRpcParseError(`more than one <${name}> in <${node.name}>`);
  return found[0];
}

function readValue(value: Node): XmlRpcValue {
  if (value.children.length === 0) return value.text; // a bare value is a string
  if (value.children.length > 1) throw new XmlRpcParseError("a <value> with more than one type");
  const typed = value.children[0] as Node;
  const text = typed.text;
  switch (typed.name) {
    case "string":
      return text;
    case "i4":
    case "int":
    case "i8": {
      const n = Number(text.trim());
      if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
        throw new XmlRpcParseError(`not an integer: ${text.trim().slice(0, 40)}`);
      }
      return n;
    }
    case "boolean":
      if (text.trim() === "1") return true;
      if (text.trim() === "0") return false;
      throw new XmlRpcParseError("a boolean must be 0 or 1");
    case "double": {
      const n = Number(text.trim());
      if (text.trim() === "" || Number.isNaN(n)) throw new XmlRpcParseError("not a number");
      return n;
    }
    case "dateTime.iso8601":
    case "base64":
      return text.trim();
    case "array": {
      const data = only(typed, "data");
      return (data?.children ?? []).map((v) => {
        if (v.name !== "value") throw new XmlRpcParseError(`unexpected <${v.name}> in <data>`);
        return readValue(v);
      });
    }
    case "struct": {
      const out: { [name: string]: XmlRpcValue } = {};
      for (const member of typed.children) {
        const name = only(member, "name");
        const v = only(member, "value");
        if (member.name !== "member" || !name || !v)
          throw new XmlRpcParseError("a malformed struct member");
        out[name.text] = readValue(v);
      }
      return out;
    }
    default:
      throw new XmlRpcParseError(`unknown value type <${typed.name}>`);
  }
}

/** A successful response carrying one string. */
export function stringResponse(value: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param><value><string>${escapeXml(value)}</string></value></param></params></methodResponse>\n`;
}

export function faultResponse(code: number, message: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><fault><value><struct>` +
    `<member><name>faultCode</name><value><int>${Math.trunc(code)}</int></value></member>` +
    `<member><name>faultString</name><value><string>${escapeXml(message)}</string></value></member>` +
    `</struct></value></fault></methodResponse>\n`
  );
}

/** Read a response back (for tests and clients): the string, or the fault. */
export function parseResponse(
  xml: string,
): { value: XmlRpcValue } | { fault: { code: number; message: string } } {
  const root = parseTree(xml);
  if (root.name !== "methodResponse")
    throw new XmlRpcParseError("the root element must be methodResponse");
  const fault = only(root, "fault");
  if (fault) {
    const v = only(fault, "value");
    const s = v ? readValue(v) : undefined;
    if (!s || typeof s !== "object" || Array.isArray(s))
      throw new XmlRpcParseError("a malformed fault");
    return { fault: { code: Number(s.faultCode), message: String(s.faultString) } };
  }
  const value = only(only(only(root, "params") ?? root, "param") ?? root, "value");
  if (!value) throw new XmlRpcParseError("a response without a value");
  return { value: readValue(value) };
}

function escapeXml(value: string): string {
  return (
    value
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Characters XML 1.0 cannot carry at all.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
  );
}
