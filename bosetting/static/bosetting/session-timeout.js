// «Forlenge økten?»: two minutes before the session ends, a modal dialog says how long is left
// and offers to extend it (a POST that the server counts as activity) or to log out. When the
// 120-minute limit comes first, it says the session cannot be extended. The server tells the
// page how long is left (data attributes on <body>); without this script nothing changes, and
// forms posted after the end still keep what was typed (docs/adr/0011).
(function () {
  "use strict";

  var body = document.body;
  var dialog = document.getElementById("session-dialog");
  var url = body.dataset.sessionUrl;
  if (!dialog || !url || typeof dialog.showModal !== "function" || !window.fetch) {
    return;
  }
  var warningMs = Number(body.dataset.sessionWarningSeconds) * 1000;
  var csrfInput = dialog.querySelector("input[name=csrfmiddlewaretoken]");
  var statusRegion = dialog.querySelector("[data-session-status]");
  // Outside the dialog, so that what it says is heard after the dialog has closed.
  var afterRegion = document.querySelector("[data-session-after]");
  var idleEndsAt = 0;
  var absoluteEndsAt = 0;
  var timer = null;
  var state = null;
  var announcedMinute = false;
  var returnFocusTo = null;
  // The state in which the user closed the dialog: it does not open again until that changes.
  var dismissed = null;

  function setTimes(times) {
    var now = Date.now();
    idleEndsAt = now + times.idle_seconds * 1000;
    absoluteEndsAt = now + times.absolute_seconds * 1000;
  }

  function endsAt() {
    return Math.min(idleEndsAt, absoluteEndsAt);
  }

  function extendable() {
    return idleEndsAt < absoluteEndsAt;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function formatLeft(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    var d = dialog.dataset;
    var parts = [];
    if (minutes) {
      parts.push(plural(minutes, d.minute, d.minutes));
    }
    if (seconds || !minutes) {
      parts.push(plural(seconds, d.second, d.seconds));
    }
    return parts.join(" " + d.and + " ");
  }

  function announce(text) {
    statusRegion.textContent = text;
  }

  function show(newState) {
    state = newState;
    dialog.querySelectorAll("[data-session-part]").forEach(function (element) {
      var part = element.dataset.sessionPart;
      var visible =
        part === state ||
        (part === "warning" && state !== "expired") ||
        (part === "closable" && state !== "extendable");
      element.hidden = !visible;
    });
  }

  function render() {
    var left = endsAt() - Date.now();
    dialog.querySelectorAll("[data-session-remaining]").forEach(function (element) {
      element.textContent = formatLeft(left);
    });
    if (left <= 60000 && !announcedMinute) {
      announcedMinute = true;
      announce(dialog.dataset.announceMinute);
    }
  }

  // Where focus goes in each state: the answer the user most likely wants.
  var FOCUS = {
    extendable: "[data-session-extend]",
    final: "[data-session-close]",
    expired: "a[data-session-part=expired]",
  };

  function open(newState) {
    var changed = newState !== state;
    if (changed) {
      show(newState);
    }
    render();
    if (!dialog.open) {
      returnFocusTo = document.activeElement;
      dialog.showModal();
    } else if (!changed) {
      return;
    }
    dialog.querySelector(FOCUS[state]).focus();
  }

  function close() {
    dismissed = state;
    if (dialog.open) {
      dialog.close();
    }
    if (returnFocusTo && document.contains(returnFocusTo) && returnFocusTo.focus) {
      returnFocusTo.focus();
    }
    returnFocusTo = null;
  }

  function expired() {
    clearTimeout(timer);
    if (dismissed !== "expired") {
      open("expired");
      announce(dialog.dataset.announceExpired);
    }
  }

  // The server's answer, or null once the session is gone (the login redirect is not followed).
  function ask(method) {
    var headers = { Accept: "application/json" };
    if (method === "POST") {
      headers["X-CSRFToken"] = csrfInput ? csrfInput.value : "";
    }
    return fetch(url, {
      method: method,
      headers: headers,
      credentials: "same-origin",
      redirect: "manual",
    }).then(
      function (response) {
        return response.ok ? response.json() : null;
      },
      function () {
        return null;
      }
    );
  }

  function schedule() {
    clearTimeout(timer);
    var left = endsAt() - Date.now();
    if (left <= 0) {
      // Another tab may have kept the session alive; only the server knows.
      ask("GET").then(function (times) {
        if (times && times.seconds > 0) {
          update(times);
        } else {
          expired();
        }
      });
      return;
    }
    if (left > warningMs) {
      timer = setTimeout(check, left - warningMs);
      return;
    }
    var wanted = extendable() ? "extendable" : "final";
    if (dismissed !== wanted) {
      open(wanted);
    }
    render();
    timer = setTimeout(schedule, Math.min(1000, left));
  }

  function update(times) {
    setTimes(times);
    if (endsAt() - Date.now() > warningMs) {
      // Kept alive elsewhere (another tab): no warning is due any more.
      if (dialog.open) {
        close();
      }
      dismissed = null;
    }
    schedule();
  }

  // Before warning, ask how long is really left: activity in another tab counts too. Asking is
  // not activity, so it cannot keep an idle session alive.
  function check() {
    ask("GET").then(function (times) {
      if (times) {
        update(times);
      } else {
        expired();
      }
    });
  }

  function extend() {
    ask("POST").then(function (times) {
      if (!times) {
        expired();
        return;
      }
      setTimes(times);
      announcedMinute = false;
      close();
      dismissed = null;
      afterRegion.textContent = dialog.dataset.announceExtended;
      schedule();
    });
  }

  dialog.querySelector("[data-session-extend]").addEventListener("click", extend);
  dialog.querySelector("[data-session-close]").addEventListener("click", close);
  // Escape: a user who is there to press it wants to go on, so it extends when that is possible.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    if (state === "extendable") {
      extend();
    } else {
      close();
    }
  });
  // Timers in a hidden tab are slowed down; look again when the tab is shown.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && state !== "expired") {
      check();
    }
  });

  setTimes({
    idle_seconds: Number(body.dataset.sessionIdleSeconds),
    absolute_seconds: Number(body.dataset.sessionAbsoluteSeconds),
  });
  schedule();
})();
