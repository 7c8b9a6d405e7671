#!/usr/bin/env node
// The `irl` command. `npm ci` compiles the TypeScript sources into dist/ (the `prepare` script).
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
