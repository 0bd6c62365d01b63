// §11: the plain English advice beside the write-up follows the text as it is typed, without saving it.
// A short pause after the last key press sends the answers to the advice address (the same checks as
// the write-up page) and shows the advice it returns. Without JavaScript the advice shows after saving.

const PAUSE_MS = 600;

function setUpAdvice(form) {
  const url = form.dataset.adviceUrl;
  const panel = document.getElementById("plain-english-guidance");
  if (!url || !panel) return;
  let timer = null;
  let asked = 0;

  async function ask() {
    const mine = ++asked;
    try {
      const response = await fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "plain-english" },
        redirect: "manual",
      });
      if (!response.ok || mine !== asked) return; // an older answer arriving late is dropped
      const data = await response.json();
      // Server-rendered, escaped by Django's templates: the same panel the page shows after a save.
      if (data.guidance_html) panel.innerHTML = data.guidance_html;
    } catch (error) {
      // No advice this time: the advice is still shown after saving.
    }
  }

  form.addEventListener("submit", () => {
    window.clearTimeout(timer); // the page the form goes to shows the advice itself
    asked += 1;
  });
  form.addEventListener("input", (event) => {
    if (!event.target.matches("textarea, input[type='text']")) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, PAUSE_MS);
  });
}

document.querySelectorAll("form[data-advice-url]").forEach(setUpAdvice);
