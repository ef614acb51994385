/* Staff tools of the hocvuso assessment: extra attempts or minutes for one learner.
   Loaded only for course staff; binds itself to the forms the server rendered (no init function). */
(function () {
  "use strict";
  function bind(form) {
    if (form.dataset.bound) { return; }
    form.dataset.bound = "1";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = form.querySelector(".hv-override-result");
      var data = {user_id: form.elements.user_id.value.trim(),
                  extra_attempts: parseInt(form.elements.extra_attempts.value || "0", 10),
                  extra_minutes: parseInt(form.elements.extra_minutes.value || "0", 10)};
      $.ajax({type: "POST", url: form.dataset.url, data: JSON.stringify(data), contentType: "application/json", dataType: "json"})
        .done(function (body) { out.textContent = body.message; })
        .fail(function (xhr) { out.textContent = (xhr.responseJSON || {}).error || xhr.statusText; });
    });
  }
  function scan() { document.querySelectorAll("form.hv-override").forEach(bind); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", scan); } else { scan(); }
  setTimeout(scan, 0);
}());
