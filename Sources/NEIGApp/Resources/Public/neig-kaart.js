// Turns a map drawn on the server into a zoomable one over the background map, on request. The SVG stays in the
// page (hidden while the zoomable map shows, printed always); every layer is taken from it or from neig's GeoJSON,
// so the zoomable map shows exactly what this reader may see. Without tiles the layers still show, on grey.
(function () {
  "use strict";
  if (window.neigKaart) { return; }
  window.neigKaart = true;

  var loading = null;
  function loadLeaflet(figure) {
    if (window.L) { return Promise.resolve(); }
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = figure.dataset.leafletCss;
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = figure.dataset.leaflet;
      script.onload = function () { resolve(); };
      script.onerror = function () { loading = null; reject(new Error("leaflet")); };
      document.head.appendChild(script);
    });
    return loading;
  }

  function numbers(text) { return (text || "").split(" ").map(Number); }

  // RD New as Leaflet sees it: coordinates are metres (lat = y, lng = x), pixels follow the government's tile
  // matrix set, whose origin and resolutions the page gives.
  function rdCRS(figure) {
    var origin = numbers(figure.dataset.origin);
    var resolutions = numbers(figure.dataset.resolutions);
    return L.extend({}, L.CRS.Simple, {
      transformation: new L.Transformation(1, -origin[0], -1, origin[1]),
      scale: function (zoom) { return Math.pow(2, zoom) / resolutions[0]; },
      zoom: function (scale) { return Math.log(scale * resolutions[0]) / Math.LN2; }
    });
  }

  function titleOf(element) {
    var title = element.querySelector("title");
    return title ? title.textContent : "";
  }

  // Leaflet reads a string tooltip as HTML; an element keeps an address as text.
  function tooltip(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function build(figure, frame, status) {
    var svg = frame.querySelector("svg");
    var bounds = numbers(svg.getAttribute("data-bounds"));
    var levels = numbers(figure.dataset.resolutions).length;
    var live = document.createElement("div");
    live.className = "map-live";
    live.setAttribute("role", "region");
    live.setAttribute("aria-label", titleOf(svg) + " (zoombaar)");
    figure.insertBefore(live, frame);
    var map = L.map(live, { crs: rdCRS(figure), minZoom: 1, maxZoom: levels - 1, zoomSnap: 0.5 });
    map.attributionControl.setPrefix(false);
    var tiles = L.tileLayer(figure.dataset.tiles, {
      attribution: figure.dataset.tilesAttribution, minZoom: 0, maxZoom: levels - 1, tileSize: 256, noWrap: true
    });
    var failed = 0;
    tiles.on("tileerror", function () {
      failed += 1;
      if (failed === 1) { status.textContent = "De achtergrondkaart laadt niet; de lagen van neig staan er wel."; }
    });
    tiles.addTo(map);
    map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]]);

    var styles = {};
    svg.querySelectorAll("path[data-gemeente]").forEach(function (path) {
      styles[path.getAttribute("data-gemeente")] = { fill: path.getAttribute("fill"), title: titleOf(path) };
    });
    var codes = Object.keys(styles);
    var url = figure.dataset.boundaries + (codes.length < 120 ? "?gemeenten=" + codes.join(",") : "");
    var boundaryLayer = null;
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(function (collection) {
        boundaryLayer = L.geoJSON(collection, {
          filter: function (feature) { return styles[feature.id] !== undefined; },
          style: function (feature) {
            var white = styles[feature.id].fill === "#ffffff";
            return { color: white ? "#1a1a1a" : "#5a6670", weight: white ? 3 : 1, fillColor: styles[feature.id].fill,
                     fillOpacity: white ? 0 : 0.55 };
          },
          onEachFeature: function (feature, layer) { layer.bindTooltip(tooltip(styles[feature.id].title), { sticky: true }); }
        }).addTo(map);
        boundaryLayer.bringToBack();
        live.setAttribute("data-layers", String(codes.length));
      })
      .catch(function () { status.textContent = "De gemeentegrenzen laden niet; de punten staan er wel."; });

    svg.querySelectorAll("circle[data-rd]").forEach(function (circle) {
      var xy = numbers(circle.getAttribute("data-rd"));
      var fill = circle.getAttribute("fill");
      var options = {
        color: circle.getAttribute("stroke") || fill, weight: 1.5, fillColor: fill === "none" ? "#ffffff" : fill,
        fillOpacity: fill === "none" ? 0 : Number(circle.getAttribute("fill-opacity") || 1),
        dashArray: circle.getAttribute("stroke-dasharray") || null
      };
      var radius = circle.getAttribute("data-radius");
      var layer = radius ? L.circle([xy[1], xy[0]], L.extend({ radius: Number(radius) }, options))
                         : L.circleMarker([xy[1], xy[0]], L.extend({ radius: Number(circle.getAttribute("r")) }, options));
      layer.options.className = "neig-" + circle.getAttribute("data-kind");
      var title = titleOf(circle);
      if (title) { layer.bindTooltip(tooltip(title)); }
      layer.addTo(map);
    });
    return map;
  }

  function toggle(figure, button, status) {
    var frame = figure.querySelector(".map-frame");
    var live = figure.querySelector(".map-live");
    if (live) {
      live.parentNode.removeChild(live);
      frame.hidden = false;
      button.textContent = "Zoombare kaart met straten";
      button.setAttribute("aria-pressed", "false");
      status.textContent = "De eenvoudige kaart staat er weer.";
      return;
    }
    button.disabled = true;
    status.textContent = "Kaart met straten wordt geladen…";
    loadLeaflet(figure).then(function () {
      frame.hidden = true;
      build(figure, frame, status);
      button.textContent = "Terug naar de eenvoudige kaart";
      button.setAttribute("aria-pressed", "true");
      if (status.textContent === "Kaart met straten wordt geladen…") {
        status.textContent = "Zoombare kaart met straten; zoom met + en −, of met twee vingers.";
      }
    }).catch(function () {
      status.textContent = "De zoombare kaart kan niet worden geladen; de kaart hieronder blijft.";
    }).then(function () { button.disabled = false; });
  }

  function start() {
    document.querySelectorAll("figure.map-figure[data-tiles]").forEach(function (figure) {
      if (figure.querySelector(".map-toggle")) { return; }
      var bar = document.createElement("div");
      bar.className = "map-toolbar";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button secondary map-toggle";
      button.textContent = "Zoombare kaart met straten";
      button.setAttribute("aria-pressed", "false");
      var status = document.createElement("span");
      status.className = "map-status";
      status.setAttribute("role", "status");
      bar.appendChild(button);
      bar.appendChild(status);
      figure.insertBefore(bar, figure.firstChild);
      button.addEventListener("click", function () { toggle(figure, button, status); });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
