/* Studio editor of the hocvuso assessment's settings: shares (data-percent) are typed in percent. */
function HocvusoAssessmentStudio(runtime, element) {
  "use strict";
  var root = $(element);
  root.find(".hv-save").on("click", function () {
    var data = {};
    root.find(".setting-input").each(function () {
      var field = $(this), raw = $.trim(field.val());
      if (this.tagName === "SELECT" || field.attr("type") === "text") { data[this.name] = raw; return; }
      var value = Number(raw.replace(",", "."));
      data[this.name] = field.is("[data-percent]") ? value / 100 : value;
    });
    runtime.notify("save", {state: "start"});
    $.ajax({
      type: "POST", url: runtime.handlerUrl(element, "studio_submit"), data: JSON.stringify(data),
      contentType: "application/json; charset=utf-8", dataType: "json"
    }).done(function () {
      runtime.notify("save", {state: "end"});
    }).fail(function (xhr) {
      var message = (xhr.responseJSON && xhr.responseJSON.error) || "Không lưu được.";
      root.find(".hv-error").text(message);
      runtime.notify("error", {title: "Không lưu được", message: message});
    });
  });
  root.find(".hv-cancel").on("click", function () { runtime.notify("cancel", {}); });
}
