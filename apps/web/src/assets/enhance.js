// Respire public pages: optional improvements. Every page works without this file.
(function () {
  'use strict';

  // GOV.UK error summary: move focus to it so screen readers announce the problems first.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // One click sends a form once (a second one would only repeat the same answer).
  document.querySelectorAll('form').forEach(function (form) {
    form.addEventListener('submit', function () {
      var button = form.querySelector('[data-prevent-double-click]');
      if (!button) return;
      if (form.dataset.sent) return;
      form.dataset.sent = 'yes';
      setTimeout(function () {
        button.disabled = true;
      }, 0);
    });
  });

  // The registration form says how many dates are ticked.
  var registration = document.querySelector('[data-registration-form]');
  var count = document.querySelector('[data-selection-count]');
  if (registration && count) {
    var boxes = registration.querySelectorAll('input[name="sessionIds"]');
    var update = function () {
      var n = 0;
      boxes.forEach(function (box) {
        if (box.checked) n += 1;
      });
      count.textContent =
        n === 0 ? 'Aucune date choisie' : n === 1 ? '1 date choisie' : n + ' dates choisies';
    };
    count.hidden = false;
    boxes.forEach(function (box) {
      box.addEventListener('change', update);
    });
    update();
  }

  // Inside a CPTS's site (the embed snippet), tell the frame how tall the page is.
  if (document.body.classList.contains('embedded') && window.parent !== window) {
    var send = function () {
      window.parent.postMessage(
        { type: 'respire:height', height: document.documentElement.scrollHeight },
        '*',
      );
    };
    if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
    window.addEventListener('load', send);
    send();
  }
})();
