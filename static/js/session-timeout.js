// §14 automatic log-out, with the warning WCAG 2.2.1 asks for.
// The server signs an idle session out whatever happens here (InactivityTimeoutMiddleware). This
// script warns before that, lets the person stay signed in, and when the time runs out saves their
// drafts and signs out, so that the sign-in page says why and brings them back to this page.
// It asks the server how long is left before it warns or signs out: another tab may have been used.
import { saveDraftsNow } from "./autosave.js";

const body = document.body;
const dialog = document.getElementById("session-timeout-dialog");

function describe(ms) {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds >= 60 && seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

function csrfToken(form) {
  const input = form.querySelector("input[name='csrfmiddlewaretoken']");
  if (input) return input.value;
  const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
  return cookie ? decodeURIComponent(cookie.split("=")[1]) : "";
}

function setUpTimeoutWarning() {
  const sessionUrl = body.dataset.sessionUrl;
  const warningMs = 1000 * Number(body.dataset.sessionWarningSeconds);
  const form = document.getElementById("session-timeout-form");
  const timeLeft = dialog.querySelector("[data-session-time-left]");
  const configuredText = timeLeft.textContent;
  // Sign out a moment before the server would, so that the last autosave reaches a live session.
  const marginMs = Math.min(1500, warningMs / 2);
  let timer = null;
  let lastCheck = Date.now();
  let lastInteraction = 0;

  // The seconds left, or null once the server has signed this session out.
  async function ask(method) {
    const response = await fetch(sessionUrl, {
      method,
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken(form) },
    });
    if (response.type === "opaqueredirect" || !response.ok) return null;
    const data = await response.json();
    return 1000 * data.seconds_left;
  }

  function wait(ms, next) {
    window.clearTimeout(timer);
    timer = window.setTimeout(next, Math.max(0, ms));
  }

  function schedule(msLeft) {
    if (msLeft > warningMs) wait(msLeft - warningMs, check);
    else warn(msLeft);
  }

  function showSignInPage() {
    // Signed out already (elsewhere, or while the computer slept): reloading shows the sign-in page.
    window.location.reload();
  }

  async function check() {
    let msLeft;
    try {
      msLeft = await ask("GET");
      // Typing or clicking without sending anything is activity too: tell the server.
      if (msLeft !== null && msLeft <= warningMs && lastInteraction > lastCheck) msLeft = await ask("POST");
    } catch (error) {
      wait(5000, check); // offline for a moment: the server keeps the time; ask again soon
      return;
    }
    lastCheck = Date.now();
    if (msLeft === null) showSignInPage();
    else schedule(msLeft);
  }

  function warn(msLeft) {
    timeLeft.textContent = Math.abs(msLeft - warningMs) < 2000 ? configuredText : describe(msLeft);
    if (!dialog.open) dialog.showModal();
    wait(msLeft - marginMs, runOut);
  }

  async function stay() {
    let msLeft;
    try {
      msLeft = await ask("POST");
    } catch (error) {
      return; // keep the warning open: the person can press the button again
    }
    if (msLeft === null) {
      showSignInPage();
      return;
    }
    dialog.close();
    lastCheck = Date.now();
    schedule(msLeft);
  }

  async function runOut() {
    let msLeft = 0;
    try {
      msLeft = await ask("GET");
    } catch (error) {
      msLeft = 0;
    }
    if (msLeft === null) {
      showSignInPage();
      return;
    }
    if (msLeft > warningMs) {
      // Used in another tab meanwhile.
      dialog.close();
      schedule(msLeft);
      return;
    }
    try {
      await saveDraftsNow();
    } catch (error) {
      // autosave.js keeps anything it could not send in this browser
    }
    for (const [name, value] of [["reason", "inactive"], ["next", window.location.pathname + window.location.search]]) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    form.submit();
  }

  dialog.querySelector("[data-session-stay]").addEventListener("click", stay);
  dialog.addEventListener("cancel", (event) => {
    // Escape: the same as "Stay signed in".
    event.preventDefault();
    stay();
  });
  for (const type of ["keydown", "pointerdown", "input"]) {
    document.addEventListener(type, () => { lastInteraction = Date.now(); }, { passive: true, capture: true });
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && !dialog.open) check();
  });
  schedule(1000 * Number(body.dataset.sessionSecondsLeft));
}

if (dialog && body.dataset.sessionUrl && typeof dialog.showModal === "function") setUpTimeoutWarning();
