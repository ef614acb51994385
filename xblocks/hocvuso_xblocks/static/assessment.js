/* hocvuso certification assessment: thin client.  The server renders every state;
   this script only sends the learner's choices and swaps in the HTML it gets back.
   A form is sent once: the button, the Enter key and the timer all go through send(),
   which does nothing while a submission is on its way (the server also grades a form once). */
function HocvusoAssessment(runtime, element, args) {
  "use strict";
  var body = $(element).find(".hv-body").first();
  var timer = null;
  var sending = false;

  function post(handler, data) {
    return $.ajax({
      type: "POST", url: runtime.handlerUrl(element, handler), data: JSON.stringify(data),
      contentType: "application/json; charset=utf-8", dataType: "json"
    });
  }

  function show(html) {
    if (timer) { window.clearInterval(timer); timer = null; }
    body.html(html);
    bind();
    var heading = body.find(".hv-title").first();
    if (heading.length) { heading[0].focus(); }
  }

  function fail(xhr) {
    var message = (xhr.responseJSON && xhr.responseJSON.error) || "Không kết nối được máy chủ. Vui lòng thử lại.";
    var box = body.find(".hv-error").first();
    if (!box.length) {
      box = $('<p class="hv-error" role="alert"></p>');
      body.prepend(box);
    }
    box.text(message);
    body.find("button").prop("disabled", false);
  }

  function intOrNull(value) {
    return value === "" || value === undefined || value === null ? null : parseInt(value, 10);
  }

  function collect(form) {
    var answers = {}, missing = 0;
    form.find("fieldset.hv-question").each(function () {
      var q = $(this), type = q.data("type"), value = null;
      if (type === "single") {
        value = intOrNull(q.find("input:checked").val());
      } else if (type === "multiple") {
        value = q.find("input:checked").map(function () { return parseInt(this.value, 10); }).get();
        if (!value.length) { value = null; }
      } else if (type === "dropdown") {
        value = intOrNull(q.find("select").val());
      } else if (type === "numeric" || type === "text") {
        value = $.trim(q.find("input").val()) || null;
      } else {
        value = q.find("select").map(function () { return [intOrNull($(this).val())]; }).get();
        if (value.every(function (v) { return v === null; })) { value = null; }
      }
      if (value === null) { missing += 1; }
      answers[String(q.data("qid"))] = value;
    });
    return {answers: answers, missing: missing};
  }

  function send(form, automatic) {
    if (sending) { return; }
    var collected = collect(form);
    if (!automatic && collected.missing && !window.confirm(args.confirm.replace("{n}", collected.missing))) {
      return;
    }
    sending = true;
    form.find(".hv-submit").prop("disabled", true).attr("aria-disabled", "true");
    post("submit", {form_id: String(form.data("form-id")), answers: collected.answers})
      .done(function (response) { sending = false; show(response.html); })
      .fail(function (xhr) {
        sending = false;
        if (xhr.status === 409) { window.location.reload(); return; }  // already graded: show the stored result
        fail(xhr);
      });
  }

  function startTimer(form) {
    var box = body.find(".hv-timer");
    if (!box.length || !form.length) { return; }
    var deadline = parseInt(box.data("deadline"), 10) * 1000, clock = box.find(".hv-clock");
    function tick() {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      clock.text(minutes + ":" + (seconds < 10 ? "0" : "") + seconds);
      if (left === 60) { clock.attr("aria-live", "assertive"); }
      if (left === 0) {
        window.clearInterval(timer);
        timer = null;
        send(form, true);
      }
    }
    tick();
    timer = window.setInterval(tick, 1000);
  }

  function bind() {
    body.find(".hv-start").on("click", function () {
      $(this).prop("disabled", true);
      post("start", {}).done(function (response) { show(response.html); }).fail(fail);
    });
    var form = body.find("form.hv-form");
    form.on("submit", function (event) {
      event.preventDefault();
      send(form, false);
    });
    startTimer(form);
  }

  bind();
}
