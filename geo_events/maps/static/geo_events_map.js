/* geo_events map page code (ours, MIT). Builds the control map and the places map from a JSON
 * data block. User text (place names, sources, evidence sentences) only ever reaches the page
 * through textContent / createTextNode: no string from the data is parsed as HTML. Leaflet's own
 * bindPopup / bindTooltip / attribution treat strings as HTML, so they get DOM nodes here. */
(function () {
  "use strict";

  function node(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    return el;
  }

  function readData(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  /* Index of the last series entry whose date index is <= i, or null. Series are sorted. */
  function entryAt(series, i) {
    var found = null;
    for (var k = 0; k < series.length; k++) {
      if (series[k].d <= i) { found = series[k]; } else { break; }
    }
    return found;
  }

  function sideName(data, side) {
    var s = data.sides[side];
    return s ? s.name : side;
  }

  function sideColor(data, side) {
    var s = data.sides[side];
    return s ? s.color : data.states.unknown.color;
  }

  function statusText(data, entry) {
    if (!entry) { return "No report yet"; }
    if (entry.s === "control") {
      return "Controlled by " + sideName(data, entry.side) +
        (entry.confirmed ? " (reported)" : " (claimed, unconfirmed)");
    }
    if (entry.s === "claimed") { return "Annexation claimed by " + sideName(data, entry.side); }
    if (entry.s === "contested") { return "Contested"; }
    return "Control unknown (events reported, no control change)";
  }

  function markerStyle(data, entry) {
    var st = data.states;
    if (entry.s === "control") {
      var c = sideColor(data, entry.side);
      return entry.confirmed ?
        { color: "#222", weight: 1.5, fillColor: c, fillOpacity: 0.95, dashArray: null } :
        { color: c, weight: 2.5, fillColor: c, fillOpacity: 0.35, dashArray: "3 3" };
    }
    if (entry.s === "contested") {
      return { color: "#222", weight: 2.5, fillColor: st.contested.color, fillOpacity: 0.95,
               dashArray: "2 3" };
    }
    if (entry.s === "claimed") {
      return { color: sideColor(data, entry.side), weight: 2.5, fillColor: "#fff",
               fillOpacity: 0.9, dashArray: "4 3" };
    }
    return { color: "#555", weight: 1.5, fillColor: st.unknown.color, fillOpacity: 0.9,
             dashArray: "1 3" };
  }

  function areaStyle(data, entry) {
    var st = data.states;
    if (!entry) {
      return { color: "#777", weight: 0.8, fillOpacity: 0, dashArray: null };
    }
    if (entry.s === "control") {
      var c = sideColor(data, entry.side);
      return { color: c, weight: 2, fillColor: c, fillOpacity: entry.confirmed ? 0.35 : 0.18,
               dashArray: entry.confirmed ? null : "6 4" };
    }
    if (entry.s === "claimed") {
      var cc = sideColor(data, entry.side);
      return { color: cc, weight: 2.5, fillColor: cc, fillOpacity: 0.12, dashArray: "8 6" };
    }
    if (entry.s === "contested") {
      return { color: st.contested.color, weight: 2, fillColor: st.contested.color,
               fillOpacity: 0.3, dashArray: "4 4" };
    }
    return { color: st.unknown.color, weight: 1.5, fillColor: st.unknown.color, fillOpacity: 0.15,
             dashArray: "1 4" };
  }

  /* SVG hatch patterns for the estimate (claimed: the claimant's colour; contested: amber;
   * unknown: grey), in a hidden <svg> of the page; paths use them as fill "url(#id)". Pattern
   * ids are built from indices, never from data strings. */
  var SVG_NS = "http://www.w3.org/2000/svg";
  function hatchPattern(defs, id, color, cross) {
    var pat = document.createElementNS(SVG_NS, "pattern");
    pat.setAttribute("id", id);
    pat.setAttribute("patternUnits", "userSpaceOnUse");
    pat.setAttribute("width", "8");
    pat.setAttribute("height", "8");
    pat.setAttribute("patternTransform", "rotate(45)");
    var lines = cross ? [[0, 0, 0, 8], [0, 4, 8, 4]] : [[0, 0, 0, 8]];
    lines.forEach(function (l) {
      var ln = document.createElementNS(SVG_NS, "line");
      ln.setAttribute("x1", l[0]); ln.setAttribute("y1", l[1]);
      ln.setAttribute("x2", l[2]); ln.setAttribute("y2", l[3]);
      ln.setAttribute("stroke", color);
      ln.setAttribute("stroke-width", "3");
      pat.appendChild(ln);
    });
    defs.appendChild(pat);
  }

  function addHatches(data) {
    var ids = { claimed: {} };
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", "0");
    svg.setAttribute("height", "0");
    svg.setAttribute("aria-hidden", "true");
    svg.style.position = "absolute";
    var defs = document.createElementNS(SVG_NS, "defs");
    svg.appendChild(defs);
    var n = document.querySelectorAll("svg.ge-hatches").length;
    svg.setAttribute("class", "ge-hatches");
    ids.unknown = "ge-hatch-" + n + "-unknown";
    ids.contested = "ge-hatch-" + n + "-contested";
    hatchPattern(defs, ids.unknown, data.states.unknown.color, false);
    hatchPattern(defs, ids.contested, data.states.contested.color, true);
    Object.keys(data.sides).forEach(function (side, k) {
      ids.claimed[side] = "ge-hatch-" + n + "-claimed-" + k;
      hatchPattern(defs, ids.claimed[side], data.sides[side].color, false);
    });
    document.body.appendChild(svg);
    return ids;
  }

  /* Style of an estimate polygon by its state: held (the side's colour, solid), claimed
   * (hatched in the claimant's colour, dashed outline), contested (amber cross-hatch), unknown
   * (grey hatch: no evidence). */
  function estimateStyle(data, hatches, p) {
    var st = data.states;
    if (p.state === "held") {
      var c = sideColor(data, p.side);
      return { color: c, weight: 1, fillColor: c, fillOpacity: 0.3, dashArray: null };
    }
    if (p.state === "claimed") {
      var cc = sideColor(data, p.side);
      return { color: cc, weight: 2, fillColor: "url(#" + (hatches.claimed[p.side] || hatches.unknown) + ")",
               fillOpacity: 0.8, dashArray: "6 4" };
    }
    if (p.state === "contested") {
      return { color: st.contested.color, weight: 1, fillColor: "url(#" + hatches.contested + ")",
               fillOpacity: 0.8, dashArray: "2 4" };
    }
    return { color: st.unknown.color, weight: 0.5, fillColor: "url(#" + hatches.unknown + ")",
             fillOpacity: 0.45, dashArray: "1 4" };
  }

  function estimateText(data, p) {
    var what;
    if (p.state === "held") { what = "held by " + sideName(data, p.side); }
    else if (p.state === "claimed") { what = "claimed by " + sideName(data, p.side) + ", unconfirmed"; }
    else if (p.state === "contested") { what = "contested"; }
    else { what = "unknown: no evidence"; }
    return "Estimate as of " + p.date + ": " + what + ". Last evidence: " +
      (p.last_evidence || "none") + ". Not a front line.";
  }

  function estimatePopup(data, p) {
    var box = node("div", "ge-popup");
    box.appendChild(node("div", "ge-popup-title", "Estimated control area"));
    box.appendChild(node("div", "ge-popup-status", estimateText(data, p)));
    if (p.method) { box.appendChild(node("div", "ge-popup-admin", "Method: " + p.method)); }
    return box;
  }

  function baselineText(data, p) {
    return "Baseline layer (given by the user): " + sideName(data, p.side) +
      (p.date ? " as of " + p.date : "");
  }

  /* Popup content: place, admin unit, status, then every event up to the shown date. */
  function popupContent(data, item, i) {
    var box = node("div", "ge-popup");
    box.appendChild(node("div", "ge-popup-title", item.name));
    if (item.admin1) { box.appendChild(node("div", "ge-popup-admin", item.admin1)); }
    if (item.approx) {
      box.appendChild(node("div", "ge-popup-admin", item.approx === "community" ?
        "Approximate location: its territorial community (not in the gazetteer)" :
        item.approx === "offset" ?
        "Approximate location: the distance and direction the text gives from a town (not in the gazetteer)" :
        "Approximate location: the town it is reported near (not in the gazetteer)"));
    }
    box.appendChild(node("div", "ge-popup-status", statusText(data, entryAt(item.series, i))));
    var list = node("ol", "ge-events");
    var shown = 0;
    for (var k = item.events.length - 1; k >= 0; k--) {
      var ev = data.events[item.events[k]];
      if (ev.d > i) { continue; }
      var li = node("li", "ge-event");
      var head = node("div", "ge-event-head");
      head.appendChild(node("span", "ge-date", ev.date || "undated"));
      head.appendChild(document.createTextNode(" · "));
      head.appendChild(node("span", "ge-kind", ev.kind));
      head.appendChild(document.createTextNode(" · "));
      head.appendChild(node("span", "ge-status", ev.status));
      if (ev.side) {
        head.appendChild(document.createTextNode(" · "));
        head.appendChild(node("span", "ge-side", sideName(data, ev.side)));
      }
      li.appendChild(head);
      li.appendChild(node("div", "ge-source", "Source: " + (ev.source || "unknown")));
      li.appendChild(node("blockquote", "ge-sentence", ev.sentence));
      if (ev.id) { li.appendChild(node("div", "ge-event-id", "Event id: " + ev.id)); }
      list.appendChild(li);
      shown++;
    }
    if (shown) { box.appendChild(list); }
    return box;
  }

  /* Permanent name labels for the main places: the data.labels best-ranked places drawn at the
   * opening zoom, twice as many per zoom level in; a label that would overlap a better-ranked
   * one waits for a closer zoom. Names are set with textContent. */
  function placeLabels(map, data) {
    var layer = L.layerGroup().addTo(map);
    var entries = [];
    var baseZoom = null;
    function add(item, isShown) {
      var tip = L.tooltip({ permanent: true, direction: "right", offset: [7, 0],
                            className: "ge-label", interactive: false, opacity: 1 });
      tip.setLatLng([item.lat, item.lon]).setContent(node("span", null, item.name));
      entries.push({ item: item, tip: tip, isShown: isShown, on: false });
    }
    function overlaps(a, b) {
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }
    function refresh() {
      if (baseZoom === null) { return; }
      var limit = (data.labels || 8) * Math.pow(2, Math.max(0, map.getZoom() - baseZoom));
      var placed = [];
      entries.sort(function (a, b) { return a.item.rank - b.item.rank; });
      entries.forEach(function (e) {
        var want = placed.length < limit && e.isShown();
        if (want) {
          if (!e.on) { layer.addLayer(e.tip); e.on = true; }
          var el = e.tip.getElement();
          var box = el ? el.getBoundingClientRect() : null;
          if (box && placed.some(function (p) { return overlaps(p, box); })) { want = false; }
          else if (box) { placed.push(box); }
        }
        if (!want && e.on) { layer.removeLayer(e.tip); e.on = false; }
      });
    }
    function start() { baseZoom = map.getZoom(); refresh(); }
    map.on("zoomend", refresh);
    return { layer: layer, add: add, refresh: refresh, start: start,
             shown: function () { return entries.filter(function (e) { return e.on; })
                                            .map(function (e) { return e.item.name; }); } };
  }

  function addAttribution(map, text) {
    var ctl = L.control({ position: "bottomright" });
    ctl.onAdd = function () {
      return node("div", "leaflet-control-attribution leaflet-control ge-attribution", text);
    };
    ctl.addTo(map);
  }

  // Online tiles are optional: when one fails (no network, blocked host) the embedded base map
  // is filled in again, so the page stays readable without them.
  function fillBaseWhenTilesFail(map, base) {
    if (!base) { return; }
    map.eachLayer(function (layer) {
      if (layer instanceof L.TileLayer) {
        layer.on("tileerror", function () {
          if (!map.geoEventsTilesFailed) {
            map.geoEventsTilesFailed = true;
            base.setStyle({ fillOpacity: 1 });
          }
        });
      }
    });
  }

  function addTitle(map, title) {
    var ctl = L.control({ position: "topright" });
    var asOf = node("div", "ge-asof");
    ctl.onAdd = function () {
      var box = node("div", "leaflet-control ge-title");
      box.appendChild(node("div", "ge-title-text", title));
      box.appendChild(asOf);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    ctl.addTo(map);
    return asOf;
  }

  function legendRow(list, swatchStyle, label) {
    var row = node("div", "ge-legend-row");
    var sw = node("span", "ge-swatch");
    for (var key in swatchStyle) {
      if (Object.prototype.hasOwnProperty.call(swatchStyle, key)) { sw.style[key] = swatchStyle[key]; }
    }
    row.appendChild(sw);
    row.appendChild(node("span", "ge-legend-label", label));
    list.appendChild(row);
  }

  function addControlLegend(map, data) {
    var ctl = L.control({ position: "bottomright" });
    var legend = { lastEvidence: null };
    ctl.onAdd = function () {
      var box = node("div", "leaflet-control ge-legend");
      box.appendChild(node("div", "ge-legend-title", "Reported control"));
      for (var side in data.sides) {
        if (!Object.prototype.hasOwnProperty.call(data.sides, side)) { continue; }
        var c = data.sides[side].color;
        legendRow(box, { background: c, border: "1.5px solid #222" }, data.sides[side].name);
      }
      legendRow(box, { background: "#ddd", border: "2px dashed #555" },
                "Claimed, unconfirmed (dashed)");
      legendRow(box, { background: data.states.contested.color, border: "2px dashed #222" },
                "Contested");
      legendRow(box, { background: data.states.unknown.color, border: "1.5px dotted #555" },
                "Control unknown");
      legendRow(box, { background: "transparent", border: "2.5px dashed #555" },
                "Admin unit: annexation claimed");
      if (data.mentioned && data.mentioned.length) {
        legendRow(box, { background: "#fff", border: "1px solid #777", width: "9px",
                         height: "9px", margin: "0 2px" }, "Place mentioned, no event");
      }
      if (data.estimate && data.estimate.length) {
        box.appendChild(node("div", "ge-legend-title", "Estimated control area"));
        legendRow(box, { background: "#bbb", opacity: "0.6", border: "1px solid #555",
                         borderRadius: "0" }, "Held (side's colour)");
        legendRow(box, { background: "repeating-linear-gradient(45deg,#555 0 2px,#fff 2px 5px)",
                         border: "2px dashed #555", borderRadius: "0" },
                  "Claimed, unconfirmed (hatched, claimant's colour)");
        legendRow(box, { background: "repeating-linear-gradient(45deg," + data.states.contested.color +
                         " 0 2px,#fff 2px 4px),repeating-linear-gradient(-45deg," +
                         data.states.contested.color + " 0 2px,#fff 2px 4px)",
                         border: "1px dashed " + data.states.contested.color, borderRadius: "0" },
                  "Contested (cross-hatched)");
        legendRow(box, { background: "repeating-linear-gradient(45deg," + data.states.unknown.color +
                         " 0 2px,#fff 2px 5px)", border: "1px dotted " + data.states.unknown.color,
                         borderRadius: "0" }, "Unknown: no evidence (hatched grey)");
        legend.lastEvidence = node("div", "ge-legend-note", "");
        box.appendChild(legend.lastEvidence);
      }
      if (data.baseline && data.baseline.features.length) {
        legendRow(box, { background: "transparent", border: "2px dashed #333", borderRadius: "0" },
                  "Baseline layer (given)");
      }
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    ctl.addTo(map);
    return legend;
  }

  function addSlider(map, data, onChange, start) {
    var ctl = L.control({ position: "bottomleft" });
    var input = node("input", "ge-slider-input");
    input.type = "range";
    input.min = 0;
    input.max = Math.max(0, data.dates.length - 1);
    input.step = 1;
    input.value = start;
    input.setAttribute("aria-label", "Date shown on the map");
    var label = node("span", "ge-slider-date");
    var play = node("button", "ge-slider-play", "\u25B6");
    play.type = "button";
    play.title = "Replay the changes";
    var timer = null;
    function stop() { if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25B6"; } }
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      if (+input.value >= +input.max) { input.value = 0; onChange(0); }
      play.textContent = "\u275A\u275A";
      timer = setInterval(function () {
        if (+input.value >= +input.max) { stop(); return; }
        input.value = +input.value + 1;
        onChange(+input.value);
      }, 900);
    });
    ctl.onAdd = function () {
      var box = node("div", "leaflet-control ge-slider");
      box.appendChild(play);
      box.appendChild(input);
      box.appendChild(label);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    ctl.addTo(map);
    function changed() { stop(); onChange(parseInt(input.value, 10)); }
    input.addEventListener("input", changed);
    input.addEventListener("change", changed);
    return { input: input, label: label };
  }

  function control(map, data) {
    var current = data.start;
    var admin = L.layerGroup().addTo(map);
    var settlements = L.layerGroup().addTo(map);
    var estimate = L.layerGroup();
    var base = null;

    if (data.base && data.base.features.length) {
      base = L.geoJSON(data.base, {
        interactive: false,
        style: function () { return { color: "#666", weight: 0.7, fill: true, fillColor: "#f4f1ea",
                                      fillOpacity: data.tiles ? 0 : 1 }; }
      }).addTo(map);
      base.bringToBack();
      fillBaseWhenTilesFail(map, base);
    }

    var areaLayers = [];
    (data.areas || []).forEach(function (item) {
      var layer = L.geoJSON(item.geometry, { style: areaStyle(data, entryAt(item.series, current)) });
      layer.bindPopup(function () { return popupContent(data, item, current); }, { maxWidth: 420 });
      layer.bindTooltip(function () { return node("span", "ge-tip", item.name); }, { sticky: true });
      areaLayers.push({ item: item, layer: layer });
      layer.addTo(admin);
    });

    var markers = [];
    (data.places || []).forEach(function (item) {
      // a village placed at its community or a nearby town: a smaller dot, said approximate
      var m = L.circleMarker([item.lat, item.lon], { radius: item.approx ? 5 : 7 });
      m.bindPopup(function () { return popupContent(data, item, current); }, { maxWidth: 420 });
      m.bindTooltip(function () {
        return node("span", "ge-tip", item.approx ? item.name + " (approximate)" : item.name);
      });
      markers.push({ item: item, marker: m, shown: false });
    });

    var hatches = addHatches(data);
    var estimateLayers = (data.estimate || []).map(function (snap) {
      var newest = "";
      snap.features.features.forEach(function (f) {
        var le = f.properties.last_evidence || "";
        if (f.properties.state !== "unknown" && le > newest) { newest = le; }
      });
      return { d: snap.d, date: snap.date, lastEvidence: newest, layer: L.geoJSON(snap.features, {
        interactive: true,
        style: function (f) { return estimateStyle(data, hatches, f.properties); },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(function () {
            return node("span", "ge-tip", estimateText(data, f.properties));
          }, { sticky: true });
          layer.bindPopup(function () { return estimatePopup(data, f.properties); },
                          { maxWidth: 420 });
        }
      }) };
    });
    var baseline = null;
    if (data.baseline && data.baseline.features.length) {
      baseline = L.geoJSON(data.baseline, {
        style: function (f) {
          var c = sideColor(data, f.properties.side);
          return { color: c, weight: 2, fillColor: c, fillOpacity: 0.08, dashArray: "10 5" };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(function () { return node("span", "ge-tip", baselineText(data, f.properties)); },
                            { sticky: true });
          layer.bindPopup(function () {
            var box = node("div", "ge-popup");
            box.appendChild(node("div", "ge-popup-title", "Baseline layer"));
            box.appendChild(node("div", "ge-popup-status", baselineText(data, f.properties)));
            return box;
          }, { maxWidth: 420 });
        }
      }).addTo(map);
    }

    var known = null;
    if (data.known && data.known.features && data.known.features.length) {
      known = L.geoJSON(data.known, {
        interactive: true,
        style: function (f) {
          var c = sideColor(data, f.properties.side);
          return { color: c, weight: 1, fillColor: c, fillOpacity: 0.12, dashArray: "6 3" };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(function () {
            return node("span", "ge-tip", "Starting state: held by " + sideName(data, f.properties.side) + " since " + f.properties.date +
                        " (" + f.properties.source + ")");
          }, { sticky: true });
        }
      });
      known.addTo(map);
    }

    var mentioned = L.layerGroup();
    (data.mentioned || []).forEach(function (item) {
      var m = L.circleMarker([item.lat, item.lon], { radius: 4, color: "#777", weight: 1,
                                                     fillColor: "#fff", fillOpacity: 0.9 });
      m.bindPopup(function () { return placesPopup(item); }, { maxWidth: 420 });
      m.bindTooltip(function () { return node("span", "ge-tip", item.name); });
      mentioned.addLayer(m);
    });
    if (data.mentioned && data.mentioned.length) { mentioned.addTo(map); }

    var labels = placeLabels(map, data);
    markers.forEach(function (m) {
      labels.add(m.item, function () { return m.shown && map.hasLayer(settlements); });
    });
    (data.mentioned || []).forEach(function (item) {
      labels.add(item, function () { return map.hasLayer(mentioned); });
    });
    map.on("overlayadd overlayremove", function () { labels.refresh(); });

    var asOf = addTitle(map, data.title);
    if (data.unlocated && data.unlocated.length) {
      asOf.parentNode.appendChild(node("div", "ge-unlocated",
        "Not drawn (not in the gazetteer; only their region is known): " +
        data.unlocated.join(", ")));
    }

    function setIndex(i) {
      current = Math.max(0, Math.min(i, data.dates.length - 1));
      asOf.textContent = data.dates.length ? "As of " + data.dates[current] : "No dated events";
      areaLayers.forEach(function (a) {
        a.layer.setStyle(areaStyle(data, entryAt(a.item.series, current)));
      });
      markers.forEach(function (m) {
        var entry = entryAt(m.item.series, current);
        if (!entry) {
          if (m.shown) { settlements.removeLayer(m.marker); m.shown = false; }
          return;
        }
        m.marker.setStyle(markerStyle(data, entry));
        if (!m.shown) { settlements.addLayer(m.marker); m.shown = true; }
      });
      estimate.clearLayers();
      var snap = null;
      estimateLayers.forEach(function (s) { if (s.d <= current) { snap = s; } });
      if (snap) { estimate.addLayer(snap.layer); }
      if (legend && legend.lastEvidence) {
        legend.lastEvidence.textContent = snap ?
          "Estimate of " + snap.date + "; last evidence " + (snap.lastEvidence || "none") :
          "No estimate before the first evidence";
      }
      if (slider) { slider.label.textContent = data.dates[current] || ""; slider.input.value = current; }
      labels.refresh();
    }

    var slider = null;
    if (data.dates.length > 1) { slider = addSlider(map, data, setIndex, current); }

    var overlays = {};
    overlays["Admin units (status)"] = admin;
    overlays["Settlements (reported control)"] = settlements;
    if (estimateLayers.length) {
      overlays["Estimated control area (estimate)"] = estimate;
      estimate.addTo(map);
    }
    if (baseline) { overlays["Baseline layer (given)"] = baseline; }
    if (known) { overlays["Starting state (profile)"] = known; }
    if (data.mentioned && data.mentioned.length) {
      overlays["Places mentioned, no event"] = mentioned;
    }
    overlays["Place names"] = labels.layer;
    if (base) { overlays["Boundaries (base map)"] = base; }
    L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);
    var legend = addControlLegend(map, data);
    addAttribution(map, data.attribution);
    setIndex(current);
    if (data.bounds) { map.fitBounds(data.bounds, { animate: false }); }
    labels.start();
    return { map: map, setIndex: setIndex, index: function () { return current; },
             markers: markers, areas: areaLayers, mentioned: mentioned.getLayers(),
             estimate: estimate, baseline: baseline ? baseline.getLayers() : [],
             labels: labels.shown };
  }

  function placesPopup(item) {
    var box = node("div", "ge-popup");
    box.appendChild(node("div", "ge-popup-title", item.name));
    var where = [item.admin1, item.country].filter(function (x) { return !!x; }).join(", ");
    if (where) { box.appendChild(node("div", "ge-popup-admin", where)); }
    box.appendChild(node("div", "ge-popup-status", item.mentions.length + " mention(s)"));
    var list = node("ol", "ge-events");
    item.mentions.forEach(function (m) {
      var li = node("li", "ge-event");
      li.appendChild(node("div", "ge-event-head", "\u201c" + m.surface + "\u201d  score " + m.score +
                          (m.article ? "  · " + m.article : "")));
      if (m.sentence) { li.appendChild(node("blockquote", "ge-sentence", m.sentence)); }
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function places(map, data) {
    // Without a tile layer Leaflet has no maxZoom, and markercluster refuses to work without one.
    if (map.getMaxZoom() === Infinity) { map.setMaxZoom(18); }
    var group = (data.cluster && L.markerClusterGroup) ?
      L.markerClusterGroup({ chunkedLoading: true }) : L.featureGroup();
    var base = null;
    if (data.base && data.base.features.length) {
      base = L.geoJSON(data.base, {
        interactive: false,
        style: function () { return { color: "#666", weight: 0.7, fillColor: "#f4f1ea",
                                      fillOpacity: data.tiles ? 0 : 1 }; }
      }).addTo(map);
      fillBaseWhenTilesFail(map, base);
    }
    var icon = L.divIcon({ className: "ge-place-dot", iconSize: [12, 12] });
    var markers = data.places.map(function (item) {
      var m = L.marker([item.lat, item.lon], { icon: icon, keyboard: false });
      m.bindPopup(function () { return placesPopup(item); }, { maxWidth: 420 });
      m.bindTooltip(function () { return node("span", "ge-tip", item.name); });
      return m;
    });
    if (group.addLayers) { group.addLayers(markers); } else { markers.forEach(function (m) { group.addLayer(m); }); }
    group.addTo(map);
    addTitle(map, data.title).textContent = data.subtitle || "";
    var labels = placeLabels(map, data);
    if (!data.cluster) {  // clustered markers are not drawn one by one: no labels
      data.places.forEach(function (item) {
        labels.add(item, function () { return map.hasLayer(group); });
      });
    }
    map.on("overlayadd overlayremove", function () { labels.refresh(); });
    var overlays = { "Places": group, "Place names": labels.layer };
    if (base) { overlays["Boundaries (base map)"] = base; }
    L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);
    addAttribution(map, data.attribution);
    if (data.bounds) { map.fitBounds(data.bounds, { maxZoom: 8, animate: false }); }
    labels.start();
    return { map: map, markers: markers, group: group, labels: labels.shown };
  }

  window.GeoEventsMap = { control: control, places: places, readData: readData };
  window.geoEventsMaps = window.geoEventsMaps || {};
})();
