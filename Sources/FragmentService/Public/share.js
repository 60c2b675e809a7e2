// Share page enhancements (the form works without them): live per-account counters computed by
// the server with each platform's own rules, and an in-page submit that swaps in the results.
(function () {
  "use strict";
  var form = document.getElementById("share-form");
  if (!form) return;
  var message = document.getElementById("message");
  var timer = null;

  function params() {
    var data = new URLSearchParams(new FormData(form));
    var out = new URLSearchParams();
    ["url", "title", "description", "image", "type", "message"].forEach(function (name) {
      if (data.get(name)) out.set(name, data.get(name));
    });
    return out;
  }

  function refreshCounts() {
    fetch("/social/share/count/?" + params().toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (counts) {
        counts.forEach(function (c) {
          var el = document.getElementById("count-" + c.id);
          if (!el) return;
          el.textContent = c.count + " / " + c.limit;
          el.classList.toggle("over", c.count > c.limit);
        });
      })
      .catch(function () {});
  }

  message.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refreshCounts, 250);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.textContent = "Sharing…";
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Requested-With": "fetch" },
      body: new URLSearchParams(new FormData(form)).toString()
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var panel = document.getElementById("share-panel");
        panel.innerHTML = html;
        var heading = panel.querySelector("h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      })
      .catch(function () { form.submit(); });
  });
})();
