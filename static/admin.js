// Admin panel only: a short sound for new visitor messages (mutable, remembered in this browser)
// and the unread count in the page title. Everything else on the panel is htmx.
(function () {
  "use strict";
  var KEY = "sohbet-muted";
  var baseTitle = document.title;
  var muted = false;
  try { muted = localStorage.getItem(KEY) === "1"; } catch (e) { /* storage may be off */ }
  var audio = null;

  // Browsers allow sound only once the user has interacted with the page; before that, stay quiet
  // (the toast and the title still tell) instead of making a context the browser refuses.
  function beep() {
    if (muted || !(navigator.userActivation && navigator.userActivation.hasBeenActive)) { return; }
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") { audio.resume(); }
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.08, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.25);
    } catch (e) { /* no audio: the toast and the title still tell */ }
  }

  function updateTitle() {
    var marker = document.getElementById("unread-total");
    var n = marker ? parseInt(marker.getAttribute("data-unread") || "0", 10) : 0;
    document.title = n > 0 ? "(" + n + ") " + baseTitle : baseTitle;
  }

  function showMute(button) {
    button.setAttribute("aria-pressed", muted ? "true" : "false");
    button.textContent = button.getAttribute(muted ? "data-unmute" : "data-mute");
  }

  document.addEventListener("htmx:sseMessage", function (e) {
    var d = e.detail || {};
    if (d.type === "toast" || (d.type === "message" && String(d.data).indexOf("msg theirs") >= 0)) { beep(); }
    if (d.type === "threads") { setTimeout(updateTitle, 0); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    updateTitle();
    var button = document.getElementById("mute");
    if (!button) { return; }
    showMute(button);
    button.addEventListener("click", function () {
      muted = !muted;
      try { localStorage.setItem(KEY, muted ? "1" : "0"); } catch (e) { /* remembered for this page only */ }
      showMute(button);
    });
  });
})();
