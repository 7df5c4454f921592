"use strict";
(function () {
  const units = JSON.parse(document.getElementById("units-data").textContent);
  const order = new Map(units.map((u, i) => [u.id, i]));
  const byUnit = new Map();
  for (const el of document.querySelectorAll("[data-unit]")) {
    const id = el.dataset.unit;
    if (!byUnit.has(id)) byUnit.set(id, []);
    byUnit.get(id).push(el);
  }
  const hidden = new Set();
  const views = [document.getElementById("side-by-side"), document.getElementById("inline")];
  const toggle = document.getElementById("toggle-view");
  const status = document.getElementById("status");
  let current = -1;

  function isHidden(unit) { return hidden.has(unit.type) || hidden.has(`c-${unit.class}`); }

  function activeView() { return views.find((v) => !v.hidden); }

  function select(index, scroll) {
    if (current >= 0) for (const el of byUnit.get(units[current].id) || []) el.classList.remove("selected");
    current = index;
    if (index < 0) { status.textContent = ""; return; }
    const unit = units[index];
    const elements = byUnit.get(unit.id) || [];
    for (const el of elements) el.classList.add("selected");
    status.textContent = `${unit.id} · ${index + 1} of ${units.length} · ${unit.type}`;
    if (!scroll) return;
    const view = activeView();
    const inView = elements.find((el) => view.contains(el));
    if (inView) inView.scrollIntoView({ block: "center" });
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

  function switchView() {
    const [side, inline] = views;
    side.hidden = !side.hidden;
    inline.hidden = !inline.hidden;
    toggle.textContent = side.hidden ? "Side-by-side view" : "Inline view";
    if (current >= 0) select(current, true);
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-unit]");
    if (target && order.has(target.dataset.unit) && !isHidden(units[order.get(target.dataset.unit)])) {
      select(order.get(target.dataset.unit), true);
    }
  });
  document.getElementById("overview").addEventListener("click", (event) => {
    if (event.target.dataset.unit) return;
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
    else if (event.key === "v") switchView();
    else if (event.key === "Enter" && event.target.classList && event.target.classList.contains("entry")) {
      select(order.get(event.target.dataset.unit), true);
    } else return;
    event.preventDefault();
  });
  toggle.addEventListener("click", switchView);
  document.getElementById("next").addEventListener("click", () => step(1));
  document.getElementById("prev").addEventListener("click", () => step(-1));
  for (const box of document.querySelectorAll("input[data-filter]")) {
    box.addEventListener("change", () => {
      const kind = box.dataset.filter;
      if (box.checked) hidden.delete(kind); else hidden.add(kind);
      document.body.classList.toggle(`hide-${kind}`, !box.checked);
      if (current >= 0 && isHidden(units[current])) select(-1, false);
    });
  }
})();
