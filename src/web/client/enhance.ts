/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Small touches on every page, none needed for the page to work: forms marked `data-confirm`
 * ask first (merging and splitting people), and the people search submits as you type.
 *
 * @example
 * <script src="/assets/enhance.js" defer></script>
 */
for (const form of document.querySelectorAll<HTMLFormElement>("form[data-confirm]")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm ?? "Are you sure?")) event.preventDefault();
  });
}

const search = document.querySelector<HTMLInputElement>("input[data-live-search]");
if (search?.form) {
  const form = search.form;
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => form.requestSubmit(), 400);
  });
}

export {};
