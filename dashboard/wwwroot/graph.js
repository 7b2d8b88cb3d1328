// Draws the network: every element with data-graph (JSON written by the network page: nodes, edges, the
// colour of each group) becomes a cytoscape.js graph. cytoscape (bundled with the app, no CDN) is loaded only
// by pages that have a graph. A live update rewrites data-graph and the graph follows, keeping where the
// nodes that stay were; a click on a node opens its page.
(() => {
  const cytoscapeUrl = document.currentScript.dataset.cytoscape;
  let library = null;
  const graphs = new WeakMap(); // element -> { cy, spec }

  function load() {
    library ??= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = cytoscapeUrl;
      script.onload = () => resolve(window.cytoscape);
      script.onerror = () => { library = null; script.remove(); reject(new Error("cytoscape.js did not load")); }; // the next draw tries again
      document.head.appendChild(script);
    });
    return library;
  }

  const style = [
    { selector: "node", style: {
      "background-color": "data(colour)", "label": "data(label)", "font-size": 9, "color": "#1a1a1a",
      "text-valign": "bottom", "text-margin-y": 2, "width": "data(size)", "height": "data(size)",
      "text-max-width": 120, "text-wrap": "ellipsis", "min-zoomed-font-size": 7 } },
    { selector: "node[shape]", style: { "shape": "data(shape)" } },
    { selector: "node.nodo", style: { "border-width": 3, "border-color": "#1a1a1a" } },
    { selector: "edge", style: { "width": "data(width)", "line-color": "#9aa5b1", "curve-style": "haystack", "opacity": 0.7 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#0066cc" } },
  ];

  // cose (cytoscape's own force-directed layout) with fewer rounds than its default: a network of a few hundred
  // nodes settles in well under a second; beyond a couple of thousand nodes, rings by number of ties instead.
  function layout(count, randomize) {
    return count > 2000
      ? { name: "concentric", animate: false, concentric: n => n.degree(), levelWidth: () => 2, minNodeSpacing: 4 }
      : { name: "cose", animate: false, randomize, numIter: 300, nodeRepulsion: () => 6000, idealEdgeLength: () => 40, componentSpacing: 40, gravity: 1.5 };
  }

  async function draw(el) {
    if (!el.isConnected || !el.getAttribute("data-graph")) return;
    let cytoscape;
    try { cytoscape = await load(); } catch { return; }
    // Read after the wait: two changes during the download draw once, the latest.
    const spec = el.getAttribute("data-graph");
    const known = graphs.get(el);
    if (!el.isConnected || !spec || known?.spec === spec) return;
    const { nodes, edges } = JSON.parse(spec);
    const elements = [
      ...nodes.map(n => ({ group: "nodes", data: n, classes: n.nodo ? "nodo" : "" })),
      ...edges.map(e => ({ group: "edges", data: e })),
    ];
    if (known) {
      // A live change: the nodes that stay keep their place; new ones are laid out around them.
      const cy = known.cy;
      const wanted = new Set(elements.map(e => e.data.id));
      cy.batch(() => {
        cy.elements().filter(e => !wanted.has(e.id())).remove();
        for (const e of elements) {
          const there = cy.getElementById(e.data.id);
          if (there.nonempty()) { there.data(e.data); there.classes(e.classes ?? ""); } else cy.add(e);
        }
      });
      cy.layout(layout(cy.nodes().length, false)).run();
      graphs.set(el, { cy, spec });
    } else {
      performance.mark("aw-graph-start");
      const cy = cytoscape({ container: el, elements, style, layout: layout(nodes.length, true) });
      performance.measure("aw-graph-layout", "aw-graph-start"); // read by the benchmark (bench/Scenarios/NetworkDraw.cs)
      cy.on("tap", "node", e => {
        const href = e.target.data("href");
        if (typeof href !== "string") return;
        const url = new URL(href, document.baseURI).href;
        if (window.Blazor?.navigateTo) window.Blazor.navigateTo(url); else location.assign(url);
      });
      graphs.set(el, { cy, spec });
    }
    el.dataset.drawn = String(nodes.length);
    el.dataset.drawnVersion = el.dataset.version ?? "";
  }

  // A graph taken off the page (another page, another filter) lets go of its canvas and listeners.
  function forget(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    for (const el of [root, ...root.querySelectorAll("[data-graph]")]) {
      const known = graphs.get(el);
      if (known && !el.isConnected) { known.cy.destroy(); graphs.delete(el); }
    }
  }

  function scan(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.hasAttribute("data-graph")) draw(root);
    root.querySelectorAll("[data-graph]").forEach(draw);
  }

  if (document.querySelector("[data-graph]")) load().catch(() => {}); // start the download with the page
  scan(document.body);
  new MutationObserver(mutations => {
    for (const m of mutations) {
      if (m.type === "attributes") draw(m.target);
      else { m.addedNodes.forEach(scan); m.removedNodes.forEach(forget); }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-graph"] });
})();
