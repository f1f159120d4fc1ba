// rosa-hub web console: live updates only. Every page works without this
// file. An element with data-live="/path" is reloaded from that path (an
// HTML fragment, same session) whenever the server says "change" on
// /board/events (server-sent events).
(function () {
  'use strict';
  var parts = document.querySelectorAll('[data-live]');
  if (parts.length === 0 || !window.EventSource) return;
  var busy = false;
  var again = false;
  function reload() {
    if (busy) { again = true; return; }
    busy = true;
    var pending = parts.length;
    parts.forEach(function (part) {
      fetch(part.getAttribute('data-live'), {credentials: 'same-origin'})
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html !== null) {
            part.innerHTML = html;
            part.setAttribute('data-updated', String(Date.now()));
          }
        })
        .catch(function () {})
        .then(function () {
          if (--pending === 0) {
            busy = false;
            if (again) { again = false; reload(); }
          }
        });
    });
  }
  var events = new EventSource('/board/events');
  events.addEventListener('change', reload);
  document.documentElement.setAttribute('data-live-connected', '1');
})();
