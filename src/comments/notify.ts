/**
 * E-mail notifications, off unless SMTP settings are given: the owner hears of each newly
 * approved comment, and a commenter who asked for replies hears of each approved reply to
 * their comment. Nothing is sent for a comment that is not approved (pending, spam, deleted),
 * nothing to the person who wrote the reply, nothing to the owner about their own replies.
 * Sending never blocks or fails a request: errors are logged.
 *
 * @example
 * const notifier = new Notifier(config, (line) => process.stderr.write(line + "\n"));
 * await notifier.approved(comment, parent, "https://comments.example");
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { CommentRow } from "./comment-store.js";
import type { CommentConfig } from "./config.js";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export class Notifier {
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly config: CommentConfig,
    private readonly log: (line: string) => void,
    transport?: Transporter,
  ) {
    const smtp = config.smtp;
    this.transport =
      transport ??
      (smtp
        ? nodemailer.createTransport({
            host: smtp.host,
            port: smtp.port,
            secure: smtp.secure ?? smtp.port === 465,
            ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? "" } } : {}),
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 20_000,
          })
        : undefined);
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  /** The mails an approved comment calls for (exposed for tests). */
  mailsFor(c: CommentRow, parent: CommentRow | undefined, link: string): Mail[] {
    if (c.status !== "approved") return [];
    const mails: Mail[] = [];
    const who = c.is_owner ? this.config.ownerName : c.author_name;
    const excerpt = c.body.length > 600 ? `${c.body.slice(0, 600)}…` : c.body;
    if (this.config.ownerEmail && !c.is_owner) {
      mails.push({
        to: this.config.ownerEmail,
        subject: `New comment by ${oneLine(who)} on ${c.page_title ? oneLine(c.page_title) : c.page}`,
        text: `${who} wrote on ${c.page}:\n\n${excerpt}\n\n${link}\n`,
      });
    }
    if (
      parent?.notify &&
      parent.email &&
      parent.status === "approved" &&
      parent.email !== c.email &&
      !parent.is_owner
    ) {
      mails.push({
        to: parent.email,
        subject: `${oneLine(who)} replied to your comment`,
        text: `${who} replied to your comment on ${c.page}:\n\n${excerpt}\n\n${link}\n`,
      });
    }
    return mails;
  }

  async approved(c: CommentRow, parent: CommentRow | undefined, link: string): Promise<number> {
    if (!this.transport || !this.config.smtp) return 0;
    let sent = 0;
    for (const mail of this.mailsFor(c, parent, link)) {
      try {
        await this.transport.sendMail({ from: this.config.smtp.from, ...mail });
        sent++;
      } catch (error) {
        this.log(
          `comments: could not send a notification to ${mail.to}: ${(error as Error).message}`,
        );
      }
    }
    return sent;
  }

  close(): void {
    this.transport?.close();
  }
}

/** Header-safe: no line breaks in a subject. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, " ").slice(0, 120);
}
