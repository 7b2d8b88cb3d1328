// Fonts come with the app (bootstrap-italia bundled at build time), never from a CDN.
if (window.bootstrap && typeof window.bootstrap.loadFonts === "function") {
  window.bootstrap.loadFonts("/lib/bootstrap-italia/fonts");
}

// A live page asks to be told when it cannot be seen (another tab, a minimised window) and when it can again: hidden,
// it keeps the newest figures without re-rendering its charts for nobody, and shows them as soon as it is seen.
// A word lost while the page reconnects does no harm: the page's circuit takes a reconnected page as seen.
window.aw = window.aw || {};
(() => {
  const followers = new Map();
  let next = 0;
  window.aw.followVisibility = component => {
    const tell = () => { window.aw.told = component.invokeMethodAsync("VisibilityChanged", document.hidden).catch(() => {}); };
    document.addEventListener("visibilitychange", tell);
    if (document.hidden) tell();
    followers.set(++next, tell);
    return next;
  };
  window.aw.unfollowVisibility = id => {
    document.removeEventListener("visibilitychange", followers.get(id));
    followers.delete(id);
  };
})();
