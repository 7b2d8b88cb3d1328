// Draws the charts: every element with data-plot (JSON {data, layout, config}, written by the chart
// components) becomes a plotly.js chart. Charts on screen are drawn first, the others one at a time when
// the browser is idle, so the first screen does not wait for the whole page. The figures come with the
// HTML, so a chart can be drawn before the page is live; a live update changes data-plot and the chart
// follows. plotly.js (the basic build, bundled with the app) is loaded only by pages that have charts.
// This script is loaded early from the head (async: it may run before, while or after the body is parsed; it sees
// the charts already there and those parsed after it). It runs plotly.js once the page is parsed and painted: the
// first screen's charts are on screen already as pictures (BarPicture), and plotly.js run earlier, a long task on the
// main thread, would hold up the parsing of the page behind them.
(() => {
  const plotlyUrl = document.currentScript.dataset.plotly;
  let plotly = null;
  const parsed = document.readyState === "loading"
    ? new Promise(resolve => document.addEventListener("DOMContentLoaded", resolve, { once: true }))
    : Promise.resolve();
  const painted = parsed.then(() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const waiting = new Set();   // charts not drawn yet
  const drawn = new WeakMap(); // chart -> the data-plot it shows

  function loadPlotly() {
    plotly ??= painted.then(() => new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = plotlyUrl;
      script.onload = () => resolve(window.Plotly);
      script.onerror = reject;
      document.head.appendChild(script);
    }));
    return plotly;
  }

  async function draw(el) {
    waiting.delete(el);
    onScreen.unobserve(el);
    const spec = el.getAttribute("data-plot");
    if (!el.isConnected || !spec || drawn.get(el) === spec) return;
    drawn.set(el, spec);
    const { data, layout, config } = JSON.parse(spec);
    const Plotly = await loadPlotly();
    await Plotly.react(el, data, layout, config);
    if (!el.dataset.linked) {
      // A bar whose point carries an address (customdata) opens the activities behind it.
      el.dataset.linked = "1";
      el.on("plotly_click", e => {
        const href = e.points?.[0]?.customdata;
        if (typeof href !== "string") return;
        const url = new URL(href, document.baseURI).href;
        if (window.Blazor?.navigateTo) window.Blazor.navigateTo(url); else location.assign(url);
      });
    }
  }

  const onScreen = new IntersectionObserver(entries => {
    for (const e of entries) if (e.isIntersecting) draw(e.target);
  }, { rootMargin: "200px 0px" });

  const idle = window.requestIdleCallback ?? (f => setTimeout(() => f({ timeRemaining: () => 10 }), 50));
  let idleQueued = false;
  function drawRestWhenIdle() {
    if (idleQueued || waiting.size === 0) return;
    idleQueued = true;
    idle(async () => {
      idleQueued = false;
      const next = waiting.values().next().value;
      if (next) await draw(next);
      drawRestWhenIdle();
    });
  }

  function track(el) {
    if (drawn.has(el)) { draw(el); return; } // its figures changed: redraw
    if (waiting.has(el)) return;
    waiting.add(el);
    onScreen.observe(el);
    drawRestWhenIdle();
  }

  function scan(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.hasAttribute("data-plot")) track(root);
    root.querySelectorAll("[data-plot]").forEach(track);
  }

  scan(document.documentElement);
  new MutationObserver(mutations => {
    for (const m of mutations) {
      if (m.type === "attributes") track(m.target);
      else m.addedNodes.forEach(scan);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-plot"] });
})();
