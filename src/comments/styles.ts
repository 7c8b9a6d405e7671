/**
 * The thread's look: one small stylesheet, every class prefixed `irlc-` so it cannot clash with
 * the embedding site's styles; inside the embed's Shadow DOM it cannot leak either way.
 *
 * @example
 * `<style>${THREAD_CSS}</style>`
 */
export const THREAD_CSS = `
.irlc-thread{font:16px/1.5 system-ui,sans-serif;color:#222;max-width:42rem}
.irlc-list{list-style:none;margin:0;padding:0}
.irlc-list .irlc-list{margin-left:1.2rem;padding-left:.8rem;border-left:2px solid #eee}
.irlc-comment{margin:.8rem 0}
.irlc-head{font-size:.9rem;color:#555}
.irlc-name{font-weight:600;color:#222}
.irlc-badge{background:#2a6;color:#fff;border-radius:.3rem;padding:0 .35rem;font-size:.75rem;margin-left:.3rem}
.irlc-owner>.irlc-body{border-left:3px solid #2a6;padding-left:.5rem}
.irlc-time{color:#777;margin-left:.4rem;text-decoration:none}
.irlc-body p{margin:.3rem 0}
.irlc-body pre{overflow:auto;background:#f6f6f6;padding:.4rem}
.irlc-body blockquote{margin:.3rem 0;padding-left:.6rem;border-left:3px solid #ccc;color:#555}
.irlc-gone{color:#888;font-style:italic}
.irlc-actions button,.irlc-actions a{font-size:.8rem;margin-right:.5rem;background:none;border:0;color:#36c;cursor:pointer;padding:0}
.irlc-form{display:grid;gap:.4rem;margin-top:1rem}
.irlc-form input,.irlc-form textarea{font:inherit;padding:.3rem;border:1px solid #bbb;border-radius:.25rem}
.irlc-form textarea{min-height:6rem}
.irlc-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.irlc-note{background:#fff8d6;padding:.4rem;border-radius:.25rem}
.irlc-error{background:#fde2e2;padding:.4rem;border-radius:.25rem}
.irlc-pending{opacity:.7}
`;
