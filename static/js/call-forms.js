// The application's forms: a live character count for answers with a limit (counted as the
// server counts: one Chinese character is one, a line break is one), and a progress bar for
// uploads (the form is sent with XMLHttpRequest; the server's answer replaces the page, so its
// messages and errors show as without the script). A file of ours, allowed by the CSP.
(function () {
  "use strict";
  function length(text) {
    return Array.from(text.replace(/\r\n/g, "\n")).length;
  }
  document.querySelectorAll("[data-limit]").forEach(function (field) {
    var limit = Number(field.dataset.limit);
    var counter = document.createElement("div");
    counter.className = "form-text call-counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    function update() {
      var count = length(field.value);
      counter.textContent = count + " / " + limit;
      counter.classList.toggle("text-danger", count > limit);
    }
    field.addEventListener("input", update);
    update();
  });
  document.querySelectorAll("form[data-upload-progress]").forEach(function (form) {
    var box = form.querySelector(".upload-progress");
    if (!box || !window.XMLHttpRequest || !window.FormData) return;
    var bar = box.querySelector("progress");
    var text = box.querySelector(".upload-progress__text");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.upload.addEventListener("progress", function (progress) {
        if (!progress.lengthComputable) return;
        var percent = Math.round((100 * progress.loaded) / progress.total);
        bar.value = percent;
        text.textContent = percent + " %";
      });
      request.addEventListener("load", function () {
        // Follow the server's answer: a redirect after success, the form with errors otherwise.
        if (request.responseURL && request.responseURL !== window.location.href && request.status < 400) {
          window.location.assign(request.responseURL);
          return;
        }
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener("error", function () {
        form.submit();
      });
      box.hidden = false;
      request.send(new FormData(form));
    });
  });
})();
