/* hocvuso player: SCORM 1.2 / 2004 run-time and quiz engine. No dependencies, no network.
   Reads the course data from <script id="hv-data">; written by hocvuso.emitters.scorm. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("hv-data").textContent);
  // The words the player writes, in the course's language: templates/scorm/strings.yaml (js_*).
  var W = JSON.parse(document.getElementById("hv-words").textContent);
  function fmt(text, args) { return text.replace(/\{(\w+)\}/g, function (m, k) { return args[k]; }); }
  var V12 = D.v === "12";
  var SEP = V12 ? "," : "[,]", DOT = V12 ? "." : "[.]";
  var SRC = "123456789abcdefghijklmnopqrstuvwxyz";
  var LIMIT = V12 ? 4096 : 64000; // cmi.suspend_data: SCORM 1.2 CMIString4096, 2004 SPM 64000
  var N = V12 ? {
    loc: "cmi.core.lesson_location", mode: "cmi.core.lesson_mode", exit: "cmi.core.exit",
    time: "cmi.core.session_time", score: "cmi.core.score.", status: "cmi.core.lesson_status"
  } : {
    loc: "cmi.location", mode: "cmi.mode", exit: "cmi.exit", time: "cmi.session_time", score: "cmi.score."
  };
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var started = Date.now();

  // ---- LMS run-time: API discovery (window, parents, opener) and calls -----------------------
  function scan(win, name) {
    for (var tries = 0; win && tries < 500; tries++) {
      try { if (win[name]) return win[name]; } catch (e) { /* cross-origin frame */ }
      var up = null;
      try { up = win.parent; } catch (e) { return null; }
      if (!up || up === win) return null;
      win = up;
    }
    return null;
  }
  function findApi() {
    var name = V12 ? "API" : "API_1484_11", api = scan(window, name);
    if (!api) { try { if (window.opener) api = scan(window.opener, name); } catch (e) { /* closed */ } }
    return api;
  }
  var api = findApi(), live = false, record = true;
  function call(m12, m04, a, b) {
    try { var r = api[V12 ? m12 : m04].apply(api, b === undefined ? [a] : [a, b]); return r == null ? "" : String(r); } catch (e) { return ""; }
  }
  var L = {
    get: function (k) { return live ? call("LMSGetValue", "GetValue", k) : ""; },
    set: function (k, v) { if (live && record) call("LMSSetValue", "SetValue", k, String(v)); },
    commit: function () { if (live) call("LMSCommit", "Commit", ""); },
    finish: function () { if (live) { call("LMSFinish", "Terminate", ""); live = false; } }
  };
  if (api) live = call("LMSInitialize", "Initialize", "") === "true";
  if (live) {
    var mode = L.get(N.mode); // missing or "" is normal (Open edX, LiaScript pitfalls)
    record = mode !== "review" && mode !== "browse";
    if (V12 && record) { var st = L.get(N.status); if (st === "" || st === "not attempted") L.set(N.status, "incomplete"); }
    if (!V12 && record) { if (L.get("cmi.completion_status") !== "completed") L.set("cmi.completion_status", "incomplete"); }
  }
  var STORE = "hocvuso:" + D.key; // no LMS (opened from a USB stick): keep progress in the browser
  function local(value) {
    try {
      if (value === undefined) return JSON.parse(localStorage.getItem(STORE) || "{}");
      localStorage.setItem(STORE, JSON.stringify(value));
    } catch (e) { return {}; }
  }

  // ---- formats --------------------------------------------------------------------------------
  function pad(n, w) { n = String(n); while (n.length < (w || 2)) n = "0" + n; return n; }
  function span(sec) { // 1.2 CMITimespan HH:MM:SS, 2004 ISO 8601 duration
    sec = Math.max(0, Math.round(sec));
    var hh = Math.min(9999, Math.floor(sec / 3600)), mm = Math.floor(sec / 60) % 60, ss = sec % 60;
    return V12 ? pad(hh) + ":" + pad(mm) + ":" + pad(ss) : "PT" + hh + "H" + mm + "M" + ss + "S";
  }
  function stamp(d) {
    var t = pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
    return V12 ? t : d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + t;
  }
  function num(s) {
    s = String(s).replace(/\s/g, "");
    if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, "").replace(",", "."); // 1.000,5
    else s = s.replace(",", ".");
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? parseFloat(s) : NaN;
  }
  function norm(s) { return String(s).normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean).join(" "); }

  // ---- answer keys as salted hashes (scorm/data.py; docs/items.md: what this protects) ----
  function sha256(bytes) { // of a byte array, as 32 bytes (also for the export's HMAC)
    var K = [], H = [], c, d, n = 0, i, j, w = [], len = bytes.length;
    for (c = 2; n < 64; c++) {
      for (d = 2; d * d <= c && c % d; d++);
      if (d * d > c) { if (n < 8) H[n] = Math.pow(c, 1 / 2) % 1 * 4294967296 | 0; K[n++] = Math.pow(c, 1 / 3) % 1 * 4294967296 | 0; }
    }
    for (i = 0; i < len; i++) w[i >> 2] |= bytes[i] << (24 - i % 4 * 8);
    w[len >> 2] |= 0x80 << (24 - len % 4 * 8);
    w[((len + 8) >> 6 << 4) + 15] = len * 8;
    function ror(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (i = 0; i < w.length; i += 16) {
      var a = H.slice(), m = [];
      for (j = 0; j < 64; j++) {
        m[j] = j < 16 ? w[i + j] | 0 : (ror(m[j - 2], 17) ^ ror(m[j - 2], 19) ^ (m[j - 2] >>> 10)) + m[j - 7] +
          (ror(m[j - 15], 7) ^ ror(m[j - 15], 18) ^ (m[j - 15] >>> 3)) + m[j - 16] | 0;
        var t1 = a[7] + (ror(a[4], 6) ^ ror(a[4], 11) ^ ror(a[4], 25)) + (a[4] & a[5] ^ ~a[4] & a[6]) + K[j] + m[j] | 0;
        var t2 = (ror(a[0], 2) ^ ror(a[0], 13) ^ ror(a[0], 22)) + (a[0] & a[1] ^ a[0] & a[2] ^ a[1] & a[2]) | 0;
        a = [t1 + t2 | 0, a[0], a[1], a[2], a[3] + t1 | 0, a[4], a[5], a[6]];
      }
      for (j = 0; j < 8; j++) H[j] = H[j] + a[j] | 0;
    }
    for (i = 0, w = []; i < 32; i++) w[i] = H[i >> 2] >>> (24 - i % 4 * 8) & 255;
    return w;
  }
  function digest(text) { // SHA-256 of the UTF-8 text, as hex
    var b = unescape(encodeURIComponent(text)), bytes = [];
    for (var i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);
    return sha256(bytes).map(function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
  }
  function hit(q, canonical) { return q.h.indexOf(digest(D.salt + "|" + q.id + "|" + canonical).slice(0, 16)) >= 0; }
  function grid(x, e) { return e < 0 ? x * Math.pow(10, -e) : x / Math.pow(10, e); } // as data.grid_scale
  function isRight(q, r) {
    if (r === null || r === "") return false;
    if (q.k === "numeric") {
      var n = grid(parseFloat(r), q.e), tol = 1e-9 * Math.max(1, Math.abs(n));
      return hit(q, String(Math.floor(n + tol))) && hit(q, String(Math.ceil(n - tol)));
    }
    return hit(q, q.k === "text" ? norm(r) : r);
  }

  // ---- shuffled per learner (assess.js), seeded by learner and question: stable on resume ----
  var learnerSeed = "", MIX = window.hvMix;
  function shuffleBox(q, el) {
    if (MIX && q.x && el) MIX.box(seeded(learnerSeed + "|" + q.id), q, el, function () { return isRight(q, responseOf(q, el)); });
  }
  function seeded(text) { return MIX.seeded(parseInt(digest(text).slice(0, 8), 16)); }

  function clip(s) { // a typed answer as a fill-in value: 2004 reserves [ ] and a leading {
    s = String(s).slice(0, 250);
    return V12 ? s : s.replace(/[[\]]/g, " ").replace(/^\{/, "(");
  }
  function keys(s) { return s.split("").join(SEP); }
  function pairs(s) {
    return s.split("").map(function (k, i) { return k === "-" ? "" : SRC[i] + DOT + k; }).filter(Boolean).join(SEP);
  }
  var FORMAT = { // the learner response per interaction type; no correct_responses: the keys are not in the package
    choice: function (q, r) { return keys(r); },
    sequencing: function (q, r) { return keys(r); },
    matching: function (q, r) { return pairs(r); },
    numeric: function (q, r) { return r; },
    "fill-in": function (q, r) { return clip(r); }
  };


  // ---- state and suspend data ---------------------------------------------------------------
  var QS = D.qs, QIX = {};
  QS.forEach(function (q, i) { QIX[q.id] = i; });
  var S = { page: 0, seen: {}, ans: {}, n: 0, done: 0 };
  // bank checks (assess.js): pre-test score, final tries started/submitted, best, passed, best per objective
  var A = { pre: null, t: 0, d: 0, b: 0, ok: 0, c: [] };
  function encodeA() { return [A.pre === null ? "" : A.pre, A.t, A.d, A.b, A.ok, A.c.join(".")].join(","); }
  function decodeA(text) {
    var f = String(text || "").split(",");
    if (f.length < 6) return;
    A.pre = f[0] === "" ? null : +f[0]; A.t = +f[1] || 0; A.d = +f[2] || 0; A.b = +f[3] || 0; A.ok = +f[4] || 0;
    A.c = f[5] ? f[5].split(".").map(function (x) { return x === "" ? "" : +x; }) : [];
  }
  var OIX = []; // cmi.objectives index of each competency objective
  function esc(s) { return String(s).replace(/%/g, "%25").replace(/\|/g, "%7C").replace(/~/g, "%7E"); }
  function encodeAt(level, room) {
    var ans = Object.keys(S.ans).map(function (i) {
      var a = S.ans[i], r = level > 1 || (level > 0 && QS[i].k === "text") ? "" : esc(a.r);
      return (+i).toString(36) + ":" + a.ok + ":" + r;
    });
    var seen = D.pages.map(function (p, i) { return S.seen[i] ? 1 : 0; }).join("");
    var head = ["h2", D.fp, D.pages[S.page], seen, S.n, S.done, encodeA()].join("~") + "~";
    while (room && (head + ans.join("|")).length > room) ans.pop();
    return head + ans.join("|");
  }
  function encode() { // within the limit, losing least first: typed texts, then every response, then answers
    for (var level = 0; level < 3; level++) { var s = encodeAt(level); if (s.length <= LIMIT) return s; }
    return encodeAt(2, LIMIT);
  }
  function decode(text) {
    var f = String(text || "").split("~");
    if (f[0] !== "h1" && f[0] !== "h2") return;
    if (f[0] === "h2") decodeA(f.splice(6, 1)[0]); // h1 (before the bank checks) has no such field
    var page = D.pages.indexOf(f[2]);
    if (page >= 0) S.page = page;
    f[3].split("").forEach(function (b, i) { if (b === "1") S.seen[i] = 1; });
    S.n = parseInt(f[4], 10) || 0;
    S.done = +f[5] || 0;
    if (f[1] !== D.fp) return; // the questions changed: their old answers no longer apply
    (f[6] || "").split("|").filter(Boolean).forEach(function (e) {
      var p = e.split(":"), i = parseInt(p[0], 36);
      if (QS[i]) S.ans[i] = { ok: +p[1], r: decodeURIComponent(p.slice(2).join(":")) };
    });
  }
  function save() {
    var text = encode();
    if (live) { L.set("cmi.suspend_data", text); L.set(N.loc, D.pages[S.page]); } else local({ s: text });
  }

  // ---- objectives, score and status -----------------------------------------------------------
  function initObjectives() {
    var have = {}, count = parseInt(L.get("cmi.objectives._count"), 10) || 0;
    for (var i = 0; i < count; i++) { var id = L.get("cmi.objectives." + i + ".id"); if (id) have[id] = i; }
    D.objs.forEach(function (o, j) {
      if (have[o[0]] !== undefined) { OIX[j] = have[o[0]]; return; } // pre-populated from the manifest
      var p = "cmi.objectives." + (OIX[j] = count++) + ".";
      L.set(p + "id", o[0]);
      if (V12) L.set(p + "status", "not attempted");
      else { L.set(p + "description", o[2]); L.set(p + "success_status", "unknown"); L.set(p + "completion_status", "not attempted"); }
    });
  }
  function tally() {
    var t = { got: 0, all: 0, answered: 0, objs: D.objs.map(function () { return { got: 0, all: 0, n: 0, done: 0 }; }) };
    QS.forEach(function (q, i) {
      var o = t.objs[q.o], a = S.ans[i];
      o.all += q.w; o.n++; t.all += q.w;
      if (a) { o.done++; t.answered++; if (a.ok) { o.got += q.w; t.got += q.w; } }
    });
    var rule = D.rule, ok = t.all > 0 && t.got / t.all + 1e-9 >= rule.o;
    t.objs.forEach(function (o) { o.pass = o.all > 0 && o.got / o.all + 1e-9 >= rule.c; if (o.n && !o.pass) ok = false; });
    t.pass = ok;
    var lessons = 0, seen = 0; // lesson pages: every page but hocvuso-home, -pretest, -final, -results
    D.pages.forEach(function (id, p) { if (id.indexOf("hocvuso-") !== 0) { lessons++; if (S.seen[p]) seen++; } });
    t.progress = (seen + t.answered) / Math.max(1, lessons + QS.length);
    t.complete = S.done || (seen === lessons && t.answered === QS.length);
    return t;
  }
  function pct(got, all) { return Math.round(got / all * 10000) / 100; }
  // Practice: interactions and completion only, never passed/failed (browser-graded, retries). Score and
  // passed/failed come from the final check drawn from the bank (assess.js): limited tries, the best counts.
  function report() {
    var t = tally(), tries = D.form ? D.form.tries : 0, final = A.d > 0, out = final && tries && A.d >= tries;
    if (final) {
      L.set(N.score + "min", 0); L.set(N.score + "max", 100); L.set(N.score + "raw", A.b);
      if (!V12) L.set("cmi.score.scaled", Math.round(A.b * 100) / 10000);
    }
    t.objs.forEach(function (o, j) {
      var best = A.c[j], p = "cmi.objectives." + OIX[j] + ".", fin = o.n && (o.done === o.n || S.done);
      if (!(o.n && o.done) && !(final && best !== "" && best !== undefined)) return;
      var judged = final && best !== "" && best !== undefined, passed = judged && best + 1e-9 >= D.rule.c * 100;
      if (judged) { L.set(p + "score.min", 0); L.set(p + "score.max", 100); L.set(p + "score.raw", best); }
      if (V12) { L.set(p + "status", judged ? (passed ? "passed" : "failed") : fin ? "completed" : "incomplete"); return; }
      if (judged) L.set(p + "score.scaled", Math.round(best * 100) / 10000);
      L.set(p + "completion_status", fin || judged ? "completed" : "incomplete");
      L.set(p + "success_status", judged ? (passed ? "passed" : "failed") : "unknown");
      if (o.n) L.set(p + "progress_measure", Math.round(o.done / o.n * 1000) / 1000);
    });
    var success = A.ok ? "passed" : out ? "failed" : "";
    if (V12) L.set(N.status, success || (t.complete ? "completed" : "incomplete"));
    else {
      L.set("cmi.progress_measure", t.complete ? 1 : Math.round(t.progress * 1000) / 1000);
      L.set("cmi.completion_status", t.complete || final ? "completed" : "incomplete");
      L.set("cmi.success_status", success || "unknown");
    }
    return t;
  }
  function interaction(q, r, ok, seconds, id) {
    var p = "cmi.interactions." + S.n++ + "."; // indices kept here, never read back
    var obj = D.objs[q.o][0];
    L.set(p + "id", id || q.id);
    L.set(p + "type", q.t); // 2004: id, then type, before any response
    L.set(p + "objectives.0.id", obj);
    L.set(p + (V12 ? "time" : "timestamp"), stamp(new Date()));
    L.set(p + "weighting", q.w);
    if (r !== "") L.set(p + (V12 ? "student_response" : "learner_response"), FORMAT[q.t](q, r));
    L.set(p + "result", ok ? "correct" : (V12 ? "wrong" : "incorrect"));
    L.set(p + "latency", span(seconds));
    if (!V12) L.set(p + "description", q.d);
  }
  function finish(explicit) {
    if (explicit) S.done = 1;
    if (!live) { if (!api) save(); return; }
    var t = report();
    L.set(N.exit, t.complete ? (V12 ? "" : "normal") : "suspend");
    L.set(N.time, span((Date.now() - started) / 1000));
    save();
    L.commit();
    L.finish();
  }

  // ---- questions ------------------------------------------------------------------------------
  var shownAt = {};
  function box(i) { return document.getElementById("q-" + QS[i].id); }
  function response(i) { return responseOf(QS[i], box(i)); }
  function responseOf(q, el) { // the compact response, or null when the learner has not answered fully
    var v;
    if (q.k === "single" || q.k === "multiple") {
      v = $$("input:checked", el).map(function (x) { return x.value; }).sort().join("");
      return v || null;
    }
    if (q.k === "dropdown") return $("select", el).value || null;
    if (q.k === "numeric") { v = num($("input", el).value); return isNaN(v) ? null : String(v); }
    if (q.k === "text") { v = $("input", el).value.split(/\s+/).filter(Boolean).join(" "); return v || null; }
    if (q.k === "matching") {
      v = $$("select", el).map(function (s) { return s.value || "-"; }).join("");
      return v.indexOf("-") < 0 ? v : null;
    }
    return $$(".order li", el).map(function (li) { return li.getAttribute("data-key"); }).join("");
  }
  function fill(i, r) { // put a saved response back into the form
    var q = QS[i], el = box(i);
    if (q.k === "single" || q.k === "multiple") $$("input", el).forEach(function (x) { x.checked = r.indexOf(x.value) >= 0; });
    else if (q.k === "dropdown" || q.k === "numeric" || q.k === "text") $("select,input", el).value = r;
    else if (q.k === "matching") $$("select", el).forEach(function (s, j) { s.value = r[j] === "-" ? "" : r[j]; });
    else {
      var list = $(".order", el);
      r.split("").forEach(function (k) { var li = $('li[data-key="' + k + '"]', list); if (li) list.appendChild(li); });
    }
  }
  function lock(el, on) { $$("input,select,.order button", el).forEach(function (x) { x.disabled = on; }); }
  function show(i, ok, chosen) {
    var q = QS[i], el = box(i);
    lock(el, true);
    $(".result", el).textContent = ok ? W.right : W.wrong;
    $(".result", el).className = "result " + (ok ? "ok" : "bad");
    $$(".fb", el).forEach(function (fb) {
      var k = fb.getAttribute("data-key");
      fb.hidden = !(k === (ok ? "ok" : "bad") || (chosen && k.length === 1 && chosen.indexOf(k) >= 0));
    });
    if (q.k === "single" && chosen) { // the chosen option's mark: the whole response is right or wrong
      $$(".choices li", el).forEach(function (li) {
        var x = $("input", li);
        if (x && x.checked) li.setAttribute("data-mark", ok ? W.mark_right : W.mark_wrong);
      });
    }
    var why = $(".why", el);
    if (why) why.hidden = false;
    $(".check", el).hidden = true;
    $(".retry", el).hidden = false;
  }
  function reset(i) {
    var el = box(i);
    lock(el, false);
    $(".result", el).textContent = "";
    $$(".fb,.why", el).forEach(function (x) { x.hidden = true; });
    $$("[data-mark]", el).forEach(function (x) { x.removeAttribute("data-mark"); });
    $(".check", el).hidden = false;
    $(".retry", el).hidden = true;
    shownAt[i] = Date.now();
    var first = $("input,select,.order button", el);
    if (first) first.focus();
  }
  function check(i) {
    var q = QS[i], el = box(i), r = response(i);
    if (r === null) { $(".result", el).className = "result"; $(".result", el).textContent = W.answer_first; return; }
    var ok = isRight(q, r) ? 1 : 0;
    S.ans[i] = { r: r, ok: ok };
    interaction(q, r, ok, (Date.now() - (shownAt[i] || started)) / 1000);
    show(i, ok, r);
    report();
    save();
    L.commit();
    $(".retry", el).focus();
  }
  function move(li, up) {
    var list = li.parentNode, other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    list.insertBefore(li, up ? other : other.nextElementSibling);
    var pos = $$("li", list).indexOf(li) + 1;
    $("[data-live]", list.parentNode).textContent = fmt(W.moved, {pos: pos});
    (up && !li.previousElementSibling ? $(".dn", li) : !up && !li.nextElementSibling ? $(".up", li) : $(up ? ".up" : ".dn", li)).focus();
  }
  function setupQuestion(el) {
    var i = QIX[el.getAttribute("data-q")];
    if (i === undefined) return;
    $("form", el).addEventListener("submit", function (e) { e.preventDefault(); check(i); });
    $(".retry", el).addEventListener("click", function () { reset(i); });
    var hint = $(".hint-btn", el);
    if (hint) {
      hint.addEventListener("click", function () {
        var next = $(".hint[hidden]", el);
        if (next) { next.hidden = false; next.setAttribute("tabindex", "-1"); next.focus(); }
        if (!$(".hint[hidden]", el)) hint.disabled = true;
      });
    }
    $$(".order button", el).forEach(function (b) {
      b.addEventListener("click", function () { move(b.closest("li"), b.className === "up"); });
    });
  }

  // ---- lesson video: pause at the end of a section and ask its questions ----------------------
  function setupVideo(fig) {
    var video = $("video", fig), panel = $(".vq", fig), slot = $(".vq-slot", fig), cues = D.video[fig.getAttribute("data-video")] || [];
    var asked = {}, moved = [];
    function ask(c) {
      asked[c] = 1;
      video.pause();
      cues[c].qs.forEach(function (id) {
        var q = document.getElementById("q-" + id);
        if (!q) return;
        var mark = document.createComment("q");
        q.parentNode.insertBefore(mark, q);
        moved.push([q, mark]);
        slot.appendChild(q);
      });
      panel.hidden = false;
      $(".vq-title", panel).setAttribute("tabindex", "-1");
      $(".vq-title", panel).focus();
    }
    $(".vq-go", panel).addEventListener("click", function () {
      moved.forEach(function (m) { m[1].parentNode.replaceChild(m[0], m[1]); });
      moved = [];
      panel.hidden = true;
      video.focus();
      if (video.currentTime < video.duration - 0.05) video.play();
    });
    function due() {
      for (var c = 0; c < cues.length; c++) {
        if (!asked[c] && video.currentTime >= cues[c].end - 0.3) { ask(c); return; }
      }
    }
    video.addEventListener("timeupdate", due);
    video.addEventListener("ended", due);
    video.addEventListener("seeked", function () {
      cues.forEach(function (cue, c) { if (cue.end - 0.3 > video.currentTime) delete asked[c]; });
    });
  }

  // ---- pages ----------------------------------------------------------------------------------
  var pages = $$(".page"), status = $("#hv-status");
  function say(text) { status.textContent = text; }
  function results() {
    var t = tally(), rows = D.objs.map(function (o, j) {
      var s = t.objs[j];
      if (!s.n) return "";
      return "<tr><th scope=\"row\">" + o[2].replace(/</g, "&lt;") + "</th><td>" + s.done + "/" + s.n + "</td><td>" +
        Math.round(s.got / s.all * 100) + "%</td><td>" + (s.done < s.n ? W.not_done : W.done) + "</td></tr>";
    }).join("");
    var left = QS.length - t.answered;
    $("#hv-results").innerHTML = (A.d ? "<p class=\"score\">" + fmt(W.final_score, {score: "<strong>" + A.b + "/100</strong>"}) +
      " · " + (A.ok ? W.pass : W.fail) + "</p>" : "") + (QS.length ? "<p>" +
      fmt(W.practice, {share: "<strong>" + Math.round(t.got / t.all * 100) + "%</strong>"}) + " · " +
      (t.complete ? W.complete : W.incomplete) + "</p>" + (left ? "<p>" + fmt(W.left, {n: left}) + "</p>" : "") +
      "<table><caption>" + W.by_competency + "</caption><thead><tr><th scope=\"col\">" + W.col_competency +
      "</th><th scope=\"col\">" + W.col_done + "</th><th scope=\"col\">" + W.col_right + "</th><th scope=\"col\">" +
      W.col_result + "</th></tr></thead><tbody>" + rows + "</tbody></table>"
      : "<p>" + W.no_practice + "</p>");
  }
  function go(i, focus) {
    i = Math.max(0, Math.min(pages.length - 1, i));
    $$("video,audio").forEach(function (m) { if (!m.paused) m.pause(); });
    pages.forEach(function (p, j) { p.hidden = j !== i; });
    $$("video[data-poster]", pages[i]).forEach(function (v) { if (!v.poster) v.poster = v.getAttribute("data-poster"); });
    S.page = i;
    S.seen[i] = 1;
    $("#hv-prev").disabled = i === 0;
    $("#hv-next").disabled = i === pages.length - 1;
    $("#hv-pos").textContent = "Trang " + (i + 1) + "/" + pages.length;
    if (D.pages[i] === "hocvuso-results") results();
    $$(".q", pages[i]).forEach(function (q) { shownAt[QIX[q.getAttribute("data-q")]] = Date.now(); });
    if (focus) { window.scrollTo(0, 0); $("h1", pages[i]).focus(); }
    report();
    save();
    L.commit();
  }
  function goTo(id) { var i = D.pages.indexOf(id); if (i >= 0) go(i, true); }
  function toggleToc(open) {
    var toc = $("#hv-toc"), menu = $("#hv-menu");
    toc.hidden = !open;
    menu.setAttribute("aria-expanded", String(open));
    if (open) $("a", toc).focus();
  }

  // ---- "export my results" without an LMS: a small signed file the mentor collects (hocvuso report) --
  // The HMAC key is in every copy of the package: it shows a file was edited, it cannot stop a forger.
  // Layout and checks: tools/hocvuso/reports/offline.py. Words: templates/scorm/strings.yaml (data-*).
  function setupExport(more) { // more(): the final check's and pre-test's items (assess.js)
    var box = $("#hv-export"), btn = $("#hv-export-save");
    if (!box || !btn || live || typeof TextEncoder === "undefined") return;
    box.hidden = false;
    function hmacHex(keyText, text) {
      var enc = new TextEncoder(), key = enc.encode(keyText), msg = enc.encode(text), i;
      if (key.length > 64) key = sha256(key);
      var inner = new Uint8Array(64 + msg.length), outer = new Uint8Array(96);
      for (i = 0; i < 64; i++) { inner[i] = (key[i] || 0) ^ 0x36; outer[i] = (key[i] || 0) ^ 0x5c; }
      inner.set(msg, 64);
      outer.set(sha256(inner), 64);
      return Array.prototype.map.call(sha256(outer), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    }
    btn.addEventListener("click", function () {
      var learner = $("#hv-export-id").value.trim();
      if (!learner) { say(btn.getAttribute("data-need-id")); $("#hv-export-id").focus(); return; }
      var items = [];
      QS.forEach(function (q, i) { // typed answers stay on the device: only choice keys travel
        var a = S.ans[i];
        if (a) items.push([q.id, a.ok ? 1 : 0, /^(single|multiple|dropdown)$/.test(q.k) && a.r ? String(a.r) : ""]);
      });
      if (more) items = items.concat(more());
      var data = { format: "hocvuso-result", version: 1, course: D.key, fp: D.fp, learner: learner,
        saved: new Date().toISOString(), items: items };
      var signed = ["hocvuso-result", "1", D.key, D.fp, learner, data.saved,
        items.map(function (x) { return x.join(":"); }).join(";")].join("\n");
      data.sig = hmacHex("hocvuso-result|" + D.key + "|" + D.fp, signed);
      var name = "ketqua-" + learner.replace(/[^A-Za-z0-9_-]+/g, "-") + ".json";
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data)], { type: "application/json" }));
      link.download = name;
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      say(btn.getAttribute("data-saved").replace("{file}", name));
    });
    var next = $("#hv-export-next"); // one phone, learners in turn: the next one starts blank
    if (next) next.addEventListener("click", function () {
      if (!window.confirm(next.getAttribute("data-confirm"))) return;
      try { [STORE, "hocvuso:learner"].forEach(function (k) { localStorage.removeItem(k); }); } catch (e) { /* private mode */ }
      if (more) more(false); // the checks kept by assess.js
      local = function () {}; // no save() on the way out
      location.reload();
    });
  }

  function learnerId() { // the LMS's learner id; without an LMS, a random id kept in this browser
    var id = live ? L.get(V12 ? "cmi.core.student_id" : "cmi.learner_id") : "";
    if (id) return id;
    try {
      id = localStorage.getItem("hocvuso:learner");
      if (!id) { id = String(Math.random()).slice(2) + String(Date.now()); localStorage.setItem("hocvuso:learner", id); }
    } catch (e) { id = "hocvuso"; }
    return id;
  }

  function start() {
    $$(".q").forEach(setupQuestion);
    $$(".lesson-video").forEach(setupVideo);
    document.addEventListener("click", function (e) {
      var t = e.target.closest && e.target.closest("[data-go]");
      if (t) { e.preventDefault(); toggleToc(false); goTo(t.getAttribute("data-go")); }
    });
    $("#hv-prev").addEventListener("click", function () { go(S.page - 1, true); });
    $("#hv-next").addEventListener("click", function () { go(S.page + 1, true); });
    $("#hv-menu").addEventListener("click", function () { toggleToc($("#hv-toc").hidden); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !$("#hv-toc").hidden) { toggleToc(false); $("#hv-menu").focus(); }
    });
    $("#hv-finish").addEventListener("click", function () {
      finish(true);
      results();
      $("#hv-finish").disabled = true;
      $("#hv-finished").hidden = false;
      say(W.submitted);
    });
    if (live) { initObjectives(); decode(L.get("cmi.suspend_data")); } else decode(local().s);
    if (!live) say(W.offline);
    else if (!record) say(W.review);
    var resumed = S.page > 0;
    learnerSeed = learnerId();
    QS.forEach(function (q, i) { shuffleBox(q, box(i)); });
    var more = window.hvAssess && window.hvAssess({ D: D, L: L, A: A, V12: V12, live: live, $: $, $$: $$, seeded: seeded,
        isRight: isRight, responseOf: responseOf, shuffleBox: shuffleBox, interaction: interaction, report: report,
        save: save, say: say, move: move,
        learner: function () { return learnerSeed; } });
    Object.keys(S.ans).forEach(function (i) {
      var a = S.ans[i];
      if (a.r) { fill(+i, a.r); show(+i, a.ok, a.r); } else show(+i, a.ok, "");
    });
    go(S.page, false);
    setupExport(more);
    if (resumed && live) say(W.resumed);
    window.addEventListener("pagehide", function () { finish(false); });
    window.addEventListener("beforeunload", function () { finish(false); });
  }
  start();
})();
