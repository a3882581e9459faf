// The page of an import whose file is still being read: every few seconds, fetch the page again
// and update how far it has got in place (a live region, so screen readers hear it), then load the
// page once the file has been read. Reloading the page by itself (a meta refresh) would take the
// reader's place away every time (WCAG 2.2.1). Without JavaScript, the "Check again" link does this.
const EVERY_MS = 3000;
const status = document.querySelector("[data-import-status]");

async function check() {
  try {
    const reply = await fetch(window.location.href, { cache: "no-store", credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await reply.text(), "text/html");
    const fresh = page.querySelector("[data-import-status]");
    if (!reply.ok || !fresh) {
      window.location.reload(); // read, failed, or signed out: show that page
      return;
    }
    if (fresh.textContent !== status.textContent) status.textContent = fresh.textContent;
    const bar = document.querySelector("progress[data-import-progress]");
    const freshBar = page.querySelector("progress[data-import-progress]");
    if (bar && freshBar) {
      bar.value = freshBar.value;
      bar.textContent = freshBar.textContent;
    }
  } catch {
    // The server may be restarting: try again at the next turn.
  }
  window.setTimeout(check, EVERY_MS);
}

if (status) window.setTimeout(check, EVERY_MS);
