// kgnews explorer: the graph (preset positions computed by kgnews), a legend that filters by
// type, relation filters, search by name or alias, and the facts of a clicked entity.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var large = data.nodes.length > 1000;
  var shown = { types: {}, relations: {} };

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: {
      nodes: data.nodes.map(function (node) {
        return { data: node, position: { x: node.x, y: node.y } };
      }),
      edges: data.edges.map(function (edge) { return { data: edge }; })
    },
    layout: { name: "preset", fit: true, padding: 20 },
    // Large graphs: draw a bitmap while panning and skip edges, so 5,000 nodes stay fluid.
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    pixelRatio: large ? 1 : "auto",
    minZoom: 0.02,
    maxZoom: 6,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": 11, "text-valign": "top", "text-margin-y": -3,
        "color": "#222", "text-outline-color": "#fff", "text-outline-width": 2,
        // Labels disappear when they would be drawn smaller than this: no blur at low zoom.
        "min-zoomed-font-size": 9
      } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#111" } },
      { selector: "edge", style: {
        "width": "mapData(weight, 1, 10, 1, 5)", "line-color": "#999", "target-arrow-color": "#999",
        "curve-style": large ? "haystack" : "bezier", "target-arrow-shape": large ? "none" : "triangle",
        "arrow-scale": 0.7, "label": "data(label)", "font-size": 8, "color": "#555",
        "text-rotation": "autorotate", "min-zoomed-font-size": 10,
        "text-outline-color": "#fff", "text-outline-width": 1
      } },
      { selector: "edge[kind = 'cooccurrence']", style: {
        "line-style": "dashed", "line-color": "#ccc", "target-arrow-shape": "none", "label": ""
      } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });

  // -- legend and filters --------------------------------------------------------------
  function checkbox(container, group, name, marker, label) {
    shown[group][name] = true;
    var box = element("input", { type: "checkbox", value: name });
    box.checked = true;
    box.addEventListener("change", function () { shown[group][name] = box.checked; applyFilters(); });
    var row = element("label");
    row.append(box, marker, document.createTextNode(" " + label));
    container.appendChild(row);
  }
  data.types.forEach(function (type) {
    var swatch = element("span", { "class": "swatch", style: "background:" + type.colour });
    var count = data.nodes.filter(function (node) { return node.type === type.name; }).length;
    checkbox(document.getElementById("types"), "types", type.name, swatch, type.name + " (" + count + ")");
  });
  data.relations.forEach(function (relation) {
    var marker = element("span", { "class": relation === "co_mention" ? "dashed" : "" });
    checkbox(document.getElementById("relations"), "relations", relation, marker, relation);
  });

  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (node) { node.toggleClass("hidden", !shown.types[node.data("type")]); });
      cy.edges().forEach(function (edge) { edge.toggleClass("hidden", !shown.relations[edge.data("relation")]); });
    });
  }

  // -- search ----------------------------------------------------------------------------
  var names = data.nodes.map(function (node) {
    return [node.label].concat(node.aliases).join("\n").toLowerCase();
  });
  function search(query) {
    var wanted = query.trim().toLowerCase();
    if (!wanted) return [];
    var matches = [];
    data.nodes.forEach(function (node, index) {
      var position = names[index].indexOf(wanted);
      if (position >= 0) matches.push({ node: node, exact: node.label.toLowerCase() === wanted, position: position });
    });
    matches.sort(function (a, b) {
      return (b.exact - a.exact) || (a.position - b.position) || (b.node.pagerank - a.node.pagerank);
    });
    return matches.slice(0, 20).map(function (match) { return match.node; });
  }
  function showResults(nodes) {
    var list = document.getElementById("results");
    list.replaceChildren();
    nodes.forEach(function (node) {
      var item = element("li", { tabindex: "0", "data-id": node.id }, node.label + " · " + node.type);
      item.addEventListener("click", function () { focus(node.id); });
      item.addEventListener("keydown", function (event) { if (event.key === "Enter") focus(node.id); });
      list.appendChild(item);
    });
    return nodes;
  }
  document.getElementById("search").addEventListener("input", function (event) {
    showResults(search(event.target.value));
  });

  // -- details of a clicked entity ---------------------------------------------------------
  function focus(id) {
    var node = cy.getElementById(id);
    cy.elements().unselect();
    node.select();
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: large ? 0 : 300 });
    node.emit("tap");
  }
  function describe(node) {
    var parts = [node.type + (node.subtype ? " (" + node.subtype + ")" : "")];
    parts.push(node.mentions + " mentions in " + node.articles + " article(s)");
    if (node.first_seen) parts.push("seen " + node.first_seen + (node.last_seen !== node.first_seen ? " to " + node.last_seen : ""));
    if (node.positions) parts.push("positions: " + node.positions);
    if (node.quotes) parts.push(node.quotes + " quote(s)");
    if (node.aliases.length > 1) parts.push("also: " + node.aliases.slice(1).join(", "));
    return parts.join(" · ");
  }
  function showDetails(node) {
    document.getElementById("details").hidden = false;
    document.getElementById("details-title").textContent = node.label;
    document.getElementById("details-summary").textContent = describe(node);
    var list = document.getElementById("facts");
    list.replaceChildren();
    (data.node_facts[node.id] || []).forEach(function (index) {
      var fact = data.facts[index];
      var item = element("li", { "class": "fact" });
      var statement = element("div");
      statement.append(
        document.createTextNode(fact.subject + " "),
        element("span", { "class": "relation" }, fact.relation.replace(/_/g, " ") + (fact.kind ? " (" + fact.kind + ")" : "")),
        document.createTextNode(" " + (fact.qualifier ? fact.qualifier + " " : "") + fact.object)
      );
      item.append(statement, element("blockquote", {}, fact.sentence),
                  element("div", { "class": "source" }, "article " + fact.article + (fact.date ? ", " + fact.date : "")));
      list.appendChild(item);
    });
    if (!list.children.length) list.appendChild(element("li", {}, "No facts stated about this entity."));
  }
  cy.on("tap", "node", function (event) { showDetails(event.target.data()); });

  // -- ready, and the self-test a headless browser can drive through the URL hash ----------
  cy.ready(function () {
    window.kgReadyMs = performance.now();
    document.body.setAttribute("data-ready", "true");
    document.getElementById("status").textContent =
      data.nodes.length + " entities, " + data.edges.length + " relations, " + data.facts.length + " facts";
    var match = /^#selftest=(.*)$/.exec(window.location.hash);
    if (match) selfTest(decodeURIComponent(match[1]));
    document.getElementById("errors").textContent = JSON.stringify(window.kgErrors);
  });

  function selfTest(name) {
    var found = showResults(search(name));
    var input = document.getElementById("search");
    input.value = name;
    var item = document.querySelector("#results li");
    if (item) item.click();
    document.getElementById("selftest").textContent = JSON.stringify({
      ready: true,
      ready_ms: window.kgReadyMs,
      nodes: cy.nodes().length,
      edges: cy.edges().length,
      search: found.map(function (node) { return node.label; }),
      details_title: document.getElementById("details-title").textContent,
      facts: Array.prototype.map.call(document.querySelectorAll("#facts li.fact"), function (li) { return li.textContent; }),
      errors: window.kgErrors
    });
  }
})();
