// Never lose typed work: while a practitioner writes, send the form to the server every 30 seconds
// and when the page is hidden or left. The server keeps the latest text for this user and entry;
// signing in again after an automatic sign-out, a crash or a closed tab brings it back.
// Without JavaScript the page still works: "Save draft" posts the same form.

function setUpAutosave(form) {
  const url = form.dataset.autosaveUrl;
  const everyMs = 1000 * Number(form.dataset.autosaveSeconds || 30);
  const status = document.getElementById("autosave-status");
  const versionInput = form.querySelector("input[name='autosave_version']");
  const conflict = document.getElementById("autosave-conflict");
  let lastSent = snapshot();
  let stopped = false;

  function snapshot() {
    return new URLSearchParams(new FormData(form)).toString();
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  function keepLocally() {
    try {
      window.localStorage.setItem(`casework-autosave:${url}`, snapshot());
    } catch (error) {
      // Private browsing or a full store: the server copy is the one that matters.
    }
  }

  async function save() {
    if (stopped) return;
    const body = snapshot();
    if (body === lastSent) return;
    try {
      const response = await fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "autosave" },
        redirect: "manual",
      });
      if (response.ok) {
        const data = await response.json();
        versionInput.value = data.version;
        lastSent = body;
        say(`Draft saved at ${data.saved_at}`);
        const guidance = document.getElementById("plain-english-guidance");
        // Server-rendered, escaped by Django's templates: the same panel the page shows after a save.
        if (guidance && data.guidance_html) guidance.innerHTML = data.guidance_html;
      } else if (response.status === 409) {
        const data = await response.json();
        stopped = true;
        keepLocally();
        if (conflict) {
          conflict.hidden = false;
          conflict.querySelector("[data-message]").textContent = data.message;
        }
        say(data.message);
      } else {
        keepLocally();
        say("Your draft could not be saved: you may have been signed out. Sign in again: your text up to the last save is kept.");
      }
    } catch (error) {
      keepLocally();
      say("Your draft could not be saved just now. We will keep trying.");
    }
  }

  function saveOnLeaving() {
    if (stopped || snapshot() === lastSent) return;
    keepLocally();
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url, new FormData(form));
      lastSent = snapshot();
    }
  }

  window.setInterval(save, everyMs);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveOnLeaving();
  });
  window.addEventListener("pagehide", saveOnLeaving);
  form.addEventListener("submit", () => {
    stopped = true;
  });
  say(`Your draft is saved automatically every ${everyMs / 1000} seconds.`);
  return save;
}

const savers = Array.from(document.querySelectorAll("form[data-autosave-url]"), setUpAutosave);

// Send every draft on the page to the server now (used before the automatic sign-out, §14).
// Resolves when each has been sent, or has failed and been kept in this browser.
export function saveDraftsNow() {
  return Promise.all(savers.map((save) => save()));
}
