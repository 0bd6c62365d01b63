// While a PDF is prepared, ask the server how far it has got and say so on the page; reload the
// page once it is ready (or has failed), so the server draws the download button.
// Without JavaScript the page still works: "Check again" reloads it.

const EVERY_MS = 3000;
const GIVE_UP_AFTER = 400; // about 20 minutes: the "Check again" button is still there

function followProgress(container) {
  const url = container.dataset.pdfProgressUrl;
  const message = document.getElementById("pdf-message");
  const status = document.getElementById("pdf-status");

  let checks = 0;

  async function check() {
    checks += 1;
    if (checks > GIVE_UP_AFTER) return;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const job = await response.json();
      if (job.finished) {
        window.location.reload();
        return;
      }
      if (message) message.textContent = job.message;
      if (status) status.textContent = job.status_label;
    } catch (error) {
      // Offline for a moment: try again next time.
    }
    window.setTimeout(check, EVERY_MS);
  }

  window.setTimeout(check, EVERY_MS);
}

document.querySelectorAll("[data-pdf-progress-url]").forEach(followProgress);
