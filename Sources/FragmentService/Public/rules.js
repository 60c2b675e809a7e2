// Rules page enhancements (the form works without them):
// - the tags field becomes chips: Enter or a comma adds the typed tag, each chip has a Remove
//   button, Backspace in the empty field removes the last chip, and a live region says what
//   changed. The form still sends the comma-separated list in the original "tags" field, so the
//   server sees what it sees without this script.
// - the message preview follows the template and the account as they are typed: the server fills
//   the template in and counts the post with the platform's own rules
//   (/social/rules/template-preview/); a live region says when the post is over the limit.
//   Without this script "Try it on my recent items" asks the server instead.
(function () {
  "use strict";
  var form = document.querySelector(".rule-form");
  if (!form) return;

  // ------------------------------------------------------------ tags as chips
  var MAX_TAGS = 20;
  var MAX_TAG_LENGTH = 100;
  var field = document.getElementById("rule-tags");

  function say(region, words) {
    // Cleared first so that the same words twice are announced twice.
    region.textContent = "";
    setTimeout(function () { region.textContent = words; }, 50);
  }

  function clean(text) {
    var tag = text.trim();
    return tag.charAt(0) === "#" ? tag.slice(1).trim() : tag;
  }

  if (field) {
    var tags = field.value.split(",").map(clean).filter(function (tag) { return tag !== ""; });
    // The original input keeps its name and carries the list; a new input, labelled by the same
    // label, takes the typing.
    field.type = "hidden";
    field.id = "rule-tags-value";
    field.removeAttribute("aria-describedby");
    var label = document.getElementById("rule-tags-label");
    if (label) label.textContent = "Tags (optional)";
    var help = document.getElementById("rule-tags-help");
    if (help) {
      help.textContent = "Content must carry these tags (without #). Enter or a comma adds one; Backspace in the empty field removes the last.";
    }

    var box = document.createElement("div");
    box.className = "chips";
    var list = document.createElement("ul");
    list.className = "chip-list";
    list.setAttribute("aria-label", "Tags");
    var entry = document.createElement("input");
    entry.type = "text";
    entry.id = "rule-tags";
    entry.className = "chip-entry";
    entry.autocomplete = "off";
    entry.setAttribute("aria-describedby", "rule-tags-help");
    entry.placeholder = "Add a tag";
    var status = document.createElement("p");
    status.id = "rule-tags-status";
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(list);
    box.appendChild(entry);
    field.parentNode.insertBefore(box, field);
    field.parentNode.appendChild(status);

    var sync = function () {
      var pending = clean(entry.value);
      field.value = tags.concat(pending === "" ? [] : [pending]).join(", ");
      list.hidden = tags.length === 0;
    };

    var draw = function () {
      list.textContent = "";
      tags.forEach(function (tag, index) {
        var item = document.createElement("li");
        item.className = "chip";
        var name = document.createElement("span");
        name.className = "chip-name";
        name.textContent = "#" + tag;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip-remove";
        remove.setAttribute("aria-label", "Remove tag " + tag);
        remove.textContent = "×";
        remove.addEventListener("click", function () { removeAt(index); });
        item.appendChild(name);
        item.appendChild(remove);
        list.appendChild(item);
      });
      sync();
    };

    var add = function (text) {
      var tag = clean(text);
      if (tag === "") return;
      var known = tags.some(function (t) { return t.toLowerCase() === tag.toLowerCase(); });
      if (known) { say(status, "#" + tag + " is already there."); return; }
      if (tags.length >= MAX_TAGS) { say(status, "A rule takes at most " + MAX_TAGS + " tags."); return; }
      if (tag.length > MAX_TAG_LENGTH) { say(status, "A tag has at most " + MAX_TAG_LENGTH + " characters."); return; }
      tags.push(tag);
      draw();
      say(status, "Added tag " + tag + ". " + tags.length + (tags.length === 1 ? " tag." : " tags."));
    };

    var removeAt = function (index) {
      var gone = tags.splice(index, 1)[0];
      draw();
      entry.focus();
      say(status, "Removed tag " + gone + ". " + (tags.length === 0 ? "No tags." : tags.length + (tags.length === 1 ? " tag." : " tags.")));
    };

    entry.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && entry.value.trim() !== "") {
        event.preventDefault(); // adds the tag instead of sending the form
        add(entry.value);
        entry.value = "";
        sync();
      } else if (event.key === "Backspace" && entry.value === "" && tags.length > 0) {
        event.preventDefault();
        removeAt(tags.length - 1);
      }
    });
    // A comma, typed or pasted, ends a tag (phone keyboards send no usable key for it).
    entry.addEventListener("input", function () {
      if (entry.value.indexOf(",") >= 0) {
        var parts = entry.value.split(",");
        var rest = parts.pop();
        parts.forEach(add);
        entry.value = rest.replace(/^\s+/, "");
      }
      sync();
    });
    entry.addEventListener("blur", function () {
      if (entry.value.trim() !== "") { add(entry.value); entry.value = ""; sync(); }
    });
    draw();
  }

  // ------------------------------------------------------------ live template preview
  var template = document.getElementById("rule-template");
  var account = document.getElementById("rule-connection");
  var preview = document.getElementById("template-preview");
  var csrf = form.querySelector("input[name=_csrf]");
  if (!template || !account || !preview || !csrf) return;
  var timer = null;
  var asked = 0;
  var wasOver = document.getElementById("template-preview-count").classList.contains("over");

  function itemText(item) {
    return item.sample
      ? "Filled in from a sample item, as you have not published anything yet."
      : "Filled in from your newest item, “" + item.title + "”.";
  }

  function problems(lines) {
    var list = document.getElementById("template-preview-problems");
    list.textContent = "";
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    list.hidden = lines.length === 0;
  }

  function show(p) {
    document.getElementById("template-preview-platform").textContent = p.platform;
    document.getElementById("template-preview-item").textContent = itemText(p.item);
    document.getElementById("template-preview-text").textContent = p.text;
    var counter = document.getElementById("template-preview-count");
    counter.textContent = p.limit == null ? p.count + " characters" : p.count + " / " + p.limit;
    counter.classList.toggle("over", p.over);
    problems(p.problems || []);
    var region = document.getElementById("template-preview-status");
    if (p.over && !wasOver) {
      say(region, "Over the limit: " + p.count + " of " + p.limit + " characters on " + p.platform + ".");
    } else if (!p.over && wasOver) {
      say(region, "Within the limit again: " + p.count + " of " + p.limit + " characters.");
    }
    wasOver = p.over;
  }

  function refresh() {
    asked += 1;
    var mine = asked;
    var body = new URLSearchParams();
    body.set("_csrf", csrf.value);
    body.set("connection_id", account.value);
    body.set("message_template", template.value);
    fetch("/social/rules/template-preview/", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: body.toString()
    })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, json: json }; });
      })
      .then(function (answer) {
        if (mine !== asked) return; // a newer answer is on its way
        if (answer.ok) {
          show(answer.json);
        } else {
          problems([answer.json.error || "The preview could not be made."]);
        }
      })
      .catch(function () {});
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  template.addEventListener("input", later);
  account.addEventListener("change", later);
})();
