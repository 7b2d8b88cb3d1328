// Fonts come with the app (bootstrap-italia bundled at build time), never from a CDN.
if (window.bootstrap && typeof window.bootstrap.loadFonts === "function") {
  window.bootstrap.loadFonts("/lib/bootstrap-italia/fonts");
}

// A live page asks to be told when it cannot be seen (another tab, a minimised window) and when it can again: hidden,
// it keeps the newest figures without re-rendering its charts for nobody, and shows them as soon as it is seen.
window.aw = window.aw || {};
window.aw.followVisibility = component => {
  const tell = () => component.invokeMethodAsync("VisibilityChanged", document.hidden)
    .catch(() => document.removeEventListener("visibilitychange", tell)); // the component is gone
  document.addEventListener("visibilitychange", tell);
  if (document.hidden) tell();
};
