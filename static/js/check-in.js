// The door's check-in page: where the browser has BarcodeDetector, scan QR codes with the
// camera and post each code as the form would, asking for JSON; elsewhere the typed form works
// on its own. A static file (the Content-Security-Policy forbids inline scripts).
(function () {
  "use strict";
  var root = document.querySelector("[data-check-in]");
  if (!root) return;
  var form = root.querySelector("[data-check-in-form]");
  var input = form.querySelector("input[name=code]");
  var answer = root.querySelector("[data-answer]");
  var arrivals = root.querySelector("[data-arrivals]");
  var lastCode = "";
  var lastAt = 0;

  function show(result) {
    answer.className = "check-in__answer check-in__answer--" + (result.answer ? result.answer.kind : "none");
    answer.textContent = "";
    if (result.answer) {
      var headline = document.createElement("strong");
      headline.className = "check-in__headline";
      headline.textContent = result.answer.headline;
      answer.appendChild(headline);
      var details = [result.answer.name, result.answer.category, result.answer.when].filter(Boolean);
      if (details.length) {
        var line = document.createElement("span");
        line.className = "check-in__name";
        line.textContent = details.join(" · ");
        answer.appendChild(line);
      }
    }
    arrivals.textContent = arrivals.textContent.replace(/\d+/, String(result.arrivals));
  }

  function send(code) {
    var body = new FormData(form);
    body.set("code", code);
    return fetch(form.action || window.location.href, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) { return response.json(); }).then(show);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(input.value).then(function () { input.value = ""; input.focus(); });
  });

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var video = root.querySelector("[data-camera]");
  var hint = root.querySelector("[data-camera-hint]");
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
    video.srcObject = stream;
    video.hidden = false;
    hint.hidden = false;
    return video.play();
  }).then(function scan() {
    detector.detect(video).then(function (codes) {
      var code = codes.length ? codes[0].rawValue : "";
      var now = Date.now();
      // The same code stays in front of the camera for a while: send it once per 3 seconds.
      if (code && (code !== lastCode || now - lastAt > 3000)) {
        lastCode = code;
        lastAt = now;
        send(code);
      }
    }).catch(function () {}).then(function () { window.setTimeout(scan, 300); });
  }).catch(function () { video.hidden = true; hint.hidden = true; });
})();
