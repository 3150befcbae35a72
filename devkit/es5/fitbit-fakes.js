// The Fitbit platform the device bundle runs on, in ES5 for Duktape, built on the data the test puts
// above this file (devkit/es5/scripts.ts): VIEW, the elements of resources/index.view that have an id;
// WORDS, the messages of app/i18n/en-US.po; PROTOCOL_VERSION; TAP_PACE_MS. It offers the modules the
// bundle requires (document, messaging, i18n: any other fails loudly), the globals it uses (setTimeout,
// console, Date.now), and what the driver needs to act as the wearer and as the companion.
// Element semantics follow the model of the view the test fake and the preview share (devkit/fitbit-view),
// whose elements VIEW is read from: shown when neither it nor an ancestor has display "none"; taps only
// where pointer-events="visible"; a text holds at most its text-length.
var fitbit = (function () {
  var elements = {};
  var ids = [];

  function FakeElement(spec) {
    this.id = spec.id;
    this.type = spec.type;
    this.parentId = spec.parent;
    this.fixedHidden = spec.hidden;
    this.touch = spec.touch;
    this.capacity = spec.capacity;
    this.content = spec.text;
    this.style = { display: spec.display, visibility: spec.visibility, fill: spec.fill };
    this.onclick = null;
  }
  Object.defineProperty(FakeElement.prototype, "text", {
    get: function () {
      return this.content;
    },
    set: function (value) {
      if (this.type !== "text" && this.type !== "textarea") throw new Error("#" + this.id + " is a <" + this.type + ">, it has no text");
      var s = String(value);
      if (s.length > this.capacity) throw new Error("#" + this.id + " holds " + this.capacity + " characters, was given " + s.length);
      this.content = s;
    },
  });
  for (var i = 0; i < VIEW.length; i++) {
    elements[VIEW[i].id] = new FakeElement(VIEW[i]);
    ids.push(VIEW[i].id);
  }
  VIEW = null; // the elements have it all: the data need not weigh on the heap measured

  function element(id) {
    if (!elements.hasOwnProperty(id)) throw new Error("no element #" + id + " in index.view");
    return elements[id];
  }
  function shown(id) {
    for (var e = element(id); e; e = e.parentId === null ? null : elements[e.parentId])
      if (e.fixedHidden || e.style.display === "none" || e.style.visibility === "hidden") return false;
    return true;
  }

  var document = {
    getElementById: function (id) {
      return elements.hasOwnProperty(id) ? elements[id] : null;
    },
    onkeypress: null,
  };

  // peerSocket, with the constants and errors of Fitbit's messaging module. What the app sends is kept
  // as the JSON that would cross to the phone.
  var sent = [];
  var peerSocket = {
    CONNECTING: 0,
    OPEN: 1,
    CLOSING: 2,
    CLOSED: 3,
    MAX_MESSAGE_SIZE: 1027,
    bufferedAmount: 0,
    readyState: 3,
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    send: function (data) {
      if (this.readyState !== this.OPEN) throw new Error("peerSocket is not open");
      var json = JSON.stringify(data);
      if (json.length > this.MAX_MESSAGE_SIZE) throw new Error("message larger than MAX_MESSAGE_SIZE");
      sent.push(json);
    },
  };

  function gettext(id) {
    return (WORDS.hasOwnProperty(id) && WORDS[id]) || id;
  }

  var modules = {
    document: { default: document },
    messaging: { peerSocket: peerSocket },
    i18n: { gettext: gettext },
  };
  function require(name) {
    if (!modules.hasOwnProperty(name))
      throw new Error('the device bundle requires "' + name + '": devkit/es5/fitbit-fakes.js has no fake of that module');
    return modules[name];
  }

  // Timers wait in a queue until the driver runs them: no real time passes.
  var timers = [];
  var nextTimer = 1;
  setTimeout = function (callback, ms) {
    timers.push({ id: nextTimer, callback: callback, ms: ms });
    return nextTimer++;
  };
  clearTimeout = function (id) {
    for (var t = 0; t < timers.length; t++) if (timers[t].id === id) timers.splice(t, 1);
  };

  // The device's clock, moved on only by the wearer: each tap comes TAP_PACE_MS after the one before, as
  // from a wearer who looks at each new screen before tapping it (the app ignores taps on a screen shown
  // for less than its guard: core/watch/state.ts), unless the driver taps quickly. No real time passes.
  var clock = Date.now();
  Date.now = function () {
    return clock;
  };

  var logs = [];
  function log() {
    var line = Array.prototype.join.call(arguments, " ");
    logs.push(line);
    print("log " + line);
  }
  console = { log: log, info: log, warn: log, error: log };

  return {
    /** Evaluates a CommonJS module function (the bundle, wrapped) with this platform's `require`. */
    run: function (moduleFunction) {
      var module = { exports: {} };
      moduleFunction.call(module.exports, module, module.exports, require);
      return module.exports;
    },
    sent: sent,
    logs: logs,
    runTimers: function () {
      var due = timers.splice(0, timers.length);
      for (var t = 0; t < due.length; t++) due[t].callback();
    },
    /** The wearer: taps, the back button, what the screen shows. */
    wearer: {
      /** Taps `id` TAP_PACE_MS after the tap before, or at once when `quick` (a double tap's second). */
      tap: function (id, quick) {
        var e = element(id);
        if (!shown(id)) throw new Error("#" + id + " is not shown");
        if (!e.touch) throw new Error("#" + id + " does not take touches (pointer-events)");
        if (!e.onclick) throw new Error("#" + id + " has no handler");
        if (!quick) clock += TAP_PACE_MS;
        e.onclick({ type: "click" });
      },
      /** Presses a physical button; true when the app kept it (preventDefault). */
      press: function (key) {
        var prevented = false;
        if (document.onkeypress)
          document.onkeypress({
            key: key,
            preventDefault: function () {
              prevented = true;
            },
          });
        return prevented;
      },
      shown: shown,
      text: function (id) {
        return element(id).text;
      },
      fill: function (id) {
        return element(id).style.fill;
      },
      ids: ids,
      /** The name of the one screen group shown ("screen-signedOut" → "signedOut"); throws unless exactly one is. */
      screen: function () {
        var on = [];
        for (var s = 0; s < ids.length; s++) if (ids[s].indexOf("screen-") === 0 && shown(ids[s])) on.push(ids[s].substring(7));
        if (on.length !== 1) throw new Error(on.length + " screens shown: " + on.join(", "));
        return on[0];
      },
      /** Every shown text, for a failure message. */
      visibleTexts: function () {
        var out = [];
        for (var s = 0; s < ids.length; s++) {
          var e = elements[ids[s]];
          if ((e.type === "text" || e.type === "textarea") && shown(ids[s]) && e.text.replace(/\s+/g, "") !== "") out.push(e.text);
        }
        return out.join(" | ");
      },
    },
    /** The companion's end of the socket. */
    phone: {
      open: function () {
        peerSocket.readyState = peerSocket.OPEN;
        if (peerSocket.onopen) peerSocket.onopen({ type: "open" });
      },
      close: function () {
        peerSocket.readyState = peerSocket.CLOSED;
        if (peerSocket.onclose) peerSocket.onclose({ type: "close", code: 1006, reason: "", wasClean: false });
      },
      /** Sends `message` as the companion would: versioned, as JSON crosses the link. */
      send: function (message) {
        var wire = { v: PROTOCOL_VERSION };
        for (var k in message) if (message.hasOwnProperty(k)) wire[k] = message[k];
        if (peerSocket.onmessage) peerSocket.onmessage({ type: "message", data: JSON.parse(JSON.stringify(wire)) });
      },
      /** Delivers data as it is, version or not. */
      sendRaw: function (data) {
        if (peerSocket.onmessage) peerSocket.onmessage({ type: "message", data: data });
      },
    },
  };
})();
