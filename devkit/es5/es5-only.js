// Runs first in Duktape: takes away every built-in ES5.1 lacks, so the device bundle meets the runtime the
// watch has (JerryScript, ES5.1). Duktape 2.7 also has parts of ES2015+ (Object.assign, startsWith,
// Symbol, typed arrays, Math.trunc...) which would let a stray call pass here and crash on the watch.
// An allowlist, not a blocklist: whatever Duktape has beyond ES5.1 goes, named or not.
// Kept on purpose: `name`, `length` and `prototype` of functions; Error.prototype's `stack`, `fileName`
// and `lineNumber` (Duktape's, read by duk-run for the error it reports); the harness's `print`.
// Promise would stay too (the device build's lib has es2015.promise), but Duktape has none to keep.
(function (global) {
  var functionParts = "name length prototype ";
  var allowed = [
    [
      "global",
      global,
      "NaN Infinity undefined eval parseInt parseFloat isNaN isFinite decodeURI decodeURIComponent encodeURI " +
        "encodeURIComponent escape unescape Object Function Array String Boolean Number Date RegExp Error " +
        "EvalError RangeError ReferenceError SyntaxError TypeError URIError Math JSON Promise print",
    ],
    [
      "Object",
      Object,
      functionParts +
        "getPrototypeOf getOwnPropertyDescriptor getOwnPropertyNames create defineProperty defineProperties seal " +
        "freeze preventExtensions isSealed isFrozen isExtensible keys",
    ],
    ["Object.prototype", Object.prototype, "constructor toString toLocaleString valueOf hasOwnProperty isPrototypeOf propertyIsEnumerable"],
    ["Function", Function, functionParts],
    ["Function.prototype", Function.prototype, "name length constructor toString apply call bind"],
    ["Array", Array, functionParts + "isArray"],
    [
      "Array.prototype",
      Array.prototype,
      "length constructor toString toLocaleString concat join pop push reverse shift slice sort splice unshift " +
        "indexOf lastIndexOf every some forEach map filter reduce reduceRight",
    ],
    ["String", String, functionParts + "fromCharCode"],
    [
      "String.prototype",
      String.prototype,
      "length constructor toString valueOf charAt charCodeAt concat indexOf lastIndexOf localeCompare match " +
        "replace search slice split substring toLowerCase toLocaleLowerCase toUpperCase toLocaleUpperCase trim substr",
    ],
    ["Boolean", Boolean, functionParts],
    ["Boolean.prototype", Boolean.prototype, "constructor toString valueOf"],
    ["Number", Number, functionParts + "MAX_VALUE MIN_VALUE NaN NEGATIVE_INFINITY POSITIVE_INFINITY"],
    ["Number.prototype", Number.prototype, "constructor toString toLocaleString valueOf toFixed toExponential toPrecision"],
    [
      "Math",
      Math,
      "E LN10 LN2 LOG2E LOG10E PI SQRT1_2 SQRT2 abs acos asin atan atan2 ceil cos exp floor log max min pow " + "random round sin sqrt tan",
    ],
    ["Date", Date, functionParts + "parse UTC now"],
    [
      "Date.prototype",
      Date.prototype,
      "constructor toString toDateString toTimeString toLocaleString toLocaleDateString toLocaleTimeString " +
        "valueOf getTime getFullYear getUTCFullYear getMonth getUTCMonth getDate getUTCDate getDay getUTCDay " +
        "getHours getUTCHours getMinutes getUTCMinutes getSeconds getUTCSeconds getMilliseconds " +
        "getUTCMilliseconds getTimezoneOffset setTime setMilliseconds setUTCMilliseconds setSeconds " +
        "setUTCSeconds setMinutes setUTCMinutes setHours setUTCHours setDate setUTCDate setMonth setUTCMonth " +
        "setFullYear setUTCFullYear toUTCString toISOString toJSON getYear setYear toGMTString",
    ],
    ["RegExp", RegExp, functionParts],
    // ES5 has source, global, ignoreCase, multiline and lastIndex on each regexp; Duktape reads them here.
    ["RegExp.prototype", RegExp.prototype, "constructor exec test toString source global ignoreCase multiline lastIndex"],
    ["Error", Error, functionParts],
    ["Error.prototype", Error.prototype, "constructor name message toString stack fileName lineNumber"],
    ["JSON", JSON, "parse stringify"],
  ];
  var errors = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
  for (var e = 0; e < errors.length; e++) {
    var name = errors[e].prototype.name;
    allowed.push([name, errors[e], functionParts]);
    allowed.push([name + ".prototype", errors[e].prototype, "constructor name message"]);
  }

  var removed = [];
  var stuck = [];
  for (var i = 0; i < allowed.length; i++) {
    var label = allowed[i][0];
    var target = allowed[i][1];
    var keep = " " + allowed[i][2] + " ";
    var names = Object.getOwnPropertyNames(target);
    for (var n = 0; n < names.length; n++) {
      if (keep.indexOf(" " + names[n] + " ") >= 0) continue;
      (delete target[names[n]] ? removed : stuck).push(label + "." + names[n]);
    }
  }
  print("es5-only: removed " + removed.join(" "));
  // Non-configurable constants (Number.EPSILON...) cannot go: the test checks the bundle names none.
  print("es5-only: cannot remove " + stuck.join(" "));
})(this);
