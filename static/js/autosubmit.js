// A <select data-autosubmit> sends its form as soon as another option is chosen.
// A static file rather than an onchange="" attribute: the Content-Security-Policy
// runs no inline script. Without JavaScript the form's own button does the same.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
