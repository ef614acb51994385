/* hocvuso player, part 2: what keeps a score from measuring luck or position.  Loaded before hocvuso.js.
   hvMix shuffles a question's choices, matching answers or ordering items with a seeded random source
   (hocvuso.js seeds it with the learner id and the question, so the order is stable on resume); hvAssess
   runs the pre-test and the final check, drawn from the item bank inside the package, and returns kept():
   their results kept in the browser without an LMS, for the export.  Both are graded here, in the browser:
   a practice check, not the certification (docs/items.md). */
window.hvMix = (function () {
  "use strict";
  function all(sel, root) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function seeded(t) { // mulberry32 from a 32-bit seed
    return function () {
      t = t + 0x6D2B79F5 | 0;
      var r = Math.imul(t ^ t >>> 15, 1 | t);
      r = r + Math.imul(r ^ r >>> 7, 61 | r) ^ r;
      return ((r ^ r >>> 14) >>> 0) / 4294967296;
    };
  }
  function order(list, random) { // a seeded Fisher-Yates
    for (var i = list.length - 1; i > 0; i--) { var j = Math.floor(random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t; }
    return list;
  }
  function permute(nodes, random, keep) { // shuffle the nodes in place in their parent; kept nodes stay put
    if (!nodes.length) return;
    var free = nodes.filter(function (x) { return !keep(x); }), spots = free.map(function (x) { return nodes.indexOf(x); });
    var out = nodes.slice(), parent = nodes[0].parentNode;
    order(free, random).forEach(function (x, i) { out[spots[i]] = x; });
    out.forEach(function (x) { parent.appendChild(x); });
  }
  function box(random, q, el, solved) { // solved(): whether the order shown is already the answer

    var fixed = q.f || "";
    function kept(x) { var input = x.querySelector && x.querySelector("input"), v = input ? input.value : x.value; return !v || fixed.indexOf(v) >= 0; }
    if (q.k === "single" || q.k === "multiple") permute(all(".choices > li", el), random, kept);
    else if (q.k === "dropdown") permute(all("select option", el), random, kept);
    else if (q.k === "ordering") {
      permute(all(".order > li", el), random, function () { return false; });
      var list = el.querySelector(".order");
      if (solved && solved()) list.appendChild(list.firstElementChild); // never start at the answer
    }
    else if (q.k === "matching") { // one order of the answers, the same in every row's list
      var selects = all("select", el), vals = selects.length ? order(all("option", selects[0]).map(function (o) { return o.value; }).filter(Boolean), random) : [];
      selects.forEach(function (sel) { vals.forEach(function (v) { var o = sel.querySelector('option[value="' + v + '"]'); if (o) sel.appendChild(o); }); });
    }
  }
  return { seeded: seeded, box: box };
})();

window.hvAssess = function (P) {
  "use strict";
  var D = P.D, A = P.A, $ = P.$, $$ = P.$$, BANK = D.bank || [], FORM = D.form, bankBox = $("#hv-bank");
  if (!BANK.length || !FORM || !bankBox) return;
  function boxOf(q) { return document.getElementById("q-" + q.id); }
  var KEEP = "hocvuso:" + D.key + ":checks";
  // Without an LMS nothing records the checks' interactions: keep [id, 1|0, ""] per graded item (f<n>-…, pre-…)
  // in this browser, appended per try, for the "export my results" file (hocvuso.js; reports/offline.py).  Only
  // right/wrong: the responses, typed ones above all, stay on the device.  kept() reads, kept(list) appends,
  // kept(false) forgets them ("next learner" in hocvuso.js).
  function kept(more) {
    try {
      if (more === false) return localStorage.removeItem(KEEP);
      var list = JSON.parse(localStorage.getItem(KEEP) || "[]");
      if (more) localStorage.setItem(KEEP, JSON.stringify(list = list.concat(more)));
      return list;
    } catch (e) { return []; }
  }
  BANK.forEach(function (q) { // ordering buttons of bank items (hocvuso.js wires the practice ones)
    $$(".order button", boxOf(q)).forEach(function (b) {
      b.addEventListener("click", function () { P.move(b.closest("li"), b.className === "up"); });
    });
  });
  function mixed(list, random) {
    list = list.slice();
    for (var i = list.length - 1; i > 0; i--) { var j = Math.floor(random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t; }
    return list;
  }
  function quotas(sizes, total) { // per level, proportional to its size, largest remainder (as the XBlock's draw)
    var levels = Object.keys(sizes), whole = 0, exact = {}, quota = {}, given = 0;
    levels.forEach(function (lv) { whole += sizes[lv]; });
    var want = Math.min(total, whole);
    levels.forEach(function (lv) { exact[lv] = want * sizes[lv] / whole; quota[lv] = Math.floor(exact[lv]); given += quota[lv]; });
    levels.sort(function (a, b) { return (exact[b] - quota[b]) - (exact[a] - quota[a]) || sizes[b] - sizes[a] || (a < b ? -1 : 1); })
      .slice(0, want - given).forEach(function (lv) { quota[lv]++; });
    return quota;
  }
  function draw(per, seed) { // per competency of the profile, stratified by level; the same form for the same seed
    var random = P.seeded(P.learner() + "|" + seed), form = [];
    FORM.comps.forEach(function (o) {
      var strata = {}, sizes = {};
      BANK.forEach(function (q) { if (q.o === o) (strata[q.lv] = strata[q.lv] || []).push(q); });
      Object.keys(strata).forEach(function (lv) { sizes[lv] = strata[lv].length; });
      var quota = quotas(sizes, per);
      Object.keys(strata).sort().forEach(function (lv) { form = form.concat(mixed(strata[lv], random).slice(0, quota[lv])); });
    });
    return mixed(form, random);
  }
  function place(kind, items) { // the drawn items, blank and shuffled, into the check's form
    var slot = $("#hv-" + kind + "-items");
    $$(".q", slot).forEach(function (el) { bankBox.appendChild(el); });
    items.forEach(function (q, n) {
      var el = boxOf(q);
      $$("input[type=radio],input[type=checkbox]", el).forEach(function (x) { x.checked = false; });
      $$("input[type=text],select", el).forEach(function (x) { x.value = ""; });
      $$("input,select,button", el).forEach(function (x) { x.disabled = false; });
      P.shuffleBox(q, el);
      $(".q-no", el).textContent = "Câu " + (n + 1) + "/" + items.length;
      slot.appendChild(el);
    });
    $("#hv-" + kind + "-form").hidden = false;
  }
  function grade(items, prefix, seconds) { // each item graded once; unanswered counts as wrong
    var got = 0, all = 0, comps = {}, offline = [];
    items.forEach(function (q) {
      var el = boxOf(q), r = P.responseOf(q, el), ok = P.isRight(q, r) ? 1 : 0;
      P.interaction(q, r === null ? "" : r, ok, seconds / items.length, prefix + q.id);
      offline.push([prefix + q.id, ok, ""]);
      all += q.w; got += ok * q.w;
      var c = comps[q.o] = comps[q.o] || [0, 0];
      c[0] += ok * q.w; c[1] += q.w;
      $$("input,select,button", el).forEach(function (x) { x.disabled = true; });
    });
    if (!P.live) kept(offline);
    var score = Math.round(got / all * 10000) / 100, pass = score + 1e-9 >= D.rule.o * 100;
    var byObjective = D.objs.map(function (o, j) {
      var c = comps[j];
      if (!c) return "";
      var share = Math.round(c[0] / c[1] * 10000) / 100;
      if (share + 1e-9 < D.rule.c * 100) pass = false;
      return share;
    });
    return { score: score, pass: pass, objs: byObjective };
  }
  function objective(id) { // the index of objective ``id`` in cmi.objectives, created when missing
    var count = parseInt(P.L.get("cmi.objectives._count"), 10) || 0;
    for (var i = 0; i < count; i++) if (P.L.get("cmi.objectives." + i + ".id") === id) return i;
    P.L.set("cmi.objectives." + count + ".id", id);
    return count;
  }

  // ---- the pre-test: once, not graded into anything, recorded apart (interactions pre-…, objective hocvuso-pretest)
  var preItems = draw(FORM.pre, "pre"), preStart = 0;
  function preDone() {
    $("#hv-pre-start").hidden = true;
    $("#hv-pre-result").textContent = "Bạn đã làm bài kiểm tra đầu vào: đúng " + Math.round(A.pre) + "%. Kết quả này không tính điểm.";
  }
  if (A.pre !== null) preDone();
  $("#hv-pre-start").addEventListener("click", function () { place("pre", preItems); preStart = Date.now(); $("#hv-pre-start").hidden = true; });
  $("#hv-pre-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var result = grade(preItems, "pre-", (Date.now() - preStart) / 1000), p = "cmi.objectives." + objective("hocvuso-pretest") + ".";
    A.pre = result.score;
    P.L.set(p + "score.min", 0); P.L.set(p + "score.max", 100); P.L.set(p + "score.raw", result.score);
    if (P.V12) P.L.set(p + "status", "completed");
    else { P.L.set(p + "score.scaled", Math.round(result.score * 100) / 10000); P.L.set(p + "completion_status", "completed"); }
    $("#hv-pre-submit").disabled = true;
    preDone();
    P.save(); P.L.commit();
  });

  // ---- the final check: a new form per try, graded once; limited tries; the best try counts
  var finalItems = [], finalStart = 0;
  function triesLeft() { return FORM.tries ? FORM.tries - A.t : 1; }
  function finalState() {
    var left = triesLeft(), best = A.d ? " Điểm cao nhất: " + A.b + "/100 · " + (A.ok ? "Đạt" : "Chưa đạt") + "." : "";
    $("#hv-final-tries").textContent = (FORM.tries ? "Còn " + Math.max(0, left) + "/" + FORM.tries + " lần làm bài." : "") + best;
    $("#hv-final-start").hidden = left <= 0 || A.t > A.d;
  }
  function open(attempt) { finalItems = draw(FORM.n, "final|" + attempt); place("final", finalItems); finalStart = Date.now(); $("#hv-final-submit").disabled = false; }
  if (A.t > A.d) open(A.t); // a try left open: the same form again
  finalState();
  $("#hv-final-start").addEventListener("click", function () {
    A.t++; // a try counts from the moment its questions are shown
    open(A.t);
    finalState();
    P.save(); P.L.commit();
  });
  $("#hv-final-form").addEventListener("submit", function (e) {
    e.preventDefault();
    if (A.t <= A.d) return;
    var result = grade(finalItems, "f" + A.t + "-", (Date.now() - finalStart) / 1000);
    A.d = A.t;
    A.b = Math.max(A.b, result.score);
    A.ok = A.ok || (result.pass ? 1 : 0);
    A.c = result.objs.map(function (s, j) { var old = A.c[j]; return s === "" ? (old === undefined ? "" : old) : old === "" || old === undefined ? s : Math.max(old, s); });
    $("#hv-final-submit").disabled = true;
    $("#hv-final-result").textContent = "Lần " + A.t + ": đúng " + result.score + "% · " + (result.pass ? "Đạt" : "Chưa đạt") + ".";
    finalState();
    P.report(); P.save(); P.L.commit();
  });
  return kept;
};
