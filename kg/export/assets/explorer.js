// The zhengwu-kg explorer. Everything that came from an article reaches the page through textContent
// or vis-network's canvas labels, never as markup: no innerHTML anywhere in this file.
(function () {
  "use strict";
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var info = data.info;
  var styles = {};
  data.classes.forEach(function (c) { styles[c.key] = c; });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var hiddenGroups = {};
  var panel = document.getElementById("panel");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // a small drawing of a class's shape and colour, as in the graph
  function swatch(style) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("class", "swatch");
    svg.setAttribute("aria-hidden", "true");
    var shapes = {
      dot: ["circle", {cx: 7, cy: 7, r: 6}],
      square: ["rect", {x: 1, y: 1, width: 12, height: 12}],
      diamond: ["polygon", {points: "7,0.5 13.5,7 7,13.5 0.5,7"}],
      triangle: ["polygon", {points: "7,1 13,13 1,13"}],
      triangleDown: ["polygon", {points: "1,1 13,1 7,13"}],
      star: ["polygon", {points: "7,0.5 8.8,5 13.5,5.2 9.8,8.2 11,13 7,10.3 3,13 4.2,8.2 0.5,5.2 5.2,5"}],
      hexagon: ["polygon", {points: "3.5,1 10.5,1 13.5,7 10.5,13 3.5,13 0.5,7"}]
    };
    var spec = shapes[style.shape] || shapes.dot;
    var shape = document.createElementNS(SVG, spec[0]);
    Object.keys(spec[1]).forEach(function (k) { shape.setAttribute(k, String(spec[1][k])); });
    shape.setAttribute("fill", style.colour);
    shape.setAttribute("stroke", "#555");
    shape.setAttribute("stroke-width", "0.6");
    svg.appendChild(shape);
    return svg;
  }

  // ------------------------------------------------------------------------------------ the network
  data.nodes.forEach(function (n) { n.cls = n.group; });
  // a mention only is drawn faint, so that the facts stand out
  data.edges.forEach(function (e) {
    e.arrows = "to";
    if (e.weak) {
      e.dashes = true;
      e.color = {color: "#d4d4d4", inherit: false};
      e.font = {size: 8, color: "#9a9a9a"};
    }
  });
  var groups = {};
  data.classes.forEach(function (c) {
    groups[c.key] = {shape: c.shape, font: {size: c.font}, color: {background: c.colour, border: "#4d4d4d",
      highlight: {background: c.colour, border: "#000000"}, hover: {background: c.colour, border: "#000000"}}};
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var big = data.nodes.length > 800;
  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      borderWidth: 1,
      font: {face: FONT, size: 14, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff"},
      // size grows with the degree (the value); labels keep their group's size, which is what makes
      // officials and places readable before people, events and articles when zoomed out
      scaling: {min: 8, max: 40, label: {enabled: false, drawThreshold: 6}}
    },
    edges: {
      width: 1,
      color: {color: "#a8a8a8", highlight: "#333333", hover: "#555555", inherit: false},
      font: {face: FONT, size: 10, color: "#555555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle"},
      smooth: big ? false : {enabled: true, type: "continuous", roundness: 0.3},
      selectionWidth: 2
    },
    // nodes come with starting positions (a radial tree a component), so no layout of vis's own
    layout: {randomSeed: 7, improvedLayout: false},
    physics: {
      solver: "barnesHut",
      barnesHut: {gravitationalConstant: -3000, centralGravity: 0.3, springLength: 80, springConstant: 0.04,
                  damping: 0.5, avoidOverlap: big ? 0 : 0.2, theta: big ? 0.8 : 0.5},
      minVelocity: 1,
      // a big graph starts near its final shape and gets fewer, coarser steps: it must stop in seconds
      stabilization: {enabled: true, iterations: big ? 120 : 400, updateInterval: 20, fit: true}
    },
    interaction: {hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 250, keyboard: false}
  };
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, options);
  window.network = network;

  var status = document.getElementById("status");
  function summary() {
    var shown = data.nodes.filter(function (n) { return !hiddenGroups[n.cls]; }).length;
    var text = (shown === data.nodes.length ? data.nodes.length + " 个节点" :
                "显示 " + shown + " / " + data.nodes.length + " 个节点") + " · " + data.edges.length + " 条关系";
    if (data.meta.focus) {
      text = "以「" + data.meta.focus + "」为中心 " + data.meta.depth + " 层 · " + text + "（全图 " +
             data.meta.total + " 个节点）";
    } else if (data.meta.total > data.nodes.length) {
      // an overview of a big graph: say so, and how to see the rest
      text = "概览 · " + text + "（全图 " + data.meta.total + " 个节点；其余用 kg html --focus 名称 查看）";
    }
    return text;
  }
  var stable = false;
  function settle() {
    if (stable) { return; }
    stable = true;
    // the layout stops for good: nodes stay where they are, also when one is dragged
    network.setOptions({physics: {enabled: false}});
    status.textContent = summary();
    document.body.setAttribute("data-stable", "true");
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "正在布局… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  if (data.nodes.length === 0) {
    status.textContent = "图中没有节点";
    settle();
  }

  // ------------------------------------------------------------------------------- legend, filters
  var classList = document.getElementById("classes");
  data.classes.forEach(function (c) {
    if (!c.count) { return; }
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.key;
    box.setAttribute("data-class", c.key);
    box.addEventListener("change", function () { showClass(c.key, box.checked); });
    label.appendChild(box);
    label.appendChild(swatch(c));
    label.appendChild(el("span", "name", c.label));
    label.appendChild(el("span", "count", c.count));
    li.appendChild(label);
    classList.appendChild(li);
  });

  function showClass(key, visible) {
    hiddenGroups[key] = !visible;
    var box = classList.querySelector('input[data-class="' + key + '"]');
    if (box) { box.checked = visible; }
    nodes.update(data.nodes.filter(function (n) { return n.cls === key; })
      .map(function (n) { return {id: n.id, hidden: !visible}; }));
    if (stable) { status.textContent = summary(); }
  }

  // ---------------------------------------------------------------------------------------- search
  function fold(text) { return String(text).toLowerCase().replace(/[\s·・'’-]+/g, ""); }

  function search(query) {
    var q = fold(query);
    if (!q) { return []; }
    var hits = [];
    data.nodes.forEach(function (n) {
      var best = 9;
      info[n.id].keys.forEach(function (k) {
        var at = k.indexOf(q);
        if (at < 0) { return; }
        best = Math.min(best, k === q ? 0 : at === 0 ? 1 : 2);
      });
      if (best < 9) { hits.push({node: n, rank: best}); }
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || info[b.node.id].degree - info[a.node.id].degree ||
        (info[a.node.id].label < info[b.node.id].label ? -1 : info[a.node.id].label > info[b.node.id].label ? 1 : 0);
    });
    return hits.slice(0, 15).map(function (h) { return h.node.id; });
  }

  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var current = [];
  var active = -1;

  function renderResults(ids) {
    current = ids;
    active = ids.length ? 0 : -1;
    while (results.firstChild) { results.removeChild(results.firstChild); }
    if (!input.value.trim()) { results.hidden = true; return; }
    if (!ids.length) {
      results.appendChild(el("li", "none", "没有找到"));
    }
    ids.forEach(function (id, i) {
      var item = info[id];
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("data-id", id);
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.appendChild(swatch(styles[item.cls]));
      li.appendChild(el("span", "name", item.label));
      li.appendChild(el("span", "kind", item.kind));
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(id); });
      results.appendChild(li);
    });
    results.hidden = false;
  }

  function mark(index) {
    active = index;
    Array.prototype.forEach.call(results.querySelectorAll("li[role=option]"), function (li, i) {
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      if (i === active) { li.scrollIntoView({block: "nearest"}); }
    });
  }

  function choose(id) {
    results.hidden = true;
    input.value = info[id].label;
    select(id);
  }

  input.addEventListener("input", function () { renderResults(search(input.value)); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && current.length) { e.preventDefault(); mark((active + 1) % current.length); }
    else if (e.key === "ArrowUp" && current.length) {
      e.preventDefault(); mark((active - 1 + current.length) % current.length);
    }
    else if (e.key === "Enter") {
      e.preventDefault();
      if (!current.length) { renderResults(search(input.value)); }
      if (current.length) { choose(current[Math.max(active, 0)]); }
    }
    else if (e.key === "Escape") { results.hidden = true; }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
  input.addEventListener("focus", function () { if (input.value.trim()) { renderResults(search(input.value)); } });

  // ------------------------------------------------------------------------------- select and panel
  function select(id) {
    if (!byId[id]) { return; }
    var node = byId[id];
    if (hiddenGroups[node.cls]) { showClass(node.cls, true); }
    network.selectNodes([id]);
    showPanel(id);
    // centre the node in the part of the graph the panel leaves uncovered
    network.focus(id, {scale: Math.max(network.getScale(), 1.1), offset: {x: -panel.offsetWidth / 2, y: 0},
                       animation: {duration: 450, easingFunction: "easeInOutQuad"}});
  }
  function visibleCentre() {
    var graph = document.getElementById("graph");
    return {x: (graph.clientWidth - (panel.hidden ? 0 : panel.offsetWidth)) / 2, y: graph.clientHeight / 2};
  }

  function link(text, id) {
    var a = el("a", "node-link", text);
    a.setAttribute("role", "button");
    a.setAttribute("tabindex", "0");
    a.setAttribute("data-id", id);
    a.addEventListener("click", function (e) { e.preventDefault(); select(id); });
    a.addEventListener("keydown", function (e) { if (e.key === "Enter") { select(id); } });
    return a;
  }

  function renderFact(fact) {
    var li = el("li", "fact");
    if (fact.t) { li.appendChild(fact.l && byId[fact.l] ? link(fact.t, fact.l) : el("span", "text", fact.t)); }
    if (fact.d) { li.appendChild(el("span", "detail", fact.d)); }
    if (fact.e) {
      var quote = el("blockquote", "evidence", fact.e);
      if (fact.h) {
        var cite = el("cite");
        cite.appendChild(document.createTextNode("—— "));
        cite.appendChild(fact.a && byId[fact.a] ? link("《" + fact.h + "》", fact.a) : el("span", null, "《" + fact.h + "》"));
        quote.appendChild(cite);
      }
      li.appendChild(quote);
    }
    return li;
  }

  function showPanel(id) {
    var item = info[id];
    var kind = document.getElementById("panel-kind");
    while (kind.firstChild) { kind.removeChild(kind.firstChild); }
    kind.appendChild(swatch(styles[item.cls]));
    kind.appendChild(el("span", null, styles[item.cls].label + (item.kind && item.kind !== styles[item.cls].label ?
      " · " + item.kind : "") + " · " + item.degree + " 个关联"));
    document.getElementById("panel-title").textContent = item.label;
    document.getElementById("panel-names").textContent = item.names.length > 1 ?
      "又名：" + item.names.slice(1).join("、") : "";
    var body = document.getElementById("panel-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    var list = null;
    var section = null;
    item.facts.forEach(function (fact) {
      if (fact.s !== section) {
        section = fact.s;
        body.appendChild(el("h3", null, section));
        list = el("ul");
        body.appendChild(list);
      }
      list.appendChild(renderFact(fact));
    });
    if (!item.facts.length) { body.appendChild(el("p", "empty", "没有更多记录。")); }
    document.getElementById("panel-iri").textContent = item.iri;
    panel.setAttribute("data-id", id);
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function hidePanel() {
    panel.hidden = true;
    panel.removeAttribute("data-id");
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showPanel(params.nodes[0]); }
    else if (!params.edges.length) { hidePanel(); }
  });
  document.getElementById("panel-close").addEventListener("click", function () {
    hidePanel();
    network.unselectAll();
  });
  document.getElementById("fit").addEventListener("click", function () {
    network.fit({animation: {duration: 400, easingFunction: "easeInOutQuad"}});
  });

  if (data.meta.focus) {
    document.title = data.meta.focus + " · 政务知识图谱";
  }
  // for users' own scripts and the browser tests
  window.explorer = {data: data, search: search, select: select, showClass: showClass,
                     visibleCentre: visibleCentre, isStable: function () { return stable; }};
  if (data.meta.focusId && byId[data.meta.focusId]) {
    network.once("stabilizationIterationsDone", function () {
      network.selectNodes([data.meta.focusId]);
      showPanel(data.meta.focusId);
    });
  }
}());
