// The supervisor's live board. The server pushes the whole board over /board/ws whenever it
// changes (events, or alerts crossing a limit on the hall clock); this script only draws it and
// sends the supervisor's actions. No framework, no polling.
(function () {
  "use strict";
  var W = {
    kk: {
      messages: "Операторларға хабар", to_all: "Барлық терезелерге", send: "Жіберу",
      sent: "Жіберілді", read_by: "оқыды", unread: "әлі оқылмады",
      message_hint: "Мысалы: 3-терезе, зейнетақы кезегін қабылдаңыз",
      alerts: "Ескертулер", none: "Ескерту жоқ", services: "Қызметтер", counters: "Терезелер",
      ratings: "Бүгінгі бағалар", service: "Қызмет", waiting: "Күтуде", longest: "Ең ұзақ күту",
      estimate: "Болжам", served: "Бүгін қызмет көрсетілді", open_c: "Ашық терезе",
      open: "Ашық", paused: "Үзілісте", closed: "Жабық", min: "мин", no_operator: "Оператор жоқ",
      free: "Бос", called: "шақырылды", serving: "қызмет көрсетілуде",
      act_open: "Ашу", act_pause: "Үзіліс", act_close: "Жабу", act_profile: "Бейін",
      act_call: "Кезектен тыс шақыру", announcement: "Дисплейлердегі хабарландыру",
      announce_hint: "Өріс бос болса, дисплей бірінші толтырылған мәтінді көрсетеді (алдымен қазақша, сосын орысша, сосын ағылшынша).", clear: "Тазалау",
      save: "Сақтау", cancel: "Болдырмау", reason: "Себеп", ticket: "Талон",
      main: "негізгі", backup: "қосалқы", not_served: "—", online: "Байланыс бар",
      offline: "Байланыс жоқ — қайта қосылуда", excellent: "Өте жақсы", good: "Жақсы",
      satisfactory: "Қанағаттанарлық", suspended: "тоқтатылған", saved: "Сақталды",
      r_break: "үзіліс", r_lunch: "түскі ас", r_technical: "техникалық", r_paperwork: "құжаттар",
      r_other: "басқа", call_reason_hint: "Неге кезектен тыс (міндетті)",
      away: "Уақытша шыққандар", back: "оралды, себеп керек емес",
      coming_back: "Басқа қызметтен қайтады",
      a_wait: "{service}: {visitors} адам мақсаттан ({target} мин) ұзақ күтуде, ең ұзағы {longest} мин",
      a_idle: "{counter}-терезе {idle} мин бос, ал кезекте {waiting} адам",
      a_pause: "{counter}-терезе: {reason} {paused} мин (шегі {limit} мин)",
      a_visit: "{counter}-терезе: {number} ({service}) {serving} мин қызметте, әдетте {usual} мин",
      a_printer: "{terminal}: принтер — {printer}", a_silent: "{terminal} {silent} мин үнсіз",
      p_paper_out: "қағаз бітті", p_paper_near_end: "қағаз аз қалды", p_cover_open: "қақпағы ашық",
      p_offline: "қосылмаған", counter_n: "{n}-терезе", of_rated: "Бағаланды: {n}",
      e_missing_field: "Алдымен мәтінді жазыңыз.",
      e_too_long: "Мәтін тым ұзын: қысқартыңыз.",
      e_counter_busy: "Терезеде келуші бар: алдымен оған қызмет көрсетуді аяқтаңыз.",
      e_no_operator: "Бұл терезеде оператор жүйеге кірмеген.",
      e_counter_closed: "Терезе жабық: алдымен оны ашыңыз.",
      e_counter_not_serving: "Бұл терезе осы қызметті көрсетпейді.",
      e_not_waiting: "Бұл талон енді кезекте күтіп тұрған жоқ.",
      e_no_reason: "Кезектен тыс шақырудың себебін жазыңыз.",
      e_unauthorized: "Сеанс аяқталды: қайта кіріңіз.",
      e_ticket_not_found: "Бүгін мұндай талон жоқ.",
      e_bad_field: "Бұл мән қабылданбады: тексеріп, қайта жазыңыз.",
      e_other: "Сервер бұл әрекетті орындамады",
      nobody_to_call: "Бұл терезенің қызметтеріне кезекте ешкім жоқ.",
      e_empty_profile: "Терезе кем дегенде бір қызметті көрсетуі керек."
    },
    ru: {
      messages: "Сообщение операторам", to_all: "Всем окнам", send: "Отправить",
      sent: "Отправлено", read_by: "прочитали", unread: "ещё не прочитано",
      message_hint: "Например: окно 3, примите очередь по пенсиям",
      alerts: "Тревоги", none: "Тревог нет", services: "Услуги", counters: "Окна",
      ratings: "Оценки за сегодня", service: "Услуга", waiting: "Ждут", longest: "Дольше всех",
      estimate: "Прогноз", served: "Обслужено сегодня", open_c: "Окон открыто",
      open: "Открыто", paused: "Пауза", closed: "Закрыто", min: "мин", no_operator: "Нет оператора",
      free: "Свободно", called: "вызван", serving: "обслуживается",
      act_open: "Открыть", act_pause: "Пауза", act_close: "Закрыть", act_profile: "Профиль",
      act_call: "Вызвать вне очереди", announcement: "Объявление на табло",
      announce_hint: "Если поле пустое, табло покажет первый заполненный текст (сначала казахский, затем русский, затем английский).", clear: "Очистить",
      save: "Сохранить", cancel: "Отмена", reason: "Причина", ticket: "Талон",
      main: "основная", backup: "резервная", not_served: "—", online: "На связи",
      offline: "Нет связи — переподключение", excellent: "Отлично", good: "Хорошо",
      satisfactory: "Удовлетворительно", suspended: "приостановлена", saved: "Сохранено",
      r_break: "перерыв", r_lunch: "обед", r_technical: "техническая", r_paperwork: "документы",
      r_other: "другое", call_reason_hint: "Почему вне очереди (обязательно)",
      away: "Отложены", back: "вернулся, причина не нужна",
      coming_back: "Вернутся из другой услуги",
      a_wait: "{service}: {visitors} чел. ждут дольше нормы ({target} мин), дольше всех {longest} мин",
      a_idle: "Окно {counter} свободно {idle} мин, а в очереди {waiting} чел.",
      a_pause: "Окно {counter}: {reason} {paused} мин (норма {limit} мин)",
      a_visit: "Окно {counter}: {number} ({service}) обслуживается {serving} мин, обычно {usual} мин",
      a_printer: "{terminal}: принтер — {printer}", a_silent: "{terminal}: нет связи {silent} мин",
      p_paper_out: "нет бумаги", p_paper_near_end: "бумага заканчивается", p_cover_open: "открыта крышка",
      p_offline: "не в сети", counter_n: "Окно {n}", of_rated: "Оценок: {n}",
      e_missing_field: "Сначала напишите текст.",
      e_too_long: "Текст слишком длинный: сократите его.",
      e_counter_busy: "В окне посетитель: сначала завершите его обслуживание.",
      e_no_operator: "В этом окне не вошёл ни один оператор.",
      e_counter_closed: "Окно закрыто: сначала откройте его.",
      e_counter_not_serving: "Это окно не оказывает эту услугу.",
      e_not_waiting: "Этот талон уже не ждёт в очереди.",
      e_no_reason: "Укажите, почему талон вызывается вне очереди.",
      e_unauthorized: "Сеанс закончился: войдите снова.",
      e_ticket_not_found: "Такого талона сегодня нет.",
      e_bad_field: "Это значение не принято: проверьте и напишите заново.",
      e_other: "Сервер не выполнил это действие",
      nobody_to_call: "В очереди к услугам этого окна никого нет.",
      e_empty_profile: "Окно должно оказывать хотя бы одну услугу."
    },
    en: {
      messages: "Message to operators", to_all: "All counters", send: "Send",
      sent: "Sent", read_by: "read by", unread: "not read yet",
      message_hint: "For example: counter 3, please take the pension queue",
      alerts: "Alerts", none: "No alerts", services: "Services", counters: "Counters",
      ratings: "Ratings today", service: "Service", waiting: "Waiting", longest: "Longest wait",
      estimate: "Estimate", served: "Served today", open_c: "Counters open",
      open: "Open", paused: "Paused", closed: "Closed", min: "min", no_operator: "No operator",
      free: "Free", called: "called", serving: "in service",
      act_open: "Open", act_pause: "Pause", act_close: "Close", act_profile: "Profile",
      act_call: "Call out of order", announcement: "Announcement on the displays",
      announce_hint: "An empty field shows the first text filled in (Kazakh, then Russian, then English).", clear: "Clear",
      save: "Save", cancel: "Cancel", reason: "Reason", ticket: "Ticket",
      main: "main", backup: "backup", not_served: "—", online: "Live",
      offline: "Offline — reconnecting", excellent: "Excellent", good: "Good",
      satisfactory: "Satisfactory", suspended: "suspended", saved: "Saved",
      r_break: "break", r_lunch: "lunch", r_technical: "technical", r_paperwork: "paperwork",
      r_other: "other", call_reason_hint: "Why out of order (required)",
      away: "Stepped away", back: "back, no reason needed",
      coming_back: "Coming back from another service",
      a_wait: "{service}: {visitors} waiting over the target ({target} min), longest {longest} min",
      a_idle: "Counter {counter} idle for {idle} min with {waiting} waiting",
      a_pause: "Counter {counter}: {reason} for {paused} min (limit {limit} min)",
      a_visit: "Counter {counter}: {number} ({service}) in service for {serving} min, usually {usual} min",
      a_printer: "{terminal}: printer {printer}", a_silent: "{terminal} silent for {silent} min",
      p_paper_out: "out of paper", p_paper_near_end: "paper nearly out", p_cover_open: "cover open",
      p_offline: "offline", counter_n: "Counter {n}", of_rated: "Rated: {n}",
      e_missing_field: "Please write the text first.",
      e_too_long: "The text is too long: please shorten it.",
      e_counter_busy: "A visitor is at the counter: finish their visit first.",
      e_no_operator: "No operator is signed in at this counter.",
      e_counter_closed: "The counter is closed: open it first.",
      e_counter_not_serving: "This counter does not provide this service.",
      e_not_waiting: "This ticket is no longer waiting.",
      e_no_reason: "Say why the ticket is called out of order.",
      e_unauthorized: "Your session has ended: please sign in again.",
      e_ticket_not_found: "There is no such ticket today.",
      e_bad_field: "This value was not accepted: check it and write it again.",
      e_other: "The server did not do this",
      nobody_to_call: "Nobody waits for this counter's services.",
      e_empty_profile: "A counter must provide at least one service."
    }
  };
  var lang = W[document.documentElement.lang] ? document.documentElement.lang : "en";
  var T = W[lang];
  var board = document.getElementById("board");
  var link = document.getElementById("link");
  var clock = document.getElementById("clock");
  var state = null;
  var announceEdited = false;  // the announcement's fields hold text not saved yet
  var LANGS = ["kk", "ru", "en"], LANG_NAMES = { kk: "Қазақша", ru: "Русский", en: "English" };
  var REASONS = ["break", "lunch", "technical", "paperwork", "other"];

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function fmt(key, params) {
    return T[key].replace(/\{(\w+)\}/g, function (_, k) { return esc(params[k]); });
  }
  function serviceName(id) {
    var s = (state.services || []).filter(function (x) { return x.id === id; })[0];
    return s ? s.name[lang] : id;
  }

  function alertText(a) {
    if (a.kind === "wait_over_target") return fmt("a_wait", { service: serviceName(a.service_id),
      visitors: a.visitors, target: a.target_min, longest: a.longest_min });
    if (a.kind === "counter_idle") return fmt("a_idle", { counter: a.counter_number,
      idle: a.idle_min, waiting: a.waiting });
    if (a.kind === "pause_over_limit") return fmt("a_pause", { counter: a.counter_number,
      reason: T["r_" + a.reason], paused: a.paused_min, limit: a.limit_min });
    if (a.kind === "long_visit") return fmt("a_visit", { counter: a.counter_number,
      number: a.number, service: serviceName(a.service_id), serving: a.serving_min,
      usual: a.usual_min });
    if (a.kind === "printer") return fmt("a_printer", { terminal: a.terminal,
      printer: T["p_" + a.printer] || a.printer });
    return fmt("a_silent", { terminal: a.terminal, silent: a.silent_min });
  }

  function render() {
    clock.textContent = state.clock;
    var h = [];
    h.push('<section class="alerts" aria-live="assertive"><h2>' + T.alerts + "</h2>");
    if (!state.alerts.length) h.push('<p class="calm">' + T.none + "</p>");
    else h.push("<ul>" + state.alerts.map(function (a) {
      return '<li class="alert ' + a.severity + '" data-kind="' + a.kind + '" data-key="' +
        esc(a.key) + '">' + alertText(a) + "</li>";
    }).join("") + "</ul>");
    h.push("</section>");

    h.push('<section class="counters"><h2>' + T.counters + '</h2><div class="grid">');
    state.counters.forEach(function (c) {
      var status = T[c.state];
      if (c.state === "paused" && c.pause_reason) status += ": " + T["r_" + c.pause_reason];
      if (c.state_min != null && c.state !== "closed") status += " · " + c.state_min + "\u00a0" + T.min;
      var ticket = c.ticket ? '<b class="tno">' + esc(c.ticket.number) + "</b> " +
        T[c.ticket.status] + (c.ticket.minutes != null ? " · " + c.ticket.minutes + "\u00a0" + T.min : "")
        : (c.state === "open" ? T.free : "");
      h.push('<article class="counter ' + c.state + '" data-counter="' + esc(c.id) + '">' +
        '<header><span class="cno">' + c.number + '</span><span class="cstate">' + esc(status) +
        "</span></header>" +
        '<p class="op">' + esc(c.operator_name || T.no_operator) + "</p>" +
        '<p class="cur">' + ticket + "</p>" +
        (c.away.length ? '<p class="away">' + T.away + ": " + c.away.map(function (t) {
          return esc(t.number); }).join(" · ") + "</p>" : "") +
        (c.coming_back.length ? '<p class="away coming-back">' + T.coming_back + ": " +
          c.coming_back.map(function (t) {
            return esc(t.number) + " (" + esc(serviceName(t.service_id)) + ")"; }).join(" · ") +
          "</p>" : "") +
        '<div class="acts">' +
        // a counter opens with an operator signed in: without one the button could only fail
        (c.state !== "open" && c.operator_id ? btn("open", c.id, T.act_open) : "") +
        (c.state === "open" ? btn("pause", c.id, T.act_pause) : "") +
        (c.state !== "closed" ? btn("close", c.id, T.act_close) : "") +
        btn("profile", c.id, T.act_profile) +
        (c.state === "open" && !c.ticket ? btn("call", c.id, T.act_call) : "") +
        "</div></article>");
    });
    h.push("</div></section>");

    h.push('<section class="services"><h2>' + T.services + '</h2><div class="hscroll"><table><thead><tr><th>' +
      T.service + '</th><th class="num">' + T.waiting + '</th><th class="num">' + T.longest +
      '</th><th class="num">' + T.estimate + '</th><th class="num">' + T.served +
      '</th><th class="num">' + T.open_c + "</th></tr></thead><tbody>");
    state.services.forEach(function (s) {
      var quiet = !s.waiting && !s.served_today ? ' class="quietrow"' : "";
      h.push("<tr" + quiet + ' data-service="' + esc(s.id) + '"><td><span class="prefix">' +
        esc(s.prefix) + "</span> " + esc(s.name[lang]) +
        (s.suspended ? ' <em class="susp">' + T.suspended + "</em>" : "") +
        '</td><td class="num waiting">' + s.waiting + '</td><td class="num' +
        (s.over_target ? " over" : "") + '">' + (s.waiting ? s.longest_wait_min + "\u00a0" + T.min : "—") +
        '</td><td class="num">' + (s.waiting && s.estimated_wait_min !== null ? s.estimated_wait_min + "\u00a0" + T.min : "—") +
        '</td><td class="num">' + s.served_today + '</td><td class="num">' + s.open_counters +
        "</td></tr>");
    });
    h.push("</tbody></table></div></section>");

    var r = state.ratings, total = r.excellent + r.good + r.satisfactory;
    h.push('<section class="ratings"><h2>' + T.ratings + "</h2>");
    ["excellent", "good", "satisfactory"].forEach(function (g) {
      var share = total ? Math.round(100 * r[g] / total) : 0;
      h.push('<div class="rating ' + g + '"><span class="rl">' + T[g] + '</span><span class="rbar">' +
        '<span style="width:' + share + '%"></span></span><b class="rn" data-grade="' + g + '">' +
        r[g] + "</b><span class=\"rs\">" + share + "%</span></div>");
    });
    h.push('<p class="muted">' + fmt("of_rated", { n: total }) + "</p></section>");
    board.innerHTML = h.join("");
    if (!announceEdited) {  // what the supervisor is writing stays until it is saved
      LANGS.forEach(function (lang) {
        var input = document.getElementById("announce-" + lang);
        if (input) input.value = state.announcement[lang] || "";
      });
    }
    renderMessages();
  }

  function renderMessages() {
    var to = document.getElementById("msg-to");
    if (!to) return;
    if (document.activeElement !== to) {
      var chosen = to.value;
      to.innerHTML = '<option value="">' + esc(T.to_all) + "</option>" +
        state.counters.map(function (c) {
          return '<option value="' + esc(c.id) + '">' + esc(fmt("counter_n", { n: c.number })) +
            "</option>";
        }).join("");
      to.value = chosen;
    }
    document.getElementById("msg-list").innerHTML = state.messages.map(function (m) {
      var who = m.to === null ? T.to_all : fmt("counter_n", { n: m.to });
      var read = m.read.length ? T.read_by + ": " + m.read.join(", ") : T.unread;
      return '<li data-message="' + m.id + '"><b>' + esc(m.at) + " → " + esc(who) + "</b> " +
        esc(m.text) + ' <span class="muted">(' + esc(read) + ")</span></li>";
    }).join("");
  }

  function btn(action, counter, label) {
    return '<button type="button" data-action="' + action + '" data-counter="' + esc(counter) +
      '">' + esc(label) + "</button>";
  }

  // ------------------------------------------------------------ actions
  var toast = document.createElement("div");
  toast.className = "toast";
  toast.setAttribute("role", "status");
  document.body.appendChild(toast);
  function say(text, bad) {
    toast.textContent = text;
    toast.className = "toast show" + (bad ? " bad" : "");
    clearTimeout(say.t);
    say.t = setTimeout(function () { toast.className = "toast"; }, 5000);
  }
  function post(path, body) {
    return fetch(path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Kezek-Board": "1" },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().then(function (data) {
        // in the board's language, never the server's English: an unforeseen code is named
        if (!r.ok) throw new Error(T["e_" + data.error] || T.e_other + " (" + data.error + ").");
        return data;
      });
    }).catch(function (e) { say(e.message, true); throw e; });
  }

  var dialog = document.createElement("dialog");
  dialog.id = "action-dialog";
  document.body.appendChild(dialog);
  function ask(title, fields, onSave) {
    dialog.innerHTML = '<form method="dialog"><h3>' + esc(title) + "</h3>" + fields +
      '<div class="acts"><button value="cancel" type="button" id="dlg-cancel">' + T.cancel +
      '</button><button value="ok" id="dlg-ok" class="primary">' + T.save + "</button></div></form>";
    dialog.querySelector("#dlg-cancel").onclick = function () { dialog.close(); };
    dialog.querySelector("form").onsubmit = function (e) {
      e.preventDefault();
      onSave(dialog).then(function () { dialog.close(); say(T.saved); }, function () {});
    };
    dialog.showModal();
  }

  board.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-action]");
    if (!b) return;
    var id = b.getAttribute("data-counter"), action = b.getAttribute("data-action");
    var c = state.counters.filter(function (x) { return x.id === id; })[0];
    var title = fmt("counter_n", { n: c.number });
    var base = "/board/api/counters/" + encodeURIComponent(id) + "/";
    if (action === "open" || action === "close") { post(base + action).catch(function () {}); return; }
    if (action === "pause") {
      ask(title + " — " + T.act_pause, '<label>' + T.reason + '<select name="reason">' +
        REASONS.map(function (r) { return '<option value="' + r + '">' + T["r_" + r] + " (" +
          state.pause_limits_min[r] + "\u00a0" + T.min + ")</option>"; }).join("") + "</select></label>",
        function (d) { return post(base + "pause", { reason: d.querySelector("select").value }); });
    } else if (action === "profile") {
      ask(title + " — " + T.act_profile, '<div class="profile">' + state.services.map(function (s) {
        var level = c.profile[s.id] || "";
        return "<label>" + esc(s.name[lang]) + '<select data-service="' + esc(s.id) + '">' +
          ["", "main", "backup"].map(function (v) {
            return '<option value="' + v + '"' + (v === level ? " selected" : "") + ">" +
              (v ? T[v] : T.not_served) + "</option>";
          }).join("") + "</select></label>";
      }).join("") + "</div>", function (d) {
        var profile = {};
        d.querySelectorAll("select[data-service]").forEach(function (s) {
          if (s.value) profile[s.getAttribute("data-service")] = s.value;
        });
        return post(base + "profile", { profile: profile });
      });
    } else if (action === "call") {
      var mine = state.waiting.filter(function (t) { return c.profile[t.service_id]; });
      var back = [];  // visitors back from stepping away, at any counter: no reason needed
      state.counters.forEach(function (o) {
        o.away.forEach(function (t) { if (c.profile[t.service_id]) back.push(t); });
      });
      if (!back.length && !mine.length) { say(T.nobody_to_call, true); return; }
      ask(title + " — " + T.act_call, "<label>" + T.ticket + '<select name="ticket">' +
        back.map(function (t) { return '<option value="' + esc(t.id) + '">' + esc(t.number) +
          " · " + esc(serviceName(t.service_id)) + " · " + esc(T.back) + "</option>";
        }).join("") +
        mine.map(function (t) { return '<option value="' + esc(t.id) + '">' + esc(t.number) +
          " · " + esc(serviceName(t.service_id)) + " · " + t.wait_min + "\u00a0" + T.min + "</option>";
        }).join("") + "</select></label><label>" + T.reason +
        '<input name="reason" maxlength="300" placeholder="' + esc(T.call_reason_hint) +
        '"></label>', function (d) {
          return post(base + "call", { ticket_id: d.querySelector("select").value,
            reason: d.querySelector("input").value });
        });
    }
  });

  var announce = document.createElement("form");
  announce.className = "announce";
  announce.innerHTML = '<fieldset><legend>' + T.announcement + "</legend>" +
    LANGS.map(function (lang) {
      return '<label lang="' + lang + '"><span class="tag">' + LANG_NAMES[lang] + "</span>" +
        '<input id="announce-' + lang + '" lang="' + lang + '" maxlength="500"></label>';
    }).join("") + '<p class="muted">' + T.announce_hint + "</p></fieldset>" +
    '<div class="acts-col"><button class="primary">' + T.save + "</button>" +
    '<button type="button" class="quiet" id="announce-clear">' + T.clear + "</button></div>";
  announce.onsubmit = function (e) {
    e.preventDefault();
    var texts = {};
    LANGS.forEach(function (lang) {
      texts[lang] = document.getElementById("announce-" + lang).value;
    });
    post("/board/api/announcement", { texts: texts })
      .then(function () { announceEdited = false; say(T.saved); }, function () {});
  };
  announce.addEventListener("input", function () { announceEdited = true; });
  announce.querySelector("#announce-clear").onclick = function () {  // off the displays
    post("/board/api/announcement", { texts: {} }).then(function () {
      announceEdited = false;
      LANGS.forEach(function (l) { document.getElementById("announce-" + l).value = ""; });
      say(T.saved);
    }, function () {});
  };
  board.parentNode.insertBefore(announce, board.nextSibling);

  var messages = document.createElement("form");
  messages.className = "announce messages";
  messages.innerHTML = '<label class="to">' + T.messages + '<select id="msg-to"></select></label>' +
    '<label><span class="sr">' + T.messages + '</span><input id="msg-text" maxlength="200" ' +
    'required placeholder="' + esc(T.message_hint) + '"></label><button class="primary">' +
    T.send + '</button><ul id="msg-list"></ul>';
  messages.onsubmit = function (e) {
    e.preventDefault();
    var text = document.getElementById("msg-text");
    post("/board/api/messages", { counter_id: document.getElementById("msg-to").value || null,
      text: text.value }).then(function () { text.value = ""; say(T.sent); }, function () {});
  };
  announce.parentNode.insertBefore(messages, announce.nextSibling);

  // ------------------------------------------------------------ the stream
  var delay = 500;
  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host +
      "/board/ws");
    ws.onopen = function () { link.textContent = T.online; link.className = "link on"; delay = 500; };
    ws.onmessage = function (e) { state = JSON.parse(e.data); render(); };
    ws.onclose = function (e) {
      link.textContent = T.offline; link.className = "link off";
      if (e.code === 1008) { location.href = "/board/login?next=/board"; return; }
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    };
  }
  connect();
})();
