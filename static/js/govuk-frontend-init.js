// Start GOV.UK Frontend's components. Loaded by base.html as a module, so only where the
// components are supported, and before the page's DOMContentLoaded. A file rather than the usual
// inline snippet: the Content-Security-Policy refuses every inline script.
//
// The relative address is the library's unversioned name (collectstatic keeps it beside the
// versioned copy), and the one name every page uses for it, so it loads once.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();
