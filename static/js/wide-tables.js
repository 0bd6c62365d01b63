// On a phone a wide table scrolls sideways inside itself (the CSS does that without JavaScript).
// Here it is wrapped in a region named by its caption, focusable while it scrolls, so it can be
// scrolled from the keyboard too; the table keeps its table semantics for screen readers.
function wrapWideTables() {
  for (const table of document.querySelectorAll("table.govuk-table")) {
    let wrapper = table.parentElement;
    if (!wrapper.classList.contains("cw-table-scroll")) {
      wrapper = document.createElement("div");
      wrapper.className = "cw-table-scroll";
      table.before(wrapper);
      wrapper.append(table);
    }
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
      const caption = table.querySelector("caption");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) wrapper.removeAttribute(name);
    }
  }
}

wrapWideTables();
window.addEventListener("resize", wrapWideTables);
