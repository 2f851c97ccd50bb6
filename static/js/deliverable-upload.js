// A milestone's video file, sent in resumable chunks by the vendored tus-js-client
// (static/vendor/tus-js-client) to our own endpoint (portal/deliverable_views.py), or, when the
// server keeps files in object storage (data-multipart), straight to the private bucket in
// parts (S3 multipart: our server signs one URL per part with the part's SHA-256, computed here
// with WebCrypto, and the bucket checks the bytes against it), then handed in with the
// submission form. Resumes after a dropped connection (retries, and again when the
// browser is back online) and after a closed tab (the client remembers the upload's address in
// localStorage; the page also names the server's unfinished upload). The page's texts come
// from data attributes, translated by the template. A file of ours: the Content-Security-Policy
// allows no inline script.
(function () {
  "use strict";
  var form = document.querySelector("form.video-upload[data-endpoint]");
  if (!form || (!window.tus && !form.dataset.multipart)) return;
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

  // Straight to the bucket: parts of partBytes, PARALLEL at a time, each hashed, signed by our
  // server and PUT to its presigned URL; the bucket's own list of parts is what a resume skips.
  var PARALLEL = 4;
  var RETRY_DELAYS = [1000, 3000, 5000, 10000, 20000, 30000, 60000];

  function csrf() {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  function ask(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (answer) {
          if (response.ok) return answer;
          var error = new Error(answer.error || "");
          error.refusal = answer.error;
          error.status = response.status;
          throw error;
        });
    });
  }

  function base64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
    return window.btoa(binary);
  }

  function MultipartUpload(file, options) {
    this.file = file;
    this.options = options;
    this.info = null;
    this.done = {};
    this.loaded = {};
    this.requests = {};
    this.failures = 0;
    this.stopped = true;
  }

  MultipartUpload.prototype.count = function () {
    return Math.max(1, Math.ceil(this.file.size / this.info.partBytes));
  };

  MultipartUpload.prototype.received = function () {
    var total = 0;
    var number;
    for (number in this.done) total += this.done[number];
    for (number in this.loaded) total += this.loaded[number];
    return total;
  };

  MultipartUpload.prototype.start = function () {
    var self = this;
    self.stopped = false;
    self.failures = 0;
    var opened = self.info
      ? Promise.resolve(self.info)
      : self.options.resumeParts
        ? ask("GET", self.options.resumeParts).catch(function () {
            return ask("POST", self.options.endpoint, { filename: self.file.name, size: self.file.size });
          })
        : ask("POST", self.options.endpoint, { filename: self.file.name, size: self.file.size });
    opened
      .then(function (info) {
        self.info = info;
        return ask("GET", info.parts);
      })
      .then(function (listed) {
        if (self.stopped) return;
        self.done = {};
        listed.done.forEach(function (part) {
          self.done[part.number] = part.size;
        });
        self.next();
      })
      .catch(function (error) {
        self.trouble(error);
      });
  };

  MultipartUpload.prototype.abort = function () {
    this.stopped = true;
    for (var number in this.requests) this.requests[number].abort();
    this.requests = {};
    this.loaded = {};
  };

  MultipartUpload.prototype.next = function () {
    if (this.stopped) return;
    var count = this.count();
    var busy = Object.keys(this.requests).length;
    if (Object.keys(this.done).length === count) {
      if (!busy) this.finish();
      return;
    }
    for (var number = 1; number <= count && busy < PARALLEL; number += 1) {
      if (this.done[number] === undefined && !this.requests[number]) {
        this.send(number);
        busy += 1;
      }
    }
  };

  MultipartUpload.prototype.send = function (number) {
    var self = this;
    var start = (number - 1) * self.info.partBytes;
    var piece = self.file.slice(start, Math.min(start + self.info.partBytes, self.file.size));
    var xhr = new XMLHttpRequest();
    self.requests[number] = xhr; // held from now on, so next() does not send it twice
    var checksum;
    piece
      .arrayBuffer()
      .then(function (bytes) {
        return window.crypto.subtle.digest("SHA-256", bytes);
      })
      .then(function (digest) {
        checksum = base64(digest);
        var parts = {};
        parts[number] = checksum;
        return ask("POST", self.info.sign, { parts: parts });
      })
      .then(function (signed) {
        if (self.stopped || self.requests[number] !== xhr) return;
        xhr.open("PUT", signed.urls[number]);
        xhr.setRequestHeader("x-amz-checksum-sha256", checksum);
        xhr.upload.onprogress = function (event) {
          self.loaded[number] = event.loaded;
          self.options.onProgress(self.received(), self.file.size);
        };
        xhr.onload = function () {
          delete self.requests[number];
          delete self.loaded[number];
          if (xhr.status >= 200 && xhr.status < 300) {
            self.done[number] = piece.size;
            self.failures = 0;
            self.options.onProgress(self.received(), self.file.size);
            self.next();
          } else {
            self.retry(new Error("part " + number + ": " + xhr.status));
          }
        };
        xhr.onerror = function () {
          delete self.requests[number];
          delete self.loaded[number];
          self.retry(new Error("network"));
        };
        xhr.send(piece);
      })
      .catch(function (error) {
        delete self.requests[number];
        self.trouble(error);
      });
  };

  // A dropped connection or a refused part: wait and go on; the bucket keeps what arrived.
  MultipartUpload.prototype.retry = function (error) {
    var self = this;
    if (self.stopped) return;
    if (self.failures >= RETRY_DELAYS.length) {
      self.abort();
      self.options.onError(error);
      return;
    }
    self.options.onRetry();
    var delay = RETRY_DELAYS[self.failures];
    self.failures += 1;
    window.setTimeout(function () {
      self.next();
    }, delay);
  };

  // Our server said no (a sentence to show) or could not be reached (try again).
  MultipartUpload.prototype.trouble = function (error) {
    if (error.refusal || (error.status && error.status < 500)) {
      this.abort();
      this.options.onError(error);
    } else {
      this.retry(error);
    }
  };

  MultipartUpload.prototype.finish = function () {
    var self = this;
    if (self.finishing) return;
    self.finishing = true;
    ask("POST", self.info.complete)
      .then(function () {
        self.options.onSuccess(self.info.token);
      })
      .catch(function (error) {
        self.finishing = false;
        self.trouble(error);
      });
  };

  function beginMultipart(file) {
    var resumable =
      text.resumeParts && text.resumeName === file.name && text.resumeSize === String(file.size);
    upload = new MultipartUpload(file, {
      endpoint: text.multipart,
      resumeParts: resumable ? text.resumeParts : "",
      onProgress: progress,
      onRetry: function () {
        say(text.textWaiting);
      },
      onError: function (error) {
        say(text.textFailed + " " + (error.refusal || text.textUnexpected));
        setPaused(true);
        submit.disabled = false;
      },
      onSuccess: function (token) {
        hidden.value = token;
        bar.value = 100;
        say(text.textHandingIn);
        form.submit();
      },
    });
    upload.start();
  }

  function begin(file) {
    if (text.multipart) {
      beginMultipart(file);
      return;
    }
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
