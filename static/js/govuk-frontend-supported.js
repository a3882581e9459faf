// Tell GOV.UK Frontend's styles that JavaScript runs, and whether the browser supports its
// components (ES modules), before the page is drawn. A file rather than the usual inline snippet:
// the Content-Security-Policy refuses every inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
