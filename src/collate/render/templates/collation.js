"use strict";
(function () {
  const units = JSON.parse(document.getElementById("units-data").textContent);
  const table = JSON.parse(document.getElementById("table-data").textContent);
  const order = new Map(units.map((u, i) => [u.id, i]));
  // the filters the page opens with unticked (differences of layout alone, unless included)
  const hidden = new Set([...document.querySelectorAll("input[data-filter]:not(:checked)")].map((b) => b.dataset.filter));
  // the body's classes follow the boxes, should a browser restore a box's state on reload
  for (const box of document.querySelectorAll("input[data-filter]")) document.body.classList.toggle(`hide-${box.dataset.filter}`, !box.checked);
  const views = [...document.querySelectorAll("[data-view]")].map((b) => document.getElementById(b.dataset.view));
  const status = document.getElementById("status");
  const sigla = table.sigla;
  const cols = table.cols;
  const WINDOW = 400; // table columns drawn at a time
  let current = -1;
  let tableStart = 0;
  let reference = table.base; // the witness the heat map reads (the file's base at first)
  const byUnit = new Map(); // unit id -> the elements the server drew for it
  for (const el of document.querySelectorAll("[data-unit]")) {
    const id = el.dataset.unit;
    if (!byUnit.has(id)) byUnit.set(id, []);
    byUnit.get(id).push(el);
  }
  const heatByUnit = new Map();
  let selectedElements = [];
  const firstColumn = new Map(); // unit index -> its first word column
  cols.forEach((c, i) => { if (c[0] >= 0 && !firstColumn.has(c[0])) firstColumn.set(c[0], i); });

  function cell(column, witness) { const c = column[2]; return typeof c === "string" ? c : c[witness]; }
  function isHidden(unit) { return hidden.has(unit.type) || hidden.has(`c-${unit.class}`); }
  function activeView() { return views.find((v) => !v.hidden); }
  function marked(id) {
    const body = document.getElementById("table-body");
    const inTable = body ? body.querySelectorAll(`[data-unit="${CSS.escape(id)}"]`) : [];
    return [...(byUnit.get(id) || []), ...(heatByUnit.get(id) || []), ...inTable];
  }

  function select(index, scroll) {
    for (const el of selectedElements) el.classList.remove("selected");
    selectedElements = [];
    current = index;
    const cursor = document.getElementById("cursor");
    if (index < 0) { status.textContent = ""; cursor.hidden = true; drawGraph(); return; }
    const unit = units[index];
    if (activeView().id === "table") showTableAt(firstColumn.get(index) || 0);
    const elements = marked(unit.id);
    for (const el of elements) el.classList.add("selected");
    selectedElements = elements;
    status.textContent = `${unit.id} · ${index + 1} of ${units.length} · ${unit.type}`;
    cursor.hidden = false;
    cursor.style.left = `${unit.pos * 100}%`;
    drawGraph();
    if (!scroll) return;
    const view = activeView();
    const inView = elements.find((el) => view.contains(el) && el.getClientRects().length);
    if (inView) inView.scrollIntoView({ block: "center", inline: "center" });
    const entry = elements.find((el) => el.classList.contains("entry"));
    if (entry) entry.scrollIntoView({ block: "nearest" });
  }

  function step(direction) {
    let index = current;
    for (let tries = 0; tries < units.length; tries++) {
      index = (index + direction + units.length) % units.length;
      if (!isHidden(units[index])) { select(index, true); return; }
    }
  }

  function showView(id) {
    for (const view of views) view.hidden = view.id !== id;
    for (const button of document.querySelectorAll("[data-view]")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === id));
    }
    if (id === "table") showTableAt(current >= 0 ? firstColumn.get(current) || 0 : tableStart);
    if (id === "heat") drawHeat();
    if (current >= 0) select(current, true);
  }

  function nextView() {
    const index = views.indexOf(activeView());
    showView(views[(index + 1) % views.length].id);
  }

  // The alignment table: a window of word columns, a row per witness, the siglum column sticky.
  function showTableAt(column) {
    const start = Math.max(0, Math.min(column - 20, cols.length - WINDOW));
    if (start === tableStart && document.getElementById("table-body").childElementCount) return;
    tableStart = start;
    drawTable();
  }

  function drawTable() {
    const body = document.getElementById("table-body");
    const end = Math.min(cols.length, tableStart + WINDOW);
    const rows = [];
    const header = document.createElement("tr");
    header.className = "numbers";
    header.appendChild(document.createElement("th"));
    for (let i = tableStart; i < end; i++) {
      const th = document.createElement("td");
      th.textContent = String(i + 1);
      if (cols[i][0] >= 0) th.dataset.unit = units[cols[i][0]].id;
      header.appendChild(th);
    }
    rows.push(header);
    sigla.forEach((siglum, w) => {
      const tr = document.createElement("tr");
      tr.dataset.wit = siglum;
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = siglum;
      tr.appendChild(th);
      for (let i = tableStart; i < end; i++) {
        const column = cols[i];
        const td = document.createElement("td");
        td.textContent = cell(column, w);
        td.dir = "auto";
        if (column[1] > 0) td.className = "differ";
        if (column[0] >= 0) {
          const unit = units[column[0]];
          td.dataset.unit = unit.id;
          td.classList.add("u", unit.type, `c-${unit.class}`);
        }
        tr.appendChild(td);
      }
      rows.push(tr);
    });
    body.replaceChildren(...rows);
    document.getElementById("table-range").textContent =
      `words ${tableStart + 1}–${end} of ${cols.length}`;
    document.getElementById("table-prev").disabled = tableStart === 0;
    document.getElementById("table-next").disabled = end >= cols.length;
    if (current >= 0) {
      for (const el of body.querySelectorAll(`[data-unit="${CSS.escape(units[current].id)}"]`)) {
        el.classList.add("selected");
        selectedElements.push(el);
      }
    }
  }

  // The heat map: the base text, each word shaded by how many witnesses differ there.
  let heatDrawn = false;
  function drawHeat() {
    if (heatDrawn) return;
    heatDrawn = true;
    const others = Math.max(1, sigla.length - 1);
    const box = document.getElementById("heat-text");
    const parts = document.createDocumentFragment();
    const form = (text) => text.trim().toLowerCase();
    for (const column of cols) {
      const text = cell(column, reference);
      // the file's base: the engine's count; another witness: its word against the others'
      const differ = reference === table.base ? column[1] : sigla.filter((_, w) => w !== reference && form(cell(column, w)) !== form(text)).length;
      const span = document.createElement("span");
      if (column[0] >= 0) {
        const id = units[column[0]].id;
        span.dataset.unit = id;
        if (!heatByUnit.has(id)) heatByUnit.set(id, []);
        heatByUnit.get(id).push(span);
      }
      if (!text) {
        // words the base lacks: one mark for a run of them
        const previous = parts.lastChild;
        if (previous && previous.classList && previous.classList.contains("heat-add")) {
          previous.dataset.words = String(Number(previous.dataset.words) + 1);
          previous.title = `${previous.dataset.words} words other witnesses add here`;
          continue;
        }
        span.className = "heat-add";
        span.textContent = "‸";
        span.dataset.words = "1";
        span.title = `a word ${sigla[reference]} lacks`;
        parts.appendChild(span);
        continue;
      }
      span.className = "w";
      span.dataset.differ = String(differ);
      const word = text.replace(/\s+$/, "");
      span.textContent = word;
      if (differ) span.style.backgroundColor = `rgba(200, 40, 0, ${(0.12 + 0.68 * differ / others).toFixed(3)})`;
      parts.appendChild(span);
      if (word.length < text.length) parts.appendChild(document.createTextNode(text.slice(word.length)));
    }
    box.appendChild(parts);
  }

  // The variant graph of the selected unit: readings as nodes, witnesses on the edges.
  const SVG = "http://www.w3.org/2000/svg";
  function svg(name, attributes, text) {
    const el = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function drawGraph() {
    const section = document.getElementById("graph");
    const box = document.getElementById("graph-box");
    if (current < 0 || sigla.length < 2 || !firstColumn.has(current)) { section.hidden = true; return; }
    const first = firstColumn.get(current);
    let last = first;
    while (last + 1 < cols.length && cols[last + 1][0] === current) last++;
    // columns: the context word before, the unit's columns, the context word after
    const ranks = [];
    const before = first > 0 ? first - 1 : -1;
    const after = last + 1 < cols.length ? last + 1 : -1;
    ranks.push({ nodes: [{ text: before >= 0 ? cell(cols[before], table.base).trim() || "#" : "#", sigla: sigla.slice() }] });
    const path = sigla.map(() => [0]); // per witness, the node ids it passes
    const nodes = [ranks[0].nodes[0]];
    ranks[0].nodes[0].id = 0;
    for (let i = first; i <= last; i++) {
      const rank = { nodes: [] };
      const byText = new Map();
      sigla.forEach((siglum, w) => {
        const text = cell(cols[i], w).trim();
        if (!text) return;
        if (!byText.has(text)) {
          const node = { text, sigla: [], id: nodes.length };
          nodes.push(node);
          byText.set(text, node);
          rank.nodes.push(node);
        }
        byText.get(text).sigla.push(siglum);
        path[w].push(byText.get(text).id);
      });
      if (rank.nodes.length) ranks.push(rank);
    }
    const end = { text: after >= 0 ? cell(cols[after], table.base).trim() || "#" : "#", sigla: sigla.slice(), id: nodes.length };
    nodes.push(end);
    ranks.push({ nodes: [end] });
    path.forEach((p) => p.push(end.id));
    const edges = new Map();
    path.forEach((p, w) => {
      for (let k = 0; k + 1 < p.length; k++) {
        const key = `${p[k]}>${p[k + 1]}`;
        if (!edges.has(key)) edges.set(key, { from: p[k], to: p[k + 1], sigla: [] });
        edges.get(key).sigla.push(sigla[w]);
      }
    });
    const lines = (labels) => { const out = []; for (let i = 0; i < labels.length; i += 4) out.push(labels.slice(i, i + 4).join(" ")); return out; };
    const longest = Math.max(...[...edges.values()].flatMap((e) => lines(e.sigla).map((l) => l.length)));
    const gap = Math.max(60, 6.4 * longest + 16);
    const top = 16 + 12 * Math.max(0, ...[...edges.values()].map((e) => lines(e.sigla).length - 1));
    // layout: ranks left to right, nodes of a rank stacked
    const place = new Map();
    let x = 8;
    const rowHeight = 44;
    const tallest = Math.max(...ranks.map((r) => r.nodes.length));
    for (const rank of ranks) {
      const width = Math.max(...rank.nodes.map((n) => 14 + 7.2 * [...n.text].length));
      rank.nodes.forEach((node, k) => {
        const y = top + (k + (tallest - rank.nodes.length) / 2) * rowHeight;
        place.set(node.id, { x, y, width });
      });
      x += width + gap;
    }
    const rankOf = new Map();
    ranks.forEach((rank, r) => rank.nodes.forEach((node) => rankOf.set(node.id, r)));
    const bottom = top + tallest * rowHeight;
    let skips = 0;
    const height = bottom + 30 + 26 * [...edges.values()].filter((e) => rankOf.get(e.to) - rankOf.get(e.from) > 1).length;
    const drawing = svg("svg", { width: String(x - gap + 8), height: String(height), viewBox: `0 0 ${x - gap + 8} ${height}`, role: "img", "aria-label": `Variant graph of ${units[current].id}` });
    for (const edge of edges.values()) {
      const a = place.get(edge.from);
      const b = place.get(edge.to);
      const x1 = a.x + a.width, y1 = a.y + 12, x2 = b.x, y2 = b.y + 12;
      let d, lx, ly;
      if (rankOf.get(edge.to) - rankOf.get(edge.from) > 1) {
        // an edge that skips readings (an omission) runs below the others
        const low = bottom + 14 + 26 * skips++;
        d = `M${x1},${y1} C${x1 + 30},${low} ${x2 - 30},${low} ${x2},${y2}`;
        lx = (x1 + x2) / 2;
        ly = low + 2;
      } else {
        d = `M${x1},${y1} C${x1 + 35},${y1} ${x2 - 35},${y2} ${x2},${y2}`;
        lx = (x1 + x2) / 2;
        ly = (y1 + y2) / 2 - 4 - 12 * (lines(edge.sigla).length - 1);
      }
      drawing.appendChild(svg("path", { class: "edge", d }));
      const label = svg("text", { class: "edge-label", x: String(lx), y: String(ly), "text-anchor": "middle", "data-sigla": edge.sigla.join(" ") });
      lines(edge.sigla).forEach((line, k) => label.appendChild(svg("tspan", { x: String(lx), dy: k ? "12" : "0" }, line)));
      drawing.appendChild(label);
    }
    for (const node of nodes) {
      const p = place.get(node.id);
      const group = svg("g", { class: node.id === 0 || node === end ? "node context" : "node", "data-sigla": node.sigla.join(" ") });
      group.appendChild(svg("rect", { x: String(p.x), y: String(p.y), width: String(p.width), height: "24", rx: "5" }));
      group.appendChild(svg("text", { x: String(p.x + p.width / 2), y: String(p.y + 16), "text-anchor": "middle" }, node.text));
      drawing.appendChild(group);
    }
    const readings = new Set(path.map((p) => p.slice(1, -1).join(" "))).size;
    box.replaceChildren(drawing);
    document.getElementById("graph-unit").textContent = `${units[current].id}: ${readings} reading${readings === 1 ? "" : "s"}`;
    section.hidden = false;
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-unit]");
    if (target && order.has(target.dataset.unit) && !isHidden(units[order.get(target.dataset.unit)])) {
      select(order.get(target.dataset.unit), true);
    }
  });
  document.getElementById("overview").addEventListener("click", (event) => {
    const box = event.currentTarget.getBoundingClientRect();
    const fraction = (event.clientX - box.left) / box.width;
    let best = -1;
    units.forEach((u, i) => {
      if (!isHidden(u) && (best < 0 || Math.abs(u.pos - fraction) < Math.abs(units[best].pos - fraction))) best = i;
    });
    if (best >= 0) select(best, true);
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input:not([type=checkbox]), textarea, select")) return;
    if (event.key === "n") step(1);
    else if (event.key === "p") step(-1);
    else if (event.key === "v") nextView();
    else if (event.key === "Enter" && event.target.classList && event.target.classList.contains("entry")) {
      select(order.get(event.target.dataset.unit), true);
    } else return;
    event.preventDefault();
  });
  for (const button of document.querySelectorAll("[data-view]")) {
    button.addEventListener("click", () => showView(button.dataset.view));
  }
  document.getElementById("next").addEventListener("click", () => step(1));
  document.getElementById("prev").addEventListener("click", () => step(-1));
  if (cols.length) {
    document.getElementById("table-prev").addEventListener("click", () => { tableStart = Math.max(0, tableStart - WINDOW); drawTable(); });
    document.getElementById("table-next").addEventListener("click", () => { tableStart = Math.min(Math.max(0, cols.length - WINDOW), tableStart + WINDOW); drawTable(); });
  }
  for (const box of document.querySelectorAll("input[data-filter]")) {
    box.addEventListener("change", () => {
      const kind = box.dataset.filter;
      if (box.checked) hidden.delete(kind); else hidden.add(kind);
      document.body.classList.toggle(`hide-${kind}`, !box.checked);
      if (current >= 0 && isHidden(units[current])) select(-1, false);
    });
  }
  // the reference witness: the heat map's text, the first column side by side
  const basePick = document.getElementById("base-pick");
  if (basePick) {
    basePick.addEventListener("change", () => {
      reference = Number(basePick.value);
      document.getElementById("heat-base").textContent = sigla[reference];
      for (const el of document.querySelectorAll("#side-by-side [data-wit]")) {
        el.style.order = el.dataset.wit === sigla[reference] ? "-1" : "";
      }
      heatDrawn = false;
      heatByUnit.clear();
      document.getElementById("heat-text").replaceChildren();
      if (activeView().id === "heat") drawHeat();
    });
  }
  // the witness picker: which witnesses the side-by-side view shows
  const side = document.getElementById("side-by-side");
  for (const box of document.querySelectorAll("input[data-show]")) {
    box.addEventListener("change", () => {
      for (const el of side.querySelectorAll(`[data-wit="${CSS.escape(box.dataset.show)}"]`)) el.classList.toggle("off", !box.checked);
      side.style.setProperty("--columns", String(document.querySelectorAll("input[data-show]:checked").length || 1));
    });
  }
})();
