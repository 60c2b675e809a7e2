// Share page enhancements (the form works without them): each account's preview text and count
// follow the message and the account's own text as they are typed — the server works both out
// with each platform's own rules (/social/share/count/) — and an in-page submit swaps in the
// results. Without this script "Update previews" asks the server for the same page again.
(function () {
  "use strict";
  var form = document.getElementById("share-form");
  if (!form) return;
  var timer = null;
  var update = document.getElementById("update-previews");
  if (update) update.hidden = true;

  function params() {
    var data = new URLSearchParams(new FormData(form));
    var out = new URLSearchParams();
    ["url", "title", "description", "image", "type", "message"].forEach(function (name) {
      if (data.get(name)) out.set(name, data.get(name));
    });
    data.forEach(function (value, name) {
      if (/^message_\d+$/.test(name) && value.trim() !== "") out.set(name, value);
    });
    return out;
  }

  function show(c) {
    var counter = document.getElementById("count-" + c.id);
    if (counter) {
      counter.textContent = c.count + " / " + c.limit;
      counter.classList.toggle("over", c.count > c.limit);
    }
    var text = document.getElementById("text-" + c.id);
    if (text) text.textContent = c.text;
    var problem = document.getElementById("problem-" + c.id);
    if (problem) {
      problem.textContent = c.problem || "";
      problem.hidden = !c.problem;
    }
  }

  function refresh() {
    fetch("/social/share/count/?" + params().toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (counts) { counts.forEach(show); })
      .catch(function () {});
  }

  form.addEventListener("input", function (event) {
    var name = event.target && event.target.name;
    if (name !== "message" && !/^message_\d+$/.test(name || "")) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = document.getElementById("share-submit");
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
