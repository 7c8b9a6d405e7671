/**
 * A tiny SMTP server for tests: listens on 127.0.0.1, speaks just enough SMTP (EHLO/HELO, MAIL,
 * RCPT, DATA, RSET, NOOP, QUIT) for nodemailer to deliver, and keeps every message it gets.
 *
 * @example
 * const sink = await startSmtpSink();
 * // … configure smtp: { host: "127.0.0.1", port: sink.port, from: "c@blog.example" } …
 * sink.messages[0].to; // ["ada@example.org"]
 * await sink.close();
 */
import net from "node:net";

export interface SunkMessage {
  from: string;
  to: string[];
  data: string;
}

export interface SmtpSink {
  port: number;
  messages: SunkMessage[];
  /** Resolves once `n` messages have arrived (or after `ms`, with what there is). */
  waitFor(n: number, ms?: number): Promise<SunkMessage[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    socket.write("220 sink ESMTP\r\n");
    let buffer = "";
    let inData = false;
    let current: SunkMessage = { from: "", to: [], data: "" };
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          messages.push(current);
          current = { from: "", to: [], data: "" };
          inData = false;
          socket.write("250 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-sink\r\n250 8BITMIME\r\n");
        else if (verb === "HELO") socket.write("250 sink\r\n");
        else if (verb === "MAIL") {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          socket.write("250 ok\r\n");
        } else if (verb === "RCPT") {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
          return;
        } else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    messages,
    async waitFor(n, ms = 5000) {
      const until = Date.now() + ms;
      while (messages.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      return messages;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
