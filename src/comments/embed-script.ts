/**
 * The browser side of the embed (`GET /embed.js`): one script tag
 * `<script src="https://comments.example/embed.js" data-page="https://blog.example/post">`
 * puts the page's thread and a comment form into a Shadow DOM right after the tag (styles
 * isolated both ways), talks only to the service it was loaded from (CORS, no cookies), and
 * keeps each comment's edit token in localStorage so the same browser can edit or delete it
 * within the edit window. The thread HTML comes rendered and sanitised from the server; what
 * the script adds itself (messages, buttons) is set as text, never as HTML.
 *
 * @example
 * app.get("/embed.js", (c) => c.body(embedScript(THREAD_CSS), 200, { "content-type": "text/javascript" }));
 */

export function embedScript(css: string): string {
  return `/* irl comments embed */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = script.src.replace(/\\/embed\\.js(\\?.*)?$/, "");
  var page = script.getAttribute("data-page") || location.href.split("#")[0];
  var host = document.createElement("div");
  host.className = "irl-comments";
  script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var KEY = "irl-comments:" + base;
  var CSS = ${JSON.stringify(css)};

  function store(name, value) {
    try {
      if (value === undefined) return JSON.parse(localStorage.getItem(KEY + ":" + name) || "{}");
      localStorage.setItem(KEY + ":" + name, JSON.stringify(value));
    } catch (e) {}
    return {};
  }
  function tokens() {
    var all = store("tokens"), now = Date.now(), kept = {};
    for (var id in all) if (all[id] && all[id].u > now) kept[id] = all[id];
    return kept;
  }
  function api(method, path, body, token) {
    var headers = {};
    if (body) headers["content-type"] = "application/json";
    if (token) headers["x-edit-token"] = token;
    return fetch(base + path, {
      method: method, headers: headers, credentials: "omit", mode: "cors",
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) throw new Error(j.error || "the server answered " + r.status);
        return j;
      });
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function message(kind, text) {
    var old = root.querySelector(".irlc-msg");
    if (old) old.parentNode.removeChild(old);
    if (!text) return;
    var m = el("p", "irlc-msg irlc-" + kind, text);
    m.setAttribute("role", "status");
    var form = root.querySelector("form");
    if (form) form.parentNode.insertBefore(m, form); else root.appendChild(m);
  }
  function load(kind, text, extra) {
    return api("GET", "/api/thread?page=" + encodeURIComponent(page)).then(function (d) {
      root.innerHTML = "<style>" + CSS + "</style>" + d.html + d.form;
      if (extra) {
        var list = root.querySelector(".irlc-list");
        var li = el("li", "irlc-item");
        li.innerHTML = extra;
        list.appendChild(li);
      }
      wire();
      message(kind, text);
    }).catch(function (e) {
      root.textContent = "";
      root.appendChild(el("p", "irlc-error", "Comments could not be loaded: " + e.message));
    });
  }
  function wire() {
    var form = root.querySelector("form");
    var saved = store("me");
    ["name", "email", "url"].forEach(function (f) { if (saved[f]) form.elements[f].value = saved[f]; });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var f = form.elements;
      var data = {
        page: page, title: document.title, parent: f.parent.value ? Number(f.parent.value) : undefined,
        name: f.name.value, email: f.email.value, url: f.url.value, homepage: f.homepage.value,
        body: f.body.value, notify: f.notify.checked
      };
      store("me", { name: data.name, email: data.email, url: data.url });
      form.querySelector("button[type=submit]").disabled = true;
      api("POST", "/api/comments", data).then(function (r) {
        var t = tokens();
        t[r.id] = { t: r.editToken, u: r.editableUntil };
        store("tokens", t);
        if (r.status === "approved") load("note", "Thank you: your comment is up.");
        else load("note", r.message || "Thank you: your comment waits for approval.", r.status === "pending" ? r.html : "");
      }).catch(function (e) {
        form.querySelector("button[type=submit]").disabled = false;
        message("error", e.message);
      });
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-reply]"), function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        form.elements.parent.value = a.getAttribute("data-reply");
        message("note", "Replying to comment " + a.getAttribute("data-reply") + ".");
        form.elements.body.focus();
      });
    });
    var mine = tokens();
    Array.prototype.forEach.call(root.querySelectorAll("article[data-id]"), function (art) {
      var id = art.getAttribute("data-id"), own = mine[id];
      if (!own || Number(art.getAttribute("data-until")) < Date.now()) return;
      var bar = art.querySelector(".irlc-actions") || art.appendChild(el("footer", "irlc-actions"));
      var edit = bar.appendChild(el("button", "irlc-edit", "Edit"));
      var del = bar.appendChild(el("button", "irlc-delete", "Delete"));
      edit.type = del.type = "button";
      edit.addEventListener("click", function () { editing(art, id, own.t); });
      del.addEventListener("click", function () {
        if (!confirm("Delete this comment?")) return;
        api("DELETE", "/api/comments/" + id, null, own.t).then(function () {
          load("note", "Your comment was deleted.");
        }).catch(function (e) { message("error", e.message); });
      });
    });
  }
  function editing(art, id, token) {
    api("GET", "/api/comments/" + id, null, token).then(function (c) {
      var body = art.querySelector(".irlc-body");
      var box = el("textarea", "irlc-editbox");
      box.value = c.body;
      var save = el("button", "irlc-save", "Save");
      save.type = "button";
      body.textContent = "";
      body.appendChild(box);
      body.appendChild(save);
      save.addEventListener("click", function () {
        api("PUT", "/api/comments/" + id, { body: box.value }, token).then(function (r) {
          load("note", r.status === "approved" ? "Your comment was changed." : "Your change waits for approval.");
        }).catch(function (e) { message("error", e.message); });
      });
    }).catch(function (e) { message("error", e.message); });
  }
  load();
})();
`;
}
