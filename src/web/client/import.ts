/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The import page's drop zone: files dropped (or chosen) are streamed to the server one at a
 * time (`PUT /api/imports?name=…`, the raw bytes), then the import's progress is followed over
 * Server-Sent Events and its summary shown, problems listed. Text goes in via `textContent`
 * only: names and messages from the files stay inert.
 *
 * @example
 * <div id="drop" data-csrf="…">…</div><script src="/assets/import.js" defer></script>
 */
interface Job {
  id: string;
  name: string;
  state: "queued" | "running" | "done" | "failed";
  progress: { bytesDone: number; bytesTotal: number; records: number };
  summary?: {
    added: number;
    unchanged: number;
    skipped: number;
    peopleAdded: number;
    skippedBy: Record<string, number>;
    errors: { file: string; place: string; message: string }[];
    files: {
      file: string;
      format: string | null;
      added: number;
      unchanged: number;
      skipped: number;
    }[];
  };
  error?: string;
}

const drop = document.getElementById("drop");
const input = document.getElementById("files") as HTMLInputElement | null;
const out = document.getElementById("results");
const form = document.getElementById("upload-form") as HTMLFormElement | null;
const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function render(box: HTMLElement, job: Job): void {
  box.replaceChildren();
  box.append(el("h3", job.name));
  if (job.state === "queued" || job.state === "running") {
    const bar = el("progress");
    bar.max = Math.max(1, job.progress.bytesTotal);
    bar.value = job.progress.bytesDone;
    bar.setAttribute("aria-label", `importing ${job.name}`);
    box.append(bar, el("p", `${job.state}: ${job.progress.records.toLocaleString()} records read`));
    return;
  }
  if (job.state === "failed") {
    box.append(el("p", job.error ?? "the import failed", "error"));
    return;
  }
  const s = job.summary;
  if (!s) return;
  box.append(
    el(
      "p",
      `${s.added.toLocaleString()} new records, ${s.unchanged.toLocaleString()} unchanged, ` +
        `${s.skipped.toLocaleString()} skipped; ${s.peopleAdded.toLocaleString()} new people.`,
      s.errors.length ? "error" : "ok",
    ),
  );
  const files = el("ul");
  for (const f of s.files) {
    files.append(
      el(
        "li",
        `${f.file} (${f.format ?? "not an export"}): ${f.added} new, ${f.unchanged} unchanged, ${f.skipped} skipped`,
      ),
    );
  }
  box.append(files);
  const reasons = Object.entries(s.skippedBy);
  if (reasons.length) {
    box.append(el("p", `Skipped: ${reasons.map(([r, n]) => `${r} ${n}`).join(", ")}.`));
  }
  if (s.errors.length) {
    box.append(el("h4", "Problems"));
    const list = el("ul");
    for (const e of s.errors) list.append(el("li", `${e.file}: ${e.place}: ${e.message}`, "error"));
    box.append(list);
  }
}

async function upload(file: File): Promise<void> {
  if (!out) return;
  const box = el("section", undefined, "card");
  box.setAttribute("aria-live", "polite");
  out.prepend(box);
  box.append(el("h3", file.name), el("p", "uploading…"));
  const response = await fetch(`/api/imports?name=${encodeURIComponent(file.name)}`, {
    method: "PUT",
    headers: { "x-csrf-token": csrf, "content-type": "application/octet-stream" },
    body: file,
  });
  const job = (await response.json()) as Job & { error?: string };
  if (!response.ok) {
    box.replaceChildren(el("h3", file.name), el("p", job.error ?? response.statusText, "error"));
    return;
  }
  render(box, job);
  // Progress over Server-Sent Events, with a slow poll beside it in case the stream stalls.
  await new Promise<void>((resolve) => {
    let over = false;
    const show = (next: Job) => {
      if (over) return;
      render(box, next);
      if (next.state === "done" || next.state === "failed") {
        over = true;
        events.close();
        clearInterval(poll);
        resolve();
      }
    };
    const events = new EventSource(`/api/imports/${job.id}/events`);
    events.addEventListener("job", (e) =>
      show(JSON.parse((e as MessageEvent<string>).data) as Job),
    );
    events.onerror = () => events.close();
    const poll = setInterval(async () => {
      const r = await fetch(`/api/imports/${job.id}`);
      if (r.ok) show((await r.json()) as Job);
    }, 2000);
  });
}

async function uploadAll(files: FileList | File[]): Promise<void> {
  for (const f of Array.from(files)) await upload(f);
}

if (drop && input && form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.files?.length) void uploadAll(input.files);
  });
  input.addEventListener("change", () => {
    if (input.files?.length) void uploadAll(input.files);
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    const files = (event as DragEvent).dataTransfer?.files;
    if (files?.length) void uploadAll(files);
  });
}

export {};
