// html-validate configuration for every HTML file the build writes
// (tests/browser/validate.mjs): the recommended preset, `long-title` on
// (titles fit a tab and a search result: src/render/titel.rs), and one
// exception:
//
// - prefer-native-element: not for `heading`. In the annex an action's
//   title is a heading (for the PDF's bookmarks and a screen reader's list of
//   headings) inside the row header of the actions table, and a <th> may not
//   hold an <h4>: there `role="heading" aria-level="4"` is the native way.
import { defineConfig } from "html-validate";

export default defineConfig({
  root: true,
  extends: ["html-validate:recommended"],
  rules: {
    "long-title": ["error", { maxlength: 70 }],
    "prefer-native-element": ["error", { exclude: ["heading"] }],
  },
});
