// Fonts come with the app (bootstrap-italia bundled at build time), never from a CDN.
if (window.bootstrap && typeof window.bootstrap.loadFonts === "function") {
  window.bootstrap.loadFonts("/lib/bootstrap-italia/fonts");
}
