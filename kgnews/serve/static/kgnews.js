// The kgnews web UI: entity search and the SPARQL editor (YASGUI, vendored) with the example queries.
"use strict";

function searchEntities(event) {
  if (event) event.preventDefault();
  const form = document.getElementById("search-form");
  const params = new URLSearchParams(new FormData(form));
  const list = document.getElementById("search-results");
  fetch("/api/search?" + params.toString(), {headers: {Accept: "application/json"}})
    .then((response) => response.json())
    .then((entities) => {
      list.replaceChildren();
      if (!entities.length) {
        const empty = document.createElement("li");
        empty.textContent = "No entity of these types has that name.";
        list.append(empty);
      }
      for (const entity of entities) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = entity.page;
        link.textContent = entity.label;
        const type = document.createElement("span");
        type.className = "type " + entity.type.toLowerCase();
        type.textContent = entity.type;
        const count = document.createElement("span");
        count.className = "count";
        count.textContent = entity.articles + (entity.articles === 1 ? " article" : " articles");
        item.append(link, " ", type, " ", count);
        list.append(item);
      }
    });
}

function startEditor() {
  const examples = JSON.parse(document.getElementById("examples").textContent);
  const endpoint = new URL("/sparql", window.location.href).href;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: endpoint, method: "POST"},
    copyEndpointOnNewTab: true,
    persistenceId: null,
    autoAddOnInit: false,
    populateFromUrl: false,
    endpointCatalogueOptions: {getData: () => [{endpoint: endpoint}]},
  });
  let first = null;
  for (const example of examples) {
    const tab = yasgui.addTab(first === null, {name: example.name, yasqe: {value: example.query},
                                               requestConfig: {endpoint: endpoint, method: "POST"}});
    if (first === null) first = tab;
  }
  window.kgnewsYasgui = yasgui;
}

// Opened as /#selftest=QUERY (the tests do, in headless Chromium), the page types QUERY into
// the editor, runs it, and writes what the results table shows into <pre id="selftest">.
function selfTest(yasgui, query) {
  const report = {ran: false, errors: [], cells: []};
  const write = () => {
    let out = document.getElementById("selftest");
    if (!out) {
      out = document.createElement("pre");
      out.id = "selftest";
      document.body.append(out);
    }
    out.textContent = JSON.stringify(report);
  };
  window.addEventListener("error", (event) => { report.errors.push(String(event.message)); write(); });
  write();
  try {
    const tab = yasgui.getTab();
    yasgui.on("queryResponse", () => {
      report.ran = true;
      setTimeout(() => {
        report.cells = Array.from(document.querySelectorAll(".yasr td")).map((cell) => cell.textContent.trim());
        write();
      }, 500);
    });
    tab.getYasqe().setValue(query);
    tab.query().catch((error) => { report.errors.push(String(error)); write(); });
  } catch (error) {
    report.errors.push(String(error));
    write();
  }
}

document.getElementById("search-form").addEventListener("submit", searchEntities);
startEditor();
if (window.location.hash.startsWith("#selftest=")) {
  selfTest(window.kgnewsYasgui, decodeURIComponent(window.location.hash.slice("#selftest=".length)));
}
