/**
 * The one error type irl throws on purpose. Its `code` decides the exit status in one place
 * (`cli/main.ts`); its message is safe to show to the user as it is.
 *
 * @example
 * throw new IrlError("usage", "--limit must be a positive number");
 */
export type ErrorCode =
  /** The user asked for something the command cannot take: exit 2. */
  | "usage"
  /** Input that cannot be read: the message names the file and the place. */
  | "input"
  /** Something asked for does not exist (a person, a file). */
  | "not_found"
  /** The store cannot be opened or migrated. */
  | "store"
  /** The request contradicts what the user said before (merging people marked different). */
  | "conflict";

export class IrlError extends Error {
  readonly code: ErrorCode;
  /** For input errors: the file and the place within it. */
  readonly file?: string;
  readonly place?: string;

  constructor(code: ErrorCode, message: string, where?: { file?: string; place?: string }) {
    super(message);
    this.name = "IrlError";
    this.code = code;
    this.file = where?.file;
    this.place = where?.place;
  }
}

/** Exit status for an error: 2 for bad usage, 1 for everything else. */
export function exitCodeFor(error: unknown): number {
  return error instanceof IrlError && error.code === "usage" ? 2 : 1;
}
