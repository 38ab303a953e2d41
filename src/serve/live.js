// bijlage serve: live reload and review mode. Served by `bijlage serve` only,
// never part of what `bijlage build` writes.
(function () {
  "use strict";
  var script = document.currentScript;
  var generatie = script ? script.getAttribute("data-generatie") : null;
  var root = document.documentElement;

  // Live reload: the server sends `hallo` with its current version when the
  // stream opens and `herladen` after every rebuild that changed something.
  // A version other than the one this page was served with means: reload.
  function herlaad() {
    root.setAttribute("data-bijlage-live", "herladen");
    window.location.reload();
  }
  var bron = new EventSource("/__bijlage/events");
  bron.addEventListener("hallo", function (e) {
    if (generatie !== null && e.data !== generatie) {
      herlaad();
    } else {
      root.setAttribute("data-bijlage-live", "verbonden");
    }
  });
  bron.addEventListener("herladen", function (e) {
    if (e.data !== generatie) herlaad();
  });
  bron.addEventListener("error", function () {
    // EventSource connects again by itself (after a restart, say).
    root.setAttribute("data-bijlage-live", "verbroken");
  });

  // The failure overlay can be closed to read the last good page.
  var fout = document.getElementById("bijlage-fout");
  if (fout) {
    var sluit = fout.querySelector("[data-bijlage-sluit]");
    if (sluit) {
      sluit.addEventListener("click", function () {
        fout.hidden = true;
      });
      sluit.focus();
    }
  }

  // Review mode: every action's source (path, front matter, Markdown, with
  // line numbers) beside its rendering.
  var acties = document.querySelectorAll("article[data-bron]");
  if (acties.length === 0) return;
  var SLEUTEL = "bijlage-review";

  function bronUrl(pad) {
    return "/__bijlage/bron/" + pad.split("/").map(encodeURIComponent).join("/");
  }

  function laadBronnen() {
    acties.forEach(function (actie) {
      if (actie.parentNode.classList.contains("bijlage-paar")) return;
      var paar = document.createElement("div");
      paar.className = "bijlage-paar";
      actie.parentNode.insertBefore(paar, actie);
      paar.appendChild(actie);
      var paneel = document.createElement("aside");
      paneel.className = "bijlage-paar__bron";
      paneel.setAttribute("aria-label", "Bron: " + actie.getAttribute("data-bron"));
      paneel.textContent = "Bron laden…";
      paar.appendChild(paneel);
      fetch(bronUrl(actie.getAttribute("data-bron")), { cache: "no-store" })
        .then(function (antwoord) {
          if (!antwoord.ok) throw new Error(String(antwoord.status));
          return antwoord.text();
        })
        .then(function (html) {
          paneel.innerHTML = html;
          paneel.setAttribute("data-geladen", "");
        })
        .catch(function () {
          paneel.textContent = "De bron is niet te laden.";
        });
    });
  }

  var knop = document.createElement("button");
  knop.type = "button";
  knop.className = "bijlage-balk__knop";
  knop.id = "bijlage-review-knop";
  knop.textContent = "Bron naast tekst";

  function zet(aan) {
    knop.setAttribute("aria-pressed", aan ? "true" : "false");
    root.classList.toggle("bijlage-review", aan);
    if (aan) laadBronnen();
    try {
      window.localStorage.setItem(SLEUTEL, aan ? "aan" : "uit");
    } catch (e) {
      /* no storage: the choice lasts for this page only */
    }
  }
  knop.addEventListener("click", function () {
    zet(knop.getAttribute("aria-pressed") !== "true");
  });

  var balk = document.createElement("div");
  balk.className = "bijlage-balk";
  balk.setAttribute("role", "region");
  balk.setAttribute("aria-label", "Preview");
  var label = document.createElement("span");
  label.className = "bijlage-balk__label";
  label.textContent = "Preview";
  balk.appendChild(label);
  balk.appendChild(knop);
  document.body.appendChild(balk);

  var bewaard = null;
  try {
    bewaard = window.localStorage.getItem(SLEUTEL);
  } catch (e) {
    bewaard = null;
  }
  zet(bewaard === "aan" || new URLSearchParams(window.location.search).has("review"));
})();
