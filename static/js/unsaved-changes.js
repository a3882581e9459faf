// Warn before leaving a form with unsaved changes (the editor marks its form with
// data-warn-unsaved). Progressive enhancement: without JavaScript the form still works.
document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
  var dirty = form.hasAttribute("data-starts-dirty");
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});
