/**
 * Where `irl serve` listens by default, and what counts as this machine only. Kept apart from
 * the server so the command line can check `--host` without loading the web app.
 *
 * @example
 * isLoopback("127.0.0.1"); // true
 */
export const DEFAULT_PORT = 7878;
export const DEFAULT_HOST = "127.0.0.1";

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
