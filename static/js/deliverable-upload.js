// A milestone's video file, sent in resumable chunks by the vendored tus-js-client
// (static/vendor/tus-js-client) to our own endpoint (portal/deliverable_views.py), then handed
// in with the submission form. Resumes after a dropped connection (retries, and again when the
// browser is back online) and after a closed tab (the client remembers the upload's address in
// localStorage; the page also names the server's unfinished upload). The page's texts come
// from data attributes, translated by the template. A file of ours: the Content-Security-Policy
// allows no inline script.
(function () {
  "use strict";
  var form = document.querySelector("form.video-upload[data-endpoint]");
  if (!form || !window.tus) return;
  var input = form.querySelector("#video-file");
  var hidden = form.querySelector("input[name=upload]");
  var box = form.querySelector(".video-upload__progress");
  var bar = form.querySelector(".video-upload__bar");
  var status = form.querySelector(".video-upload__status");
  var pause = form.querySelector(".video-upload__pause");
  var resume = form.querySelector(".video-upload__resume");
  var submit = form.querySelector("button[type=submit]");
  var text = form.dataset;
  var upload = null;
  var samples = [];
  var received = 0;

  function size(bytes) {
    var units = ["B", "KB", "MB", "GB", "TB"];
    var unit = 0;
    while (bytes >= 1024 && unit < units.length - 1) {
      bytes /= 1024;
      unit += 1;
    }
    return bytes.toFixed(unit > 1 ? 1 : 0) + " " + units[unit];
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return (h ? h + ":" + String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
  }

  function say(message) {
    status.textContent = message;
  }

  // Speed over the last twenty seconds, so a pause or a retry does not skew it for long.
  function progress(done, total) {
    var now = Date.now();
    received = done;
    samples.push([now, done]);
    while (samples.length > 2 && now - samples[0][0] > 20000) samples.shift();
    var first = samples[0];
    var seconds = (now - first[0]) / 1000;
    var speed = seconds > 0.5 ? (done - first[1]) / seconds : 0;
    bar.value = total ? Math.floor((100 * done) / total) : 0;
    say(
      text.textProgress
        .replace("DONE", size(done))
        .replace("TOTAL", size(total))
        .replace("SPEED", size(speed))
        .replace("LEFT", speed > 0 ? duration((total - done) / speed) : "…"),
    );
  }

  function setPaused(paused) {
    pause.hidden = paused;
    resume.hidden = !paused;
  }

  // The server's refusals are one plain-text sentence; anything else (a sign-in page after the
  // session ended, a proxy's error page) is not shown as it is.
  function refusal(error) {
    var response = error && error.originalResponse;
    var plain = response && /^text\/plain/.test(response.getHeader("Content-Type") || "");
    return text.textFailed + " " + (plain ? response.getBody() : text.textUnexpected);
  }

  function tokenOf(url) {
    var parts = url.replace(/\/+$/, "").split("/");
    return parts[parts.length - 1];
  }

  function begin(file) {
    var options = {
      endpoint: form.dataset.endpoint,
      chunkSize: parseInt(form.dataset.chunkBytes, 10),
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000],
      metadata: { filename: file.name, filetype: file.type || "application/octet-stream" },
      headers: { "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value },
      removeFingerprintOnSuccess: true,
      onProgress: progress,
      onShouldRetry: function (error) {
        say(text.textWaiting);
        var code = error.originalResponse ? error.originalResponse.getStatus() : 0;
        return !code || code >= 500 || code === 409 || code === 423;
      },
      onError: function (error) {
        say(refusal(error));
        setPaused(true);
        submit.disabled = false;
      },
      onSuccess: function () {
        hidden.value = tokenOf(upload.url);
        bar.value = 100;
        say(text.textHandingIn);
        form.submit();
      },
    };
    // The server's unfinished upload of this very file, when this browser forgot it.
    if (text.resumeUrl && text.resumeName === file.name && text.resumeSize === String(file.size)) {
      options.uploadUrl = text.resumeUrl;
    }
    upload = new window.tus.Upload(file, options);
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length && !options.uploadUrl) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  }

  form.addEventListener("submit", function (event) {
    if (hidden.value) return; // the upload is finished: hand it in
    event.preventDefault();
    var file = input.files && input.files[0];
    if (!file) {
      say(text.textChoose);
      box.hidden = false;
      return;
    }
    if (file.size > parseInt(form.dataset.maxBytes, 10)) {
      say(text.textTooLarge);
      box.hidden = false;
      return;
    }
    box.hidden = false;
    submit.disabled = true;
    input.disabled = true;
    setPaused(false);
    samples = [];
    begin(file);
  });

  pause.addEventListener("click", function () {
    if (!upload) return;
    upload.abort();
    setPaused(true);
    say(
      text.textPaused
        .replace("DONE", size(received))
        .replace("TOTAL", size(upload.file.size)),
    );
  });

  resume.addEventListener("click", function () {
    if (!upload) return;
    setPaused(false);
    samples = [];
    upload.start();
  });

  window.addEventListener("online", function () {
    if (upload && !resume.hidden && !hidden.value) resume.click();
  });
})();
