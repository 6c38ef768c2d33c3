// The message box, for the visitor and the panel alike. Everything here is an extra: without
// JavaScript the forms post as they are.
// - Enter sends, Shift+Enter breaks the line, where a hardware keyboard is likely (the main pointer
//   is not a finger); on touch screens Enter stays a line break, as on-screen keyboards expect.
// - Picking a photo or a recording sends it at once, with the text box as its caption.
// - After a send the text box keeps the focus; a refused send keeps the text and says why.
// - The conversation follows new messages only while the reader is at the bottom; otherwise a
//   "new messages" button appears and jumps there.
(function () {
  "use strict";
  var keyboard = !(window.matchMedia && window.matchMedia("(pointer: coarse)").matches);

  function box() { return document.getElementById("body"); }

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (!keyboard || e.key !== "Enter" || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) { return; }
    if (!t || t.id !== "body" || !t.form) { return; }
    e.preventDefault();
    if (t.value.trim() === "") { return; }
    var send = t.form.querySelector("button[type=submit]");
    t.form.requestSubmit(send || undefined);
  });

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (!t || t.type !== "file" || !t.form || t.form.id !== "upload" || !t.files || !t.files.length) { return; }
    var caption = t.form.querySelector("input[name=caption]");
    var text = box();
    if (caption && text) { caption.value = text.value; }
    // one file per upload: the other picker is emptied so it does not ride along
    t.form.querySelectorAll("input[type=file]").forEach(function (other) { if (other !== t) { other.value = ""; } });
    t.form.requestSubmit();
  });

  var hadFocus = false;
  document.addEventListener("htmx:beforeRequest", function (e) {
    var f = e.target;
    if (f && (f.id === "compose" || f.id === "upload")) {
      hadFocus = document.activeElement === box() || f.id === "upload";
      if (f.id === "compose") { f.classList.add("sending"); }
    }
  });
  // A successful answer swaps fresh forms in, so the old ones are gone by the time htmx:afterRequest
  // fires; the swap itself is where the outcome is known (htmx:beforeSwap fires on the target).
  document.addEventListener("htmx:beforeSwap", function (e) {
    var elt = e.detail && e.detail.requestConfig && e.detail.requestConfig.elt;
    if (elt && elt.id === "upload" && e.detail.xhr && e.detail.xhr.status < 300 && box()) { box().value = ""; }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    if (e.target && e.target.classList) { e.target.classList.remove("sending"); }
  });
  document.addEventListener("htmx:sendError", function (e) {
    var f = e.target;
    if (!f || (f.id !== "compose" && f.id !== "upload")) { return; }
    f.classList.remove("sending");
    offline();
    if (hadFocus && box()) { box().focus(); }
    hadFocus = false;
  });
  // An answer that never came (no network): the text stays in the box and the form says so.
  function offline() {
    var form = document.getElementById("compose");
    if (!form || form.querySelector(".error")) { return; }
    var p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = form.getAttribute("data-offline") || "";
    form.insertBefore(p, form.firstChild);
  }
  // Once per send: a later swap (a message arriving) must not pull the focus back from elsewhere.
  document.addEventListener("htmx:afterSettle", function () {
    if (hadFocus && box()) {
      if (document.activeElement !== box()) { box().focus(); }
      hadFocus = false;
    }
  });

  // Following the conversation: the thread is column-reverse, so scrollTop 0 is the bottom.
  function thread() { return document.getElementById("thread"); }
  function atBottom(t) { return Math.abs(t.scrollTop) < 40; }
  var follow = true;
  document.addEventListener("scroll", function (e) {
    var t = thread();
    if (e.target !== t) { return; }
    follow = atBottom(t);
    if (follow) { jump(false); }
  }, true);
  document.addEventListener("htmx:sseBeforeMessage", function () {
    var t = thread();
    follow = !t || atBottom(t);
  });
  document.addEventListener("htmx:sseMessage", function (e) {
    var t = thread();
    if (!t || !e.detail || e.detail.type !== "message") { return; }
    if (follow) { t.scrollTop = 0; } else { jump(true); }
  });
  function jump(show) {
    var b = document.getElementById("jump");
    if (b) { b.hidden = !show; }
  }
  document.addEventListener("click", function (e) {
    if (!e.target || !e.target.closest || !e.target.closest("#jump")) { return; }
    var t = thread();
    if (t) { t.scrollTop = 0; }
    jump(false);
  });
})();
