#!/usr/bin/env node
// `npm start`: a local Cognito sandbox and the browser preview of the watch (preview/README.md).
"use strict";
require("./register-ts");
require("../preview/server/main.ts")
  .main(process.argv.slice(2))
  .catch((err) => {
    console.error(`npm start: ${err && err.message}`);
    process.exit(1);
  });
