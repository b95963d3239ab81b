// Address search on the incident and case forms. The browser asks PDOK Locatieserver (or the server that
// NEIG_ADDRESS_SEARCH names) for suggestions, then for the chosen address, and fills the form's own fields, which stay
// editable: typing an address and coordinates by hand works as it did without this script. Answers are read as data
// and shown as text, never as HTML.
(function () {
  "use strict";

  function text(value) {
    if (typeof value === "string") { return value.trim(); }
    if (typeof value === "number" && isFinite(value)) { return String(value); }
    return "";
  }

  function docsOf(answer) {
    var response = answer && typeof answer === "object" ? answer.response : null;
    return response && Array.isArray(response.docs) ? response.docs : [];
  }

  // Suggest answers: addresses only, each with the id the lookup needs and the name people read.
  function parseSuggest(answer) {
    var items = [];
    docsOf(answer).forEach(function (doc) {
      if (!doc || doc.type !== "adres") { return; }
      var id = text(doc.id), label = text(doc.weergavenaam);
      if (id && label && id.length <= 200 && label.length <= 300) { items.push({ id: id, label: label }); }
    });
    return items.slice(0, 10);
  }

  // "POINT(155990.61 464256.19)" in RD New metres.
  function point(wkt) {
    var match = /^POINT\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/.exec(text(wkt));
    return match ? { x: Number(match[1]), y: Number(match[2]) } : null;
  }

  function houseNumber(doc) {
    var number = text(doc.huisnummer);
    if (!number) { return text(doc.huis_nlt); }
    var addition = text(doc.huisnummertoevoeging);
    return number + text(doc.huisletter) + (addition ? "-" + addition : "");
  }

  // A lookup answer as the form's fields, or null when it is not an address in the Netherlands with a position.
  // Every value is checked against the rule the server applies, so nothing the server would refuse is filled in.
  function parseLookup(answer) {
    var doc = docsOf(answer)[0];
    if (!doc || doc.type !== "adres") { return null; }
    var rd = point(doc.centroide_rd);
    if (!rd || rd.x < 0 || rd.x > 300000 || rd.y < 300000 || rd.y > 625000) { return null; }
    var postcode = text(doc.postcode).replace(/\s+/g, "").toUpperCase();
    var bag = text(doc.adresseerbaarobject_id);
    var code = text(doc.gemeentecode);
    return {
      label: text(doc.weergavenaam),
      address: (text(doc.straatnaam) + " " + houseNumber(doc)).trim(),
      postcode: /^[1-9][0-9]{3}[A-Z]{2}$/.test(postcode) ? postcode : "",
      municipalityCode: /^[0-9]{4}$/.test(code) ? "GM" + code : "",
      municipalityName: text(doc.gemeentenaam),
      x: Math.round(rd.x * 10) / 10,
      y: Math.round(rd.y * 10) / 10,
      bagID: /^[0-9]{4}0[123][0-9]{10}$/.test(bag) ? bag : ""
    };
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { parseSuggest: parseSuggest, parseLookup: parseLookup, point: point };
    return;
  }

  var unreachable = "Het adres zoeken lukt nu niet. Vul het adres en de coördinaten zelf in.";

  function get(url) {
    return fetch(url, { credentials: "omit", referrerPolicy: "no-referrer", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.json();
      });
  }

  function enhance(box) {
    var base = box.getAttribute("data-address-search");
    var kind = box.getAttribute("data-address-form");
    var form = box.closest("form");
    var input = box.querySelector("input");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[role=status]");
    if (!base || !form || !input || !list || !status) { return; }
    box.hidden = false;
    var items = [], active = -1, timer = null, asked = 0, filled = null;

    function field(name) { return form.querySelector("[name='" + name + "']"); }

    function say(message, undo) {
      status.textContent = message;
      if (undo) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button secondary small";
        button.textContent = "Ongedaan maken";
        button.addEventListener("click", undo);
        status.appendChild(document.createTextNode(" "));
        status.appendChild(button);
      }
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) { input.setAttribute("aria-activedescendant", list.children[index].id); }
    }

    function show(found) {
      close();
      items = found;
      found.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label;
        // mousedown, not click: the input keeps focus, so the list is not closed by blur first.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function search() {
      var query = input.value.trim();
      if (query.length < 3) { close(); return; }
      var mine = ++asked;
      var url = base + "/suggest?" + new URLSearchParams({ q: query, fq: "type:adres", rows: "7" }).toString();
      get(url).then(function (answer) {
        if (mine !== asked) { return; }
        var found = parseSuggest(answer);
        if (found.length === 0) {
          close();
          say("Geen adres gevonden voor “" + query + "”. Vul het adres zelf in.");
          return;
        }
        show(found);
        say(found.length === 1 ? "1 adres gevonden." : found.length + " adressen gevonden; kies met de pijltjes en Enter.");
      }).catch(function () {
        if (mine === asked) { close(); say(unreachable); }
      });
    }

    function fill(found) {
      var values = kind === "zaak"
        ? { adres: found.label, bag_id: found.bagID }
        : {
          adres: found.address, postcode: found.postcode, x: String(found.x), y: String(found.y), lat: "", lon: "",
          gemeentecode: found.municipalityCode, bag_id: found.bagID
        };
      var municipality = field("gemeentecode");
      if (municipality && (!found.municipalityCode
        || !municipality.querySelector("option[value='" + found.municipalityCode + "']"))) {
        // Filling the address under the municipality still chosen would file the attack with the wrong one.
        say("Dit adres ligt in " + (found.municipalityName || "een gemeente") + ", die niet in de lijst van neig staat. "
          + "Er is niets ingevuld: kies de gemeente en vul het adres zelf in.");
        return;
      }
      var title = field("titel");
      if (kind === "zaak" && title && !title.value.trim()) { values.titel = found.label; }
      var labels = {
        titel: "naam", adres: "adres", postcode: "postcode", x: "coördinaten", gemeentecode: "gemeente",
        bag_id: "BAG-id"
      };
      var before = {}, notes = [], changed = [];
      Object.keys(values).forEach(function (name) {
        var element = field(name);
        if (!element) { return; }
        before[name] = element.value;
        if (labels[name] && values[name] && changed.indexOf(labels[name]) < 0) { changed.push(labels[name]); }
        element.value = values[name];
        element.dispatchEvent(new Event("change", { bubbles: true }));
      });
      if (!found.bagID) { notes.push("van dit adres is geen BAG-id bekend"); }
      filled = remembered();
      say("Gevonden: " + found.label + ". Ingevuld: " + changed.join(", ") + (notes.length ? "; " + notes.join("; ") : "")
        + ". Controleer de velden.",
        function () {
          Object.keys(before).forEach(function (name) { field(name).value = before[name]; });
          filled = remembered();
          say("De velden staan weer zoals ze waren.");
          input.focus();
        });
    }

    function choose(index) {
      var item = items[index];
      if (!item) { return; }
      close();
      input.value = item.label;
      var mine = ++asked;
      say("Adres ophalen …");
      get(base + "/lookup?" + new URLSearchParams({ id: item.id }).toString()).then(function (answer) {
        if (mine !== asked) { return; }
        var found = parseLookup(answer);
        if (!found) {
          say("Van dit adres is geen plaats bekend. Vul het adres en de coördinaten zelf in.");
          return;
        }
        fill(found);
      }).catch(function () {
        if (mine === asked) { say(unreachable); }
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + items.length) % items.length);
      } else if (event.key === "Enter") {
        // The list is open: Enter picks an address instead of sending the form.
        event.preventDefault();
        choose(active >= 0 ? active : 0);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });

    // A BAG id belongs to the address it came with, looked up now or stored before: an address or postcode changed
    // by hand afterwards must not keep it.
    var address = field("adres"), postcode = field("postcode"), bag = field("bag_id");
    function remembered() {
      return address && bag && bag.value ? { address: address.value, postcode: postcode ? postcode.value : "", bagID: bag.value } : null;
    }
    filled = remembered();
    function forget() {
      if (!filled || bag.value !== filled.bagID) { return; }
      if (address.value === filled.address && (!postcode || postcode.value === filled.postcode)) { return; }
      bag.value = "";
      filled = null;
      say("Het adres is met de hand gewijzigd; het BAG-id is leeggemaakt.");
    }
    if (address && bag) {
      address.addEventListener("input", forget);
      if (postcode) { postcode.addEventListener("input", forget); }
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-address-search]"), enhance);
})();
