// The activation explorer: draws the values the package computed when the site was built
// (_static/explorer/<name>.js), for the activations and parameter values the reader picks.
"use strict";
(() => {
  const root = document.getElementById("activation-explorer");
  const config = JSON.parse(document.getElementById("explorer-config").textContent);
  const text = config.labels;
  const byName = Object.fromEntries(config.activations.map((a) => [a.name, a]));
  const colours = ["#0b6bcb", "#d1495b", "#2e8540", "#8a4fbf", "#c77700", "#00798c", "#6b6b6b"];
  const state = { selected: [], setting: {}, temperature: config.temperatures.indexOf(1), f: true, df: true, cursor: null };
  window.explorerData = window.explorerData || {};
  const SVG = "http://www.w3.org/2000/svg";
  const W = 600, H = 340, PAD = 36;

  function element(tag, attributes = {}, parent = null, namespace = null) {
    const node = namespace ? document.createElementNS(namespace, tag) : document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === "text") node.textContent = value; else node.setAttribute(key, value);
    }
    if (parent) parent.appendChild(node);
    return node;
  }

  function load(name) {  // a <script>, so that pages opened from disk work too
    if (window.explorerData[name]) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const script = element("script", { src: root.dataset.base + name + ".js" });
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // Index of the current slider setting in the data: the sliders' product, first slider slowest.
  function settingIndex(activation) {
    return activation.sliders.reduce(
      (index, slider) => index * slider.values.length + state.setting[activation.name][slider.name], 0);
  }

  function drawn() {  // what is on screen now, for the reader's readout and for the tests
    const result = {};
    for (const name of state.selected) {
      const activation = byName[name], values = window.explorerData[name];
      if (!values) continue;
      const k = settingIndex(activation);
      result[name] = activation.bars
        ? { bars: values.bars[k][state.temperature] }
        : { x: values.x, f: values.f[k], df: values.df[k] };
    }
    return result;
  }

  // --- controls ---------------------------------------------------------------------------
  const picker = element("fieldset", { class: "explorer-pick" }, root);
  element("legend", { text: text.pick }, picker);
  for (const activation of config.activations) {
    const label = element("label", {}, picker);
    const box = element("input", { type: "checkbox", value: activation.name }, label);
    label.append(" " + activation.label);
    box.checked = config.selected.includes(activation.name);
    box.addEventListener("change", () => toggle(activation.name, box.checked));
  }
  const show = element("fieldset", { class: "explorer-show" }, root);
  element("legend", { text: text.show }, show);
  for (const key of ["f", "df"]) {
    const label = element("label", {}, show);
    const box = element("input", { type: "checkbox", name: key }, label);
    box.checked = true;
    label.append(" " + text[key]);
    box.addEventListener("change", () => { state[key] = box.checked; render(); });
  }
  const sliders = element("div", { class: "explorer-sliders" }, root);
  const figure = element("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", tabindex: "0",
                                  "aria-label": text.plot, class: "explorer-plot" }, root, SVG);
  const bars = element("div", { class: "explorer-bars" }, root);
  const readout = element("p", { class: "explorer-readout", "aria-live": "polite", text: text.hint }, root);

  function slider(parent, label, values, index, onInput) {
    const row = element("label", { class: "explorer-slider" }, parent);
    row.append(label + " ");
    const input = element("input", { type: "range", min: "0", max: String(values.length - 1),
                                     step: "1", value: String(index) }, row);
    const output = element("output", { text: String(values[index]) }, row);
    input.addEventListener("input", () => {
      output.textContent = String(values[Number(input.value)]);
      onInput(Number(input.value));
    });
    return input;
  }

  function buildSliders() {
    sliders.replaceChildren();
    for (const name of state.selected) {
      const activation = byName[name];
      const group = element("fieldset", { "data-activation": name }, sliders);
      element("legend", { text: `${activation.label}: ${text.parameters}` }, group);
      for (const s of activation.sliders) {
        slider(group, s.name, s.values, state.setting[name][s.name],
               (i) => { state.setting[name][s.name] = i; render(); });
      }
      if (activation.bars) {
        slider(group, text.temperature, config.temperatures, state.temperature,
               (i) => { state.temperature = i; render(); });
      }
      if (!group.querySelector("input")) group.remove();
    }
  }

  async function toggle(name, on) {
    if (on && !state.selected.includes(name)) {
      state.setting[name] = Object.fromEntries(byName[name].sliders.map((s) => [s.name, s.default]));
      await load(name);
      state.selected.push(name);
    } else if (!on) {
      state.selected = state.selected.filter((n) => n !== name);
    }
    buildSliders();
    render();
  }

  // --- drawing ----------------------------------------------------------------------------
  function render() {
    const data = drawn();
    figure.replaceChildren();
    bars.replaceChildren();
    const curves = Object.entries(data).filter(([, d]) => d.x);
    const lines = [];
    curves.forEach(([name, d], k) => {
      if (state.f) lines.push({ name, key: "f", x: d.x, y: d.f, colour: colours[k % colours.length], dash: "" });
      if (state.df) lines.push({ name, key: "df", x: d.x, y: d.df, colour: colours[k % colours.length], dash: "5 4" });
    });
    figure.style.display = lines.length ? "" : "none";
    if (lines.length) plot(lines);
    Object.entries(data).filter(([, d]) => d.bars).forEach(([name, d]) => drawBars(name, d.bars));
    if (!Object.keys(data).length) readout.textContent = text.none;
  }

  function plot(lines) {
    const xs = lines.flatMap((l) => l.x), ys = lines.flatMap((l) => l.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs);
    let y0 = Math.min(...ys, 0), y1 = Math.max(...ys, 1);
    const margin = 0.05 * (y1 - y0);
    y0 -= margin; y1 += margin;
    const sx = (x) => PAD + (x - x0) / (x1 - x0) * (W - 2 * PAD);
    const sy = (y) => H - PAD - (y - y0) / (y1 - y0) * (H - 2 * PAD);
    element("line", { x1: sx(x0), x2: sx(x1), y1: sy(0), y2: sy(0), class: "axis" }, figure, SVG);
    if (x0 < 0 && x1 > 0) element("line", { x1: sx(0), x2: sx(0), y1: sy(y0), y2: sy(y1), class: "axis" }, figure, SVG);
    for (const [value, anchor, x, y] of [[x0, "start", sx(x0), H - 8], [x1, "end", sx(x1), H - 8],
                                         [y1, "start", 2, sy(y1) + 12], [y0, "start", 2, sy(y0)]]) {
      element("text", { x, y, "text-anchor": anchor, text: Number(value.toPrecision(3)).toString() }, figure, SVG);
    }
    for (const line of lines) {
      const points = line.x.map((x, i) => `${sx(x).toFixed(2)},${sy(line.y[i]).toFixed(2)}`).join(" ");
      element("polyline", { points, fill: "none", stroke: line.colour, "stroke-width": "2",
                            "stroke-dasharray": line.dash, "data-name": line.name, "data-key": line.key }, figure, SVG);
    }
    [...new Set(lines.map((l) => l.name))].forEach((name, k) => {  // legend: solid f, dashed f'
      element("text", { x: PAD + 8, y: 18 + 16 * k, fill: colours[k % colours.length],
                        text: byName[name].label }, figure, SVG);
    });
    const x = lines[0].x;
    if (state.cursor !== null) {
      const i = Math.min(state.cursor, x.length - 1);
      element("line", { x1: sx(x[i]), x2: sx(x[i]), y1: sy(y0), y2: sy(y1), class: "cursor" }, figure, SVG);
      showValues(i);
    }
    figure.onpointermove = (event) => {
      const box = figure.getBoundingClientRect();
      const px = (event.clientX - box.left) / box.width * W;
      const value = x0 + (px - PAD) / (W - 2 * PAD) * (x1 - x0);
      state.cursor = Math.max(0, Math.min(x.length - 1, Math.round((value - x[0]) / (x[1] - x[0]))));
      render();
    };
  }

  function showValues(i) {
    const parts = [];
    let x = null;
    for (const [name, d] of Object.entries(drawn())) {
      if (!d.x) continue;
      const values = [];
      if (state.f) values.push(`f = ${d.f[i].toPrecision(6)}`);
      if (state.df) values.push(`f′ = ${d.df[i].toPrecision(6)}`);
      parts.push(`${byName[name].label}: ${values.join(", ")}`);
      x = x === null ? d.x[i] : x;
    }
    readout.textContent = `x = ${Number(x.toPrecision(6))}; ` + parts.join("; ");
  }

  figure.addEventListener("keydown", (event) => {
    const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -10, ArrowUp: 10, Home: -1e9, End: 1e9 };
    if (!(event.key in steps)) return;
    event.preventDefault();
    const first = Object.values(drawn()).find((d) => d.x);
    if (!first) return;
    const start = state.cursor === null ? Math.floor(first.x.length / 2) : state.cursor;
    state.cursor = Math.max(0, Math.min(first.x.length - 1, start + (state.cursor === null ? 0 : steps[event.key])));
    render();
  });

  function drawBars(name, values) {
    const box = element("figure", {}, bars);
    element("figcaption", { text: `${byName[name].label} (${text.temperature} ${config.temperatures[state.temperature]}): ${text.bars}` }, box);
    const svg = element("svg", { viewBox: "0 0 600 150", role: "img", "aria-label": byName[name].label }, box, SVG);
    const low = Math.min(0, ...values), high = Math.max(0, ...values);
    const sy = (v) => 130 - (v - low) / ((high - low) || 1) * 115;
    values.forEach((v, i) => {
      const x = 20 + i * 70 + (i >= 4 ? 20 : 0);
      element("rect", { x, width: 50, y: Math.min(sy(v), sy(0)), height: Math.abs(sy(v) - sy(0)) || 1,
                        fill: i < 4 ? colours[0] : colours[1], "data-index": i }, svg, SVG);
      element("text", { x: x + 25, y: 146, "text-anchor": "middle", text: v.toPrecision(3) }, svg, SVG);
    });
  }

  window.activationExplorer = { drawn, toggle, state, ready: null };
  window.activationExplorer.ready = Promise.all(config.selected.map((name) => toggle(name, true)));
})();
