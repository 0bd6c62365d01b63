// Builds static/build/ from node_modules: compiled CSS, the two ES modules, images.
// Run by `npm run build` from `make run` and `make test`; static/build/ is never committed.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const moj = join(root, "node_modules", "@ministryofjustice", "frontend", "moj");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "assets"), { recursive: true });

const result = sass.compile(join(root, "static", "scss", "app.scss"), {
  loadPaths: [root],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(join(out, "app.css"), result.css);

// Images only: the GDS Transport fonts in assets/fonts are not ours to use.
cpSync(join(govuk, "assets", "images"), join(out, "assets", "images"), { recursive: true });
cpSync(join(govuk, "assets", "manifest.json"), join(out, "assets", "manifest.json"));
cpSync(join(moj, "assets", "images"), join(out, "assets", "images"), { recursive: true });
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(moj, "moj-frontend.min.js"), join(out, "moj-frontend.min.js"));
console.log("static/build ready");
