// Validates every .html file under a folder with html-validate (the
// recommended preset, see htmlvalidate.config.mjs) and exits non-zero on any
// error. Usage: node tests/browser/validate.mjs DIR [DIR …]
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { HtmlValidate, formatterFactory } from "html-validate";
import config from "./htmlvalidate.config.mjs";

function htmlFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...htmlFiles(path));
    else if (entry.name.endsWith(".html")) files.push(path);
  }
  return files.sort();
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: node validate.mjs DIR [DIR …]");
  process.exit(2);
}
const validator = new HtmlValidate(config);
const files = dirs.flatMap(htmlFiles);
if (files.length === 0) {
  console.error(`no .html files in ${dirs.join(", ")}`);
  process.exit(1);
}
const results = [];
let errors = 0;
let warnings = 0;
for (const file of files) {
  const report = await validator.validateFile(file);
  errors += report.errorCount;
  warnings += report.warningCount;
  results.push(...report.results);
}
if (results.length > 0) {
  console.log(formatterFactory("stylish")(results));
}
for (const dir of dirs) {
  for (const file of files.filter((f) => f.startsWith(dir))) {
    const mine = results.filter((r) => r.filePath === file);
    const n = mine.reduce((sum, r) => sum + r.errorCount, 0);
    console.log(`${n === 0 ? "ok    " : "FAIL  "} ${relative(dir, file)}${n ? `: ${n} errors` : ""}`);
  }
}
console.log(`html-validate: ${files.length} files, ${errors} errors, ${warnings} warnings`);
process.exit(errors === 0 ? 0 : 1);
