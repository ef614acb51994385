/* Staff tools of the hocvuso assessment: the revoke form posts JSON to the block's `revoke` handler.
   Loaded only for course staff; binds itself to the forms the server rendered (no init function). */
(function () {
  "use strict";
  function bind(form) {
    if (form.dataset.bound) { return; }
    form.dataset.bound = "1";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = form.querySelector(".hv-revoke-result");
      var data = {credential_id: form.elements.credential_id.value, reason: form.elements.reason.value};
      $.ajax({type: "POST", url: form.dataset.url, data: JSON.stringify(data), contentType: "application/json", dataType: "json"})
        .done(function (body) { out.textContent = body.message; form.reset(); })
        .fail(function (xhr) {
          var body = xhr.responseJSON || {};
          out.textContent = body.error || xhr.statusText;
        });
    });
  }
  function scan() { document.querySelectorAll("form.hv-revoke").forEach(bind); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", scan); } else { scan(); }
  setTimeout(scan, 0);
}());
