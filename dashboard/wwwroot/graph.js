// Draws the network: every element with data-graph (JSON written by the network page: nodes with their
// place, laid out on the server, and edges) becomes a cytoscape.js graph. cytoscape (bundled with the app, no
// CDN) is loaded only by pages that have a graph. A live update rewrites data-graph and the graph follows (the
// server keeps the nodes that stay where they were); a click on a node opens its page. The prerendered page
// holds a still picture of the same drawing (NetworkPicture.razor), replaced by the interactive one once built.
// When the page goes live, Blazor replaces the prerendered element by its own: the drawing moves to the new
// element instead of being built again.
(() => {
  const cytoscapeUrl = document.currentScript.dataset.cytoscape;
  const startsBlazor = "startsBlazor" in document.currentScript.dataset;
  let library = null;
  const graphs = new WeakMap(); // element -> { cy, spec }
  let parked = null;             // { cy, spec, timer }: the drawing of an element just taken off the page

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
      "background-color": "data(colour)", "font-size": 9, "color": "#1a1a1a",
      "text-valign": "bottom", "text-margin-y": 2, "width": "data(size)", "height": "data(size)" } },
    { selector: "node.named", style: { "label": "data(label)" } },
    { selector: "node[shape]", style: { "shape": "data(shape)" } },
    { selector: "node.nodo", style: { "border-width": 3, "border-color": "#1a1a1a" } },
    { selector: "edge", style: { "width": "data(width)", "line-color": "#9aa5b1", "curve-style": "haystack", "opacity": 0.7 } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#0066cc" } },
  ];

  // The server places every node (NetworkLayout.cs); if it could not, cose (cytoscape's own force-directed layout)
  // with fewer rounds than its default, or beyond a couple of thousand nodes rings by number of ties.
  function layout(count, placed, randomize) {
    if (placed) return { name: "preset", fit: true, padding: 20 };
    return count > 2000
      ? { name: "concentric", animate: false, concentric: n => n.degree(), levelWidth: () => 2, minNodeSpacing: 4 }
      : { name: "cose", animate: false, randomize, numIter: 300, nodeRepulsion: () => 6000, idealEdgeLength: () => 40, componentSpacing: 40, gravity: 1.5 };
  }

  function elementsOf(nodes, edges) {
    return [
      ...nodes.map(n => ({ group: "nodes", data: n, classes: n.nodo ? "nodo" : "", position: n.x === undefined ? undefined : { x: n.x, y: n.y } })),
      ...edges.map(e => ({ group: "edges", data: e })),
    ];
  }

  // A live change: nodes that stay take their new place (the server moved them little), the others come and go.
  function update(cy, elements, placed) {
    const frame = cy.extent();
    const inFrame = box => box.x1 >= frame.x1 && box.x2 <= frame.x2 && box.y1 >= frame.y1 && box.y2 <= frame.y2;
    const seenWhole = cy.elements().empty() || inFrame(cy.elements().boundingBox());
    const wanted = new Set(elements.map(e => e.data.id));
    cy.batch(() => {
      cy.elements().filter(e => !wanted.has(e.id())).remove();
      for (const e of elements) {
        const there = cy.getElementById(e.data.id);
        if (there.empty()) { cy.add(e); continue; }
        there.data(e.data);
        there.classes(e.classes ?? "");
        if (e.position) there.position(e.position);
      }
      cy.nodes().toggleClass("named", cy.scratch("named") === true); // new classes dropped it
    });
    if (!placed) { cy.layout(layout(cy.nodes().length, false, false)).run(); name(cy); return; }
    // A reader who zoomed in keeps the zoom; a drawing seen whole stays whole.
    if (seenWhole && !inFrame(cy.elements().boundingBox())) cy.fit(undefined, 20);
  }

  // Names are drawn once they can be read (9 px at least 7 px on screen): a whole city fits the frame far smaller,
  // and measuring hundreds of labels nobody can read would cost the first drawing a good part of its time.
  const readable = 7 / 9;
  function name(cy) {
    const named = cy.zoom() >= readable;
    if (cy.scratch("named") === named) return;
    cy.scratch("named", named);
    cy.nodes().toggleClass("named", named);
  }

  function create(cytoscape, el, elements, count, placed) {
    performance.mark("aw-graph-start");
    // The still picture of the prerendered page (NetworkPicture.razor) gives way, and comes back if cytoscape fails.
    const picture = el.querySelector(".aw-graph-picture");
    picture?.remove();
    let cy;
    try { cy = cytoscape({ container: el, elements, style, layout: layout(count, placed, true) }); }
    catch (e) { if (picture) el.prepend(picture); throw e; }
    name(cy);
    cy.on("zoom", () => name(cy));
    performance.measure("aw-graph-layout", "aw-graph-start"); // read by the benchmark (bench/Scenarios/NetworkDraw.cs)
    cy.on("tap", "node", e => {
      const href = e.target.data("href");
      if (typeof href !== "string") return;
      const url = new URL(href, document.baseURI).href;
      if (window.Blazor?.navigateTo) window.Blazor.navigateTo(url); else location.assign(url);
    });
    return cy;
  }

  async function draw(el) {
    if (!el.isConnected || !el.getAttribute("data-graph")) return;
    let cytoscape;
    try { cytoscape = await load(); } catch { return; }
    // The server's still picture is painted first; the interactive drawing is built after that frame (a hidden
    // page paints nothing: it builds at once).
    if (el.querySelector(".aw-graph-picture") && document.visibilityState === "visible")
      await new Promise(painted => requestAnimationFrame(() => setTimeout(painted)));
    // Read after the wait: two changes during the download draw once, the latest.
    const spec = el.getAttribute("data-graph");
    const known = graphs.get(el);
    if (!el.isConnected || !spec || known?.spec === spec) return;
    const { nodes, edges } = JSON.parse(spec);
    if (!known && parked?.spec === spec) {
      // The element that had this drawing was replaced by one that shows the same (the page went live): move it here.
      clearTimeout(parked.timer);
      parked.cy.mount(el);
      graphs.set(el, { cy: parked.cy, spec });
      parked = null;
    } else {
      const elements = elementsOf(nodes, edges);
      const placed = nodes.every(n => n.x !== undefined);
      if (known) update(known.cy, elements, placed);
      graphs.set(el, { cy: known?.cy ?? create(cytoscape, el, elements, nodes.length, placed), spec });
    }
    // Marked once painted: cytoscape draws in the next animation frame, before this callback.
    requestAnimationFrame(() => {
      el.dataset.drawn = String(nodes.length);
      el.dataset.drawnVersion = el.dataset.version ?? "";
    });
  }

  // A graph taken off the page waits a moment for the element that replaces it; then it lets go of its canvas
  // and listeners (another page, another filter).
  function forget(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    for (const el of [root, ...root.querySelectorAll("[data-graph]")]) {
      const known = graphs.get(el);
      if (!known || el.isConnected) continue;
      graphs.delete(el);
      if (parked) { clearTimeout(parked.timer); parked.cy.destroy(); }
      const mine = { cy: known.cy, spec: known.spec };
      mine.timer = setTimeout(() => { if (parked === mine) { parked = null; mine.cy.destroy(); } }, 5000);
      parked = mine;
    }
  }

  function scan(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.hasAttribute("data-graph")) draw(root);
    root.querySelectorAll("[data-graph]").forEach(draw);
  }

  if (document.querySelector("[data-graph]")) load().catch(() => {}); // start the download with the page
  const first = [...document.querySelectorAll("[data-graph]")].map(draw);
  if (startsBlazor) {
    // A network page opened directly (App.razor: blazor.web.js comes first, with autostart="false"). Blazor boots
    // once the drawing is on screen, so the two do not compete for the main thread; after three seconds it
    // boots whatever became of the drawing.
    let started = false;
    const start = () => { if (started || !window.Blazor) return; started = true; window.Blazor.start(); };
    setTimeout(start, 3000);
    Promise.allSettled(first).then(() => document.visibilityState === "visible" ? requestAnimationFrame(() => setTimeout(start)) : start());
  }
  new MutationObserver(mutations => {
    for (const m of mutations) {
      if (m.type === "attributes") draw(m.target);
      else { m.addedNodes.forEach(scan); m.removedNodes.forEach(forget); }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-graph"] });
})();
