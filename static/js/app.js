// Enhancements only: every page works without JavaScript.
import { initAll as initGovuk } from "../build/govuk-frontend.min.js";
import { initAll as initMoj } from "../build/moj-frontend.min.js";
import "./autosave.js";
import "./plain_english.js";
import "./session-timeout.js";
import "./pdf_progress.js";
import "./wide-tables.js";

initGovuk();
initMoj();
