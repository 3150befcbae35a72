#!/usr/bin/env node
"use strict";
require("../scripts/register-ts.js");
require("../cli/main.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
