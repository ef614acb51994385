/* Staff tools of the hocvuso assessment: the revoke form (`revoke` handler) and the extra attempts or
   minutes for one learner (`staff_override` handler). Loaded only for course staff; binds itself to the
   forms the server rendered (no init function). Each form posts JSON to its data-url and shows the answer. */
(function () {
  "use strict";
  var FORMS = {
    "form.hv-revoke": {
      result: ".hv-revoke-result", reset: true,
      data: function (f) { return {credential_id: f.elements.credential_id.value, reason: f.elements.reason.value}; }
    },
    "form.hv-override": {
      result: ".hv-override-result", reset: false,
      data: function (f) {
        return {user_id: f.elements.user_id.value.trim(),
                extra_attempts: parseInt(f.elements.extra_attempts.value || "0", 10),
                extra_minutes: parseInt(f.elements.extra_minutes.value || "0", 10)};
      }
    }
  };
  function bind(form, kind) {
    if (form.dataset.bound) { return; }
    form.dataset.bound = "1";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = form.querySelector(kind.result);
      $.ajax({type: "POST", url: form.dataset.url, data: JSON.stringify(kind.data(form)),
              contentType: "application/json", dataType: "json"})
        .done(function (body) { out.textContent = body.message; if (kind.reset) { form.reset(); } })
        .fail(function (xhr) { out.textContent = (xhr.responseJSON || {}).error || xhr.statusText; });
    });
  }
  function scan() {
    Object.keys(FORMS).forEach(function (selector) {
      document.querySelectorAll(selector).forEach(function (form) { bind(form, FORMS[selector]); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", scan); } else { scan(); }
  setTimeout(scan, 0);
}());
