// Booking a visit: free slots come from /api/v1/services/{id}/slots, the booking is made and
// cancelled with the public /api/v1/bookings calls. Words come from the page (its language).
(function () {
  "use strict";
  var T = JSON.parse(document.getElementById("words").textContent);
  var form = document.getElementById("book");
  var slots = document.getElementById("slots");
  var legend = slots.querySelector("legend").outerHTML;
  var error = document.getElementById("book-error");
  var done = document.getElementById("done");
  var about = document.getElementById("about");
  var services = JSON.parse(document.getElementById("services").textContent);

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function problem(data) {
    var code = (data && data.error) || "";
    if (code.indexOf("bad_iin") === 0) return T.err_bad_iin;
    return T["err_" + code] || T.err_other;
  }
  function call(method, path, body) {
    return fetch(path, { method: method, headers: { "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined }).then(function (r) {
      return r.json().then(function (data) { if (!r.ok) throw data; return data; });
    });
  }
  function hhmm(iso) { return iso.slice(11, 16); }

  function loadSlots(keep) {  // keep: a refusal stays said, and the time chosen stays chosen
    var service = form.service.value;
    var chosen = form.querySelector("input[name=slot]:checked");
    chosen = keep && chosen ? chosen.value : null;
    if (!keep) error.hidden = true;
    if (!service) { slots.innerHTML = legend; return; }
    call("GET", "/api/v1/services/" + encodeURIComponent(service) + "/slots?day=" +
      encodeURIComponent(form.day.value)).then(function (data) {
      var open = data.slots.filter(function (s) { return s.free > 0; });
      slots.innerHTML = legend + (open.length ? "" : '<p class="muted">' + esc(T.no_slots) + "</p>") +
        data.slots.map(function (s) {
          return '<label class="slot' + (s.free ? "" : " taken") + '"><input type="radio" name="slot" value="' +
            esc(s.at) + '"' + (s.free ? "" : " disabled") + "><span>" + hhmm(s.at) + "</span><small>" +
            (s.free ? s.free + " " + esc(T.free) : esc(T.full)) + "</small></label>";
        }).join("");
      Array.prototype.forEach.call(slots.querySelectorAll("input[name=slot]"), function (input) {
        if (input.value === chosen && !input.disabled) input.checked = true;
      });
    }, function (data) { error.textContent = problem(data); error.hidden = false; });
  }
  function showService() {
    var html = services[form.service.value];
    about.innerHTML = html || "";  // rendered and escaped by the server
    about.hidden = !html;
  }
  form.service.addEventListener("change", function () { showService(); loadSlots(false); });
  form.day.addEventListener("change", function () { loadSlots(false); });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var slot = form.querySelector("input[name=slot]:checked");
    var iin = form.iin.value.replace(/[\s\-]/g, "");  // typed in groups: 900101 300007
    if (!form.service.value || !slot) { error.textContent = T.choose + " · " + T.slot; error.hidden = false; return; }
    if (!/^[0-9]{12}$/.test(iin)) { error.textContent = T.err_bad_iin; error.hidden = false; return; }
    error.hidden = true;
    call("POST", "/api/v1/bookings", { service_id: form.service.value, slot_at: slot.value, iin: iin })
      .then(function (b) {
        var service = form.service.options[form.service.selectedIndex].text;
        var day = form.day.options[form.day.selectedIndex].text;
        done.innerHTML = "<h2>" + esc(T.booked) + "</h2><p>" + esc(service) + "<br>" + esc(day) +
          ", " + hhmm(b.slot_at) + "</p><p>" + esc(T.your_code) + ':</p><p class="code" id="booking-code">' +
          esc(b.code) + "</p><p>" + esc(T.show_code) + "</p>";
        var bring = about.cloneNode(true);  // what to bring, under the code (the form goes)
        bring.removeAttribute("id");
        bring.querySelector("h2").remove();
        done.appendChild(bring);
        done.hidden = false;
        form.hidden = true;
        done.scrollIntoView();
      }, function (data) { error.textContent = problem(data); error.hidden = false; loadSlots(true); });
  });

  var cancel = document.getElementById("cancel");
  var result = document.getElementById("cancel-result");
  cancel.addEventListener("submit", function (e) {
    e.preventDefault();
    var code = cancel.code.value.replace(/[\s\-]/g, "").toUpperCase();  // typed in groups
    if (!/^[A-Z0-9]+$/.test(code)) {  // no code has anything else ("/" would miss the address)
      result.className = "error"; result.textContent = T.err_booking_not_found; result.hidden = false;
      return;
    }
    call("POST", "/api/v1/bookings/" + encodeURIComponent(code) + "/cancel").then(function () {
      result.className = "done"; result.textContent = T.cancelled; result.hidden = false;
    }, function (data) {
      result.className = "error"; result.textContent = problem(data); result.hidden = false;
    });
  });
})();
