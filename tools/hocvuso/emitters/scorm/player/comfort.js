/* hocvuso player: comfort for older eyes and hands.
   A− / A+ text size and a high-contrast mode in the top bar, remembered on this device (localStorage);
   and before "submit and finish", a confirmation that lists the questions not answered yet.
   Self-contained: it reads only the page (the bar, the questions, the finish button) and adds its own
   controls, so it works with or without an LMS.  Its words come from the page (#hv-words). */
(function () {
  "use strict";
  // The words: templates/scorm/strings.yaml (player: comfort_*, confirm_*), in the page as JSON.
  var words = JSON.parse((document.getElementById("hv-words") || {}).textContent || "{}");
  var W = {
    smaller: words.comfort_smaller, smallerLabel: words.comfort_smaller_more,
    larger: words.comfort_larger, largerLabel: words.comfort_larger_more,
    contrast: words.comfort_contrast, contrastLabel: words.comfort_contrast_more,
    title: words.confirm_title, intro: words.confirm_intro, back: words.confirm_back, submit: words.confirm_submit
  };
  var KEY = "hocvuso:comfort";
  var SIZES = [1, 1.15, 1.3, 1.5];
  var root = document.documentElement;

  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; } }
  function save() { try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ } }
  var state = load();
  state.size = Math.min(Math.max(parseInt(state.size, 10) || 0, 0), SIZES.length - 1);

  function button(id, text, more) {
    // The visible words start the accessible name (WCAG 2.5.3); the rest is read out, not shown.
    var b = document.createElement("button");
    b.type = "button"; b.id = id; b.textContent = text; b.title = more || text;
    if (more) { var extra = document.createElement("span"); extra.className = "vh"; extra.textContent = " " + more; b.appendChild(extra); }
    return b;
  }
  var bar = document.querySelector(".bar");
  var smaller = button("hv-smaller", W.smaller, W.smallerLabel);
  var larger = button("hv-larger", W.larger, W.largerLabel);
  var contrast = button("hv-contrast", W.contrast, W.contrastLabel);
  if (bar) {
    var group = document.createElement("div");
    group.className = "comfort";
    group.appendChild(smaller); group.appendChild(larger); group.appendChild(contrast);
    bar.insertBefore(group, document.getElementById("hv-menu"));
  }
  function apply() {
    root.style.fontSize = SIZES[state.size] * 100 + "%";
    root.classList.toggle("hc", !!state.contrast);
    root.classList.toggle("big", state.size > 0); // larger text: the top bar scrolls away instead of covering the page
    contrast.setAttribute("aria-pressed", state.contrast ? "true" : "false");
    smaller.disabled = state.size === 0;
    larger.disabled = state.size === SIZES.length - 1;
  }
  smaller.addEventListener("click", function () { state.size = Math.max(0, state.size - 1); save(); apply(); });
  larger.addEventListener("click", function () { state.size = Math.min(SIZES.length - 1, state.size + 1); save(); apply(); });
  contrast.addEventListener("click", function () { state.contrast = !state.contrast; save(); apply(); });
  apply();

  // ---- "submit and finish": list what is not answered first --------------------------------------
  var finish = document.getElementById("hv-finish");
  var confirmed = false;
  function unanswered() {
    // The lessons' practice questions (in their sections, or asked in the video), not yet checked.
    return Array.prototype.filter.call(document.querySelectorAll(".sec .q, .lesson-video .q"), function (q) {
      var result = q.querySelector(".result");
      return result && !result.textContent.trim();
    });
  }
  function ask(missing) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm";
    dialog.setAttribute("aria-labelledby", "hv-confirm-title");
    var h = document.createElement("h2"); h.id = "hv-confirm-title"; h.textContent = W.title.replace("{n}", missing.length);
    var p = document.createElement("p"); p.textContent = W.intro;
    var list = document.createElement("ul");
    missing.forEach(function (q) {
      // "Lesson title · Câu 2: the question's first words", so the learner knows where to go back to.
      var li = document.createElement("li"), page = q.closest(".page"), heading = page && page.querySelector("h1");
      var legend = q.querySelector("legend"), stem = q.querySelector(".stem");
      var words = stem ? stem.textContent.trim().replace(/\s+/g, " ") : "";
      if (words.length > 70) words = words.slice(0, 69).replace(/\s+\S*$/, "") + "…";
      li.textContent = (heading ? heading.textContent.trim() + " · " : "") + (legend ? legend.textContent.trim() : "") +
        (words ? ": " + words : "");
      list.appendChild(li);
    });
    var back = button("hv-confirm-back", W.back), go = button("hv-confirm-submit", W.submit);
    back.className = "primary";
    var actions = document.createElement("p"); actions.className = "q-actions";
    actions.appendChild(back); actions.appendChild(go);
    [h, p, list, actions].forEach(function (el) { dialog.appendChild(el); });
    document.body.appendChild(dialog);
    back.addEventListener("click", function () { dialog.close(); });
    go.addEventListener("click", function () { dialog.close(); confirmed = true; finish.click(); });
    dialog.addEventListener("close", function () { dialog.remove(); finish.focus(); });
    dialog.showModal();
    back.focus();
  }
  if (finish) {
    finish.addEventListener("click", function (ev) {
      if (confirmed) { confirmed = false; return; }
      var missing = unanswered();
      if (!missing.length) return;
      ev.preventDefault(); ev.stopImmediatePropagation();
      ask(missing);
    }, true);
  }
})();
