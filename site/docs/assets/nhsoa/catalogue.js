/* The catalogue's facets, text filter, sort and shareable URL state.
 *
 * Data: window.nhsoaCatalogue (catalogue-data.js). The text box is ranked by search.js over
 * window.nhsoaSearchIndex (the same rules as `nhsoa search`). Filters are ANDed across facets and
 * ORed within one. A facet's counts apply every other facet's selection (so they say how
 * many tools picking that value would add), computed in one pass over the tools.
 * Everything is built with DOM calls and textContent: registry text never becomes markup.
 * A screen reader hears each value's count with its name ("R 12 tools"), and after each
 * change what changed and how many tools match (a polite live region, quiet while typing).
 */
(function () {
  "use strict";
  var data = window.nhsoaCatalogue;
  var root = document.getElementById("nhsoa-catalogue");
  if (!data || !root) return;

  var PAGE = 50, VISIBLE_VALUES = 8;
  var facets = data.facets, tools = data.tools, nf = facets.length;
  var BADGE_FACETS = ["phase", "rap", "licence", "safety"];
  var facetIndex = {};
  facets.forEach(function (f, i) { facetIndex[f.key] = i; });

  var byName = tools.map(function (_, i) { return i; });  // data arrive sorted by name
  var byVerified = byName.slice().sort(function (a, b) {
    return tools[a][4] < tools[b][4] ? 1 : tools[a][4] > tools[b][4] ? -1 : a - b;
  });
  var byAdopted = byName.slice().sort(function (a, b) { return tools[b][5] - tools[a][5] || a - b; });
  // "relevance" is the search's order; without a query it is the order by name.
  var ORDERS = { relevance: byName, name: byName, verified: byVerified, adopted: byAdopted };

  var state = { q: "", sort: "relevance", selected: facets.map(function () { return new Set(); }) };
  var expanded = facets.map(function () { return false; });
  var shown = PAGE, textMatch = null, textOrder = null, textFor = null;
  var toolAt = {};
  tools.forEach(function (t, i) { toolAt[t[0]] = i; });

  var el = {
    q: document.getElementById("nhsoa-q"),
    sort: document.getElementById("nhsoa-sort"),
    facets: document.getElementById("nhsoa-facets"),
    count: document.getElementById("nhsoa-count"),
    results: document.getElementById("nhsoa-results"),
    more: document.getElementById("nhsoa-more"),
    active: document.getElementById("nhsoa-active"),
    clear: document.getElementById("nhsoa-clear"),
    toggle: document.getElementById("nhsoa-filters-toggle"),
    announce: document.getElementById("nhsoa-announce")
  };
  var TYPING_PAUSE = 700, CHANGE_PAUSE = 150;  // ms before a change is read out
  var announceTimer = null;

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "className") node.className = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- URL state -------------------------------------------------------------------
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = params.get("search") || "";  // not "q": Material's own search opens on ?q=
    state.sort = ORDERS[params.get("sort")] ? params.get("sort") : "relevance";
    facets.forEach(function (f, i) {
      state.selected[i] = new Set();
      params.getAll(f.key).forEach(function (value) {
        var code = f.ids.indexOf(value);
        if (code >= 0) state.selected[i].add(code);
      });
    });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (state.q) params.set("search", state.q);
    if (state.sort !== "relevance") params.set("sort", state.sort);
    facets.forEach(function (f, i) {
      Array.from(state.selected[i]).sort(function (a, b) { return a - b; }).forEach(function (code) {
        params.append(f.key, f.ids[code]);
      });
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try { window.history.replaceState(null, "", url); } catch (e) { /* file: pages may refuse */ }
  }

  // ---- Filtering and counting ------------------------------------------------------
  function matchText() {
    var q = state.q.trim();
    if (q === textFor) return textMatch;
    textFor = q;
    textMatch = null;
    textOrder = null;
    // ---- search.js call site: the tools the query matches, best first ----
    if (q && window.nhsoaSearch && window.nhsoaSearchIndex) {
      textMatch = new Uint8Array(tools.length);
      textOrder = [];
      window.nhsoaSearch.rank(window.nhsoaSearchIndex, q).forEach(function (hit) {
        var i = toolAt[hit.id];
        if (i !== undefined) { textMatch[i] = 1; textOrder.push(i); }
      });
    }
    return textMatch;
  }

  function compute() {
    var text = matchText();
    var counts = facets.map(function (f) { return new Int32Array(f.ids.length); });
    var active = [];
    for (var f = 0; f < nf; f++) if (state.selected[f].size) active.push(f);
    var hits = new Uint8Array(tools.length), total = 0;
    for (var i = 0; i < tools.length; i++) {
      if (text && !text[i]) continue;
      var codes = tools[i][6], failed = -1, fails = 0;
      for (var a = 0; a < active.length && fails < 2; a++) {
        var fi = active[a], sel = state.selected[fi], vals = codes[fi], ok = false;
        for (var v = 0; v < vals.length; v++) if (sel.has(vals[v])) { ok = true; break; }
        if (!ok) { fails++; failed = fi; }
      }
      if (fails === 0) {
        hits[i] = 1; total++;
        for (var g = 0; g < nf; g++) { var cv = codes[g]; for (var k = 0; k < cv.length; k++) counts[g][cv[k]]++; }
      } else if (fails === 1) {
        var fv = codes[failed]; for (var m = 0; m < fv.length; m++) counts[failed][fv[m]]++;
      }
    }
    var order = state.sort === "relevance" && textOrder ? textOrder : ORDERS[state.sort], results = [];
    for (var r = 0; r < order.length; r++) if (hits[order[r]]) results.push(order[r]);
    return { counts: counts, results: results, total: total };
  }

  // ---- Rendering -------------------------------------------------------------------
  function renderFacets(counts) {
    var focused = document.activeElement && document.activeElement.id;
    var frag = document.createDocumentFragment();
    facets.forEach(function (f, fi) {
      var sel = state.selected[fi], c = counts[fi];
      var codes = f.order ? f.order.slice() : Array.from(f.ids.keys()).sort(function (a, b) {
        return c[b] - c[a] || (f.labels[a] < f.labels[b] ? -1 : 1);
      });
      codes = codes.filter(function (code) { return c[code] > 0 || sel.has(code); });
      if (!codes.length) return;
      var box = make("fieldset", { className: "nhsoa-facet" });
      box.appendChild(make("legend", null, f.label));
      var limit = expanded[fi] ? codes.length : VISIBLE_VALUES;
      var list = make("ul");
      codes.forEach(function (code, n) {
        if (n >= limit && !sel.has(code)) return;
        var id = "nhsoa-f-" + f.key + "-" + code;
        var item = make("li");
        var input = make("input", { type: "checkbox", id: id, "data-facet": fi, "data-code": code });
        input.checked = sel.has(code);
        var label = make("label", { "for": id });
        label.appendChild(make("span", { className: "nhsoa-facet__label" }, f.labels[code]));
        var count = make("span", { className: "nhsoa-facet__count" });
        count.appendChild(document.createTextNode(" " + c[code]));  // the space keeps name and count apart
        count.appendChild(make("span", { className: "nhs-visually-hidden" }, c[code] === 1 ? " tool" : " tools"));
        label.appendChild(count);
        item.appendChild(input); item.appendChild(label); list.appendChild(item);
      });
      box.appendChild(list);
      if (codes.length > VISIBLE_VALUES) {
        var toggle = make("button", { type: "button", className: "nhsoa-facet__more", "data-expand": fi,
          "aria-expanded": String(expanded[fi]), id: "nhsoa-more-" + f.key },
          expanded[fi] ? "Show fewer" : "Show all " + codes.length);
        box.appendChild(toggle);
      }
      frag.appendChild(box);
    });
    el.facets.replaceChildren(frag);
    if (focused) { var again = document.getElementById(focused); if (again) again.focus(); }
  }

  function badge(f, code) {
    var value = facets[f].ids[code];
    return make("span", { className: "nhsoa-badge nhsoa-badge--" + facets[f].key + "-" + value.replace(/[^a-z0-9-]/gi, "") },
      facets[f].labels[code]);
  }

  function card(i) {
    var t = tools[i], codes = t[6];
    var li = make("li", { className: "nhsoa-card" });
    var h = make("h3", { className: "nhsoa-card__name" });
    h.appendChild(make("a", { href: data.toolUrl.replace(data.placeholder, t[0]) }, t[1]));
    li.appendChild(h);
    var badges = make("p", { className: "nhsoa-badges" });
    BADGE_FACETS.forEach(function (key) {
      var f = facetIndex[key];
      if (f === undefined) return;
      codes[f].forEach(function (code) { badges.appendChild(badge(f, code)); });
    });
    li.appendChild(badges);
    li.appendChild(make("p", { className: "nhsoa-card__summary" }, t[2]));
    var meta = [];
    var owner = facetIndex.owner, lang = facetIndex.language;
    if (owner !== undefined) meta.push(codes[owner].map(function (c) { return facets[owner].labels[c]; }).join(", "));
    if (lang !== undefined && codes[lang].length) meta.push(codes[lang].map(function (c) { return facets[lang].labels[c]; }).join(", "));
    meta.push(t[5] === 1 ? "1 adopter" : t[5] + " adopters");
    if (t[4]) meta.push("verified " + t[4]);
    li.appendChild(make("p", { className: "nhsoa-card__meta" }, meta.join(" · ")));
    return li;
  }

  function renderResults(result) {
    var frag = document.createDocumentFragment();
    var n = Math.min(shown, result.results.length);
    for (var i = 0; i < n; i++) frag.appendChild(card(result.results[i]));
    el.results.replaceChildren(frag);
    el.count.textContent = totalText(result.total);
    var rest = result.results.length - n;
    el.more.hidden = rest <= 0;
    el.more.textContent = "Show " + Math.min(PAGE, rest) + " more (" + rest + " not shown)";
    if (!result.total) el.results.appendChild(make("li", { className: "nhsoa-empty" },
      "No tool matches all of these filters. Remove one to see more."));
  }

  function totalText(total) {
    return total === tools.length
      ? tools.length + (tools.length === 1 ? " tool" : " tools")
      : total + " of " + tools.length + " tools match";
  }

  // Read out what changed and the new total, once the user pauses; the same words twice are
  // read twice (the region is emptied first).
  function announce(what, total, pause) {
    if (!el.announce) return;
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () {
      el.announce.textContent = "";
      window.setTimeout(function () { el.announce.textContent = (what ? what + ". " : "") + totalText(total) + "."; }, 50);
    }, pause);
  }

  function renderActive() {
    var frag = document.createDocumentFragment(), any = false;
    facets.forEach(function (f, fi) {
      state.selected[fi].forEach(function (code) {
        any = true;
        var b = make("button", { type: "button", className: "nhsoa-chip", "data-facet": fi, "data-code": code,
          "aria-label": "Remove filter " + f.label + ": " + f.labels[code] }, f.label + ": " + f.labels[code] + " ×");
        frag.appendChild(b);
      });
    });
    if (state.q.trim()) {
      any = true;
      frag.appendChild(make("button", { type: "button", className: "nhsoa-chip", "data-q": "1",
        "aria-label": "Remove text filter" }, "Text: " + state.q.trim() + " ×"));
    }
    el.active.replaceChildren(frag);
    el.clear.hidden = !any;
    var chosen = state.selected.reduce(function (n, s) { return n + s.size; }, 0);
    if (el.toggle) el.toggle.textContent = chosen ? "Filters (" + chosen + " chosen)" : "Filters";
  }

  // what: the change to read out ("" reads only the total; null reads nothing)
  function update(keepShown, what, pause) {
    if (!keepShown) shown = PAGE;
    var result = compute();
    renderFacets(result.counts);
    renderResults(result);
    renderActive();
    writeUrl();
    if (what !== null && what !== undefined) announce(what, result.total, pause || CHANGE_PAUSE);
  }

  function valueName(fi, code) { return facets[fi].label + ": " + facets[fi].labels[code]; }

  // ---- Events ----------------------------------------------------------------------
  el.facets.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=checkbox]")) return;
    var fi = +input.getAttribute("data-facet"), sel = state.selected[fi], code = +input.getAttribute("data-code");
    if (input.checked) sel.add(code); else sel.delete(code);
    update(false, (input.checked ? "Filter added: " : "Filter removed: ") + valueName(fi, code));
  });
  el.facets.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-expand]");
    if (!button) return;
    var fi = +button.getAttribute("data-expand");
    expanded[fi] = !expanded[fi];
    update(true);
    var again = document.getElementById(button.id); if (again) again.focus();
  });
  el.active.addEventListener("click", function (event) {
    var chip = event.target.closest && event.target.closest("button");
    if (!chip) return;
    var what = "Text filter removed";
    if (chip.getAttribute("data-q")) { state.q = ""; el.q.value = ""; }
    else {
      var fi = +chip.getAttribute("data-facet"), code = +chip.getAttribute("data-code");
      state.selected[fi].delete(code);
      what = "Filter removed: " + valueName(fi, code);
    }
    update(false, what);
    el.q.focus();
  });
  el.clear.addEventListener("click", function () {
    state.q = ""; el.q.value = "";
    state.selected.forEach(function (s) { s.clear(); });
    update(false, "All filters cleared");
    el.q.focus();
  });
  el.q.addEventListener("input", function () { state.q = el.q.value; update(false, "", TYPING_PAUSE); });
  el.sort.addEventListener("change", function () {
    state.sort = el.sort.value;
    update(false, "Sorted by " + el.sort.options[el.sort.selectedIndex].text.toLowerCase());
  });
  // The button may go once all are shown: focus moves to the first tool it brought in.
  el.more.addEventListener("click", function () {
    var first = shown;
    shown += PAGE;
    update(true, null);
    var card = el.results.children[first], link = card && card.querySelector("a");
    if (link) link.focus();
  });
  // On a narrow screen the filters fold away above the results; this button shows them.
  if (el.toggle) el.toggle.addEventListener("click", function () {
    var open = el.toggle.getAttribute("aria-expanded") !== "true";
    el.toggle.setAttribute("aria-expanded", String(open));
    el.facets.classList.toggle("nhsoa-facets--open", open);
  });

  readUrl();
  el.q.value = state.q;
  el.sort.value = state.sort;
  root.hidden = false;
  update(false);
  root.setAttribute("data-ready", "true");
})();
