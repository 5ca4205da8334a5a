// Progressive enhancement only: every page reads fully without this file.

for (const item of document.querySelectorAll("[data-copy-link]")) {
  if (!navigator.clipboard) continue;
  const button = item.querySelector("button");
  const status = item.querySelector("[role=status]");
  item.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.url);
      status.textContent = "Link copied.";
    } catch {
      status.textContent = "Could not copy; copy the address from the address bar.";
    }
  });
}

// A form sent back with errors: move focus to the summary, which links to each field.
document.querySelector("[data-error-summary]")?.focus();
