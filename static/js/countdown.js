// The call's countdown: days, hours and minutes until the closing moment (an ISO time with its
// offset, so the visitor's own clock zone does not matter). Served as a file of ours: the
// Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  function render(element) {
    var left = Date.parse(element.dataset.closes) - Date.now();
    if (!(left > 0)) {
      element.textContent = element.dataset.closed;
      return false;
    }
    var minutes = Math.floor(left / 60000);
    element.textContent = element.dataset.template
      .replace("DAYS", String(Math.floor(minutes / 1440)))
      .replace("HOURS", String(Math.floor((minutes % 1440) / 60)))
      .replace("MINUTES", String(minutes % 60));
    return true;
  }
  document.querySelectorAll(".call-countdown[data-closes]").forEach(function (element) {
    if (render(element)) {
      var timer = setInterval(function () {
        if (!render(element)) clearInterval(timer);
      }, 30000);
    }
  });
})();
