"use strict";
// The timeline page: data from the JSON island, drawn with textContent only (never
// innerHTML with data), in chunks as the reader scrolls; filters live in the URL fragment.
(function () {
  const DATA = JSON.parse(document.getElementById("data").textContent);
  // Where each field is in an event's array: the page's JSON names its columns.
  const AT = Object.fromEntries(DATA.columns.map((name, i) => [name, i]));
  const [ID, DATE, END, KIND, STATUS, TITLE, COUNTRIES, LOCATION, PEOPLE, TAGS, SUMMARY,
    SOURCES] = ["id", "date", "end", "kind", "status", "title", "countries", "location",
    "participants", "tags", "summary", "sources"].map((name) => AT[name]);
  const [REPORTS, ARTICLES] = [AT.reports, AT.articles]; // of imported events; else missing
  const SHARED = DATA.shared.map((name) => AT[name]);
  const EVENTS = DATA.events;
  // A field an earlier event already has comes as that event's position (export.py's
  // `_page_records`).
  for (const e of EVENTS) {
    for (const field of SHARED) {
      if (typeof e[field] === "number") e[field] = EVENTS[e[field]][field];
    }
  }
  const COLOUR = Object.fromEntries(DATA.kinds);
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const ABBR = MONTHS.map((m) => m.slice(0, 3));
  const KANA = /[\u3041-\u30ff]/, HANGUL = /[\uac00-\ud7a3]/;
  const languageOf = (text) => (KANA.test(text) ? "ja" : HANGUL.test(text) ? "ko" : "");
  const NO_MONTH = "Not dated to a month"; // the heading `timeline show` prints (render.NO_MONTH)
  const CHUNK = 300;
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };

  // Dates as `timeline show` prints them, read from the forms the store keeps (dates.py):
  // 13 Jan 2026, Jan 2026, 2026, 7–8 May 2023; c. 1971 and 1971? (EDTF 1971~, 1971?);
  // Q3 2024 (2024-35), week 10 of 2024, 1990s (199X), late 1971, before 1994 (../1994).
  const QUALIFIED = { "~": "c. {}", "?": "{}?", "%": "c. {}?" };
  const THIRDS = ["early", "mid", "late"];
  const pad = (n, width) => String(n).padStart(width, "0");
  const day = (y, m, d) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  const monthEnd = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const months = (y, a, b) => [day(y, a, 1), day(y, b, monthEnd(y, b))];
  // A day, a month or a year: [first day, last day, words, month or null], or null.
  function exactOf(text) {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!match || (match[2] && (+match[2] < 1 || +match[2] > 12))) return null;
    const y = +match[1], m = match[2] && +match[2], d = match[3] && +match[3];
    if (d) return [day(y, m, d), day(y, m, d), `${d} ${ABBR[m - 1]} ${y}`, m];
    if (m) return [...months(y, m, m), `${ABBR[m - 1]} ${y}`, m];
    return [...months(y, 1, 12), String(y), null];
  }
  // Any stored date: its extent, its words, and the year and month it is listed under.
  function readDate(text) {
    let x, m;
    const made = (first, last, words, month, year) => ({ first, last, words, month: month || null, year: year || first.slice(0, 4) });
    if ((x = exactOf(text))) return made(...x);
    if ((m = /^(.+)([~?%])$/.exec(text)) && (x = exactOf(m[1]))) return made(x[0], x[1], QUALIFIED[m[2]].replace("{}", x[2]), x[3]);
    if ((m = /^(\d{4})-(3[3-6]|4[01])$/.exec(text))) {
      const y = +m[1], n = +m[2], quarter = n < 40;
      const [a, b] = quarter ? [3 * (n - 32) - 2, 3 * (n - 32)] : [6 * (n - 39) - 5, 6 * (n - 39)];
      return made(...months(y, a, b), quarter ? `Q${n - 32} ${y}` : `H${n - 39} ${y}`);
    }
    if ((m = /^(\d{3})X$/.exec(text))) return made(`${m[1]}0-01-01`, `${m[1]}9-12-31`, `${+m[1]}0s`);
    if ((m = /^(\d{4})-W(\d{2})$/.exec(text))) { // ISO weeks start on the Monday of 4 January's week
      const jan4 = Date.UTC(+m[1], 0, 4), dayMs = 864e5;
      const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * dayMs + (m[2] - 1) * 7 * dayMs;
      const iso = (t) => new Date(t).toISOString().slice(0, 10);
      const [first, last] = [iso(monday), iso(monday + 6 * dayMs)];
      const month = first.slice(0, 7) === last.slice(0, 7) ? +first.slice(5, 7) : null; // within one month
      return made(first, last, `week ${+m[2]} of ${m[1]}`, month);
    }
    if ((m = /^(early|mid|late) (.+)$/.exec(text)) && (x = exactOf(m[2])) && !/-\d{2}-/.test(m[2])) {
      const t = THIRDS.indexOf(m[1]), y = +m[2].slice(0, 4);
      const extent = x[3] ? [day(y, x[3], 10 * t + 1), day(y, x[3], [10, 20, monthEnd(y, x[3])][t])] : months(y, 4 * t + 1, 4 * t + 4);
      return made(...extent, `${m[1]} ${x[2]}`, x[3]);
    }
    if ((m = /^\.\.\/(.+)$/.exec(text)) && (x = exactOf(m[1]))) return made("0001-01-01", x[1], `before ${x[2]}`, null, `Before ${x[2]}`);
    if ((m = /^(.+)\/\.\.$/.exec(text)) && (x = exactOf(m[1]))) return made(x[0], "9999-12-31", `after ${x[2]}`, x[3]);
    return null;
  }
  const DATES = new Map(); // a hundred thousand events share a few thousand dates
  function dateOf(text) {
    let found = DATES.get(text);
    if (!found) DATES.set(text, (found = readDate(text) || { first: "", last: "", words: text, month: null, year: text }));
    return found;
  }
  function span(start, end) {
    if (!end || end === start) return dateOf(start).words;
    const a = exactOf(start), b = exactOf(end);
    if (!a || !b) return `${dateOf(start).words} – ${dateOf(end).words}`;
    const [sy, sm, sd] = start.split("-"), [ey, em, ed] = end.split("-");
    if (sd && ed && sy === ey && sm === em) return `${+sd}–${b[2]}`;
    if (sd && ed && sy === ey) return `${+sd} ${ABBR[sm - 1]} – ${b[2]}`;
    if (sm && em && !sd && !ed && sy === ey) return `${ABBR[sm - 1]}–${b[2]}`;
    return `${a[2]} – ${b[2]}`;
  }
  // A date bound at any precision, as the CLI reads it: since = its first day, until = its last.
  function bound(text, last) {
    const found = readDate((text || "").trim());
    return found ? (last ? found.last : found.first) : null;
  }

  // Each event's first and last day, as the store's overlap rule reads them.
  const FIRST = EVENTS.map((e) => dateOf(e[DATE]).first);
  const LAST = EVENTS.map((e) => dateOf(e[END] || e[DATE]).last);

  // --- state <-> fragment -------------------------------------------------------------
  const state = { kind: new Set(), country: new Set(), q: "", since: "", until: "" };
  // `#e-ID` is a link to one event: every event is shown, drawn up to it, and it is
  // scrolled to (a page of 20,000 events draws 300 at first).
  function linked() {
    if (!location.hash.startsWith("#e-")) return null;
    try { return decodeURIComponent(location.hash.slice(3)); } catch (_) { return null; }
  }
  function reveal(id) {
    const index = shown.findIndex((i) => EVENTS[i][ID] === id);
    if (index < 0) return;
    if (index >= drawn) drawMore(index + 1);
    const node = $("e-" + id);
    for (const old of document.querySelectorAll("li.event.target")) old.classList.remove("target");
    node.classList.add("target");
    node.scrollIntoView({ block: "start" });
  }
  function readFragment() {
    if (linked()) { Object.assign(state, { kind: new Set(), country: new Set(), q: "", since: "", until: "" }); return; }
    const params = new URLSearchParams(location.hash.slice(1));
    const list = (key) => new Set((params.get(key) || "").split(",").map((s) => s.trim()).filter(Boolean));
    state.kind = list("kind");
    state.country = new Set([...list("country")].map((c) => c.toUpperCase()));
    state.q = params.get("q") || "";
    state.since = params.get("since") || "";
    state.until = params.get("until") || "";
  }
  function writeFragment() {
    const parts = [];
    const add = (key, value) => { if (value) parts.push(`${key}=${encodeURIComponent(value).replace(/%2C/g, ",")}`); };
    add("kind", [...state.kind].join(","));
    add("country", [...state.country].join(","));
    add("q", state.q);
    add("since", state.since);
    add("until", state.until);
    const hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash) history.replaceState(null, "", hash || location.pathname + location.search);
  }

  // --- matching -----------------------------------------------------------------------
  let searchable = null; // lower-cased text per event, built on the first search
  function matches() {
    const since = bound(state.since, false), until = bound(state.until, true);
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && !searchable) {
      searchable = EVENTS.map((e) => [e[TITLE], e[SUMMARY] || "", e[LOCATION] || "", e[PEOPLE].join(" ")].join("\n").toLowerCase());
    }
    const found = [];
    for (let i = 0; i < EVENTS.length; i++) {
      const e = EVENTS[i];
      if (state.kind.size && !state.kind.has(e[KIND])) continue;
      if (state.country.size && !e[COUNTRIES].some((c) => state.country.has(c))) continue;
      if (since && LAST[i] < since) continue;
      if (until && FIRST[i] > until) continue;
      if (words.length && !words.every((w) => searchable[i].includes(w))) continue;
      found.push(i);
    }
    return found;
  }

  // --- the list, drawn in chunks ----------------------------------------------------
  let shown = [], drawn = 0, lastYear = null, lastMonth = null, yearList = null;
  const observer = "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => { if (entries.some((x) => x.isIntersecting)) drawMore(); }, { rootMargin: "1200px" })
    : null;
  function periodOf(e) { const found = dateOf(e[DATE]); return [found.year, found.month]; }
  function eventItem(e) {
    const li = el("li", "event" + (e[STATUS] ? " " + e[STATUS] : ""));
    li.id = "e-" + e[ID];
    const when = el("div", "when");
    const time = el("time", null, span(e[DATE], e[END]));
    if (exactOf(e[DATE]) && (!e[END] || exactOf(e[END]))) { // machine-readable only where HTML has a form
      time.dateTime = e[END] && e[END] !== e[DATE] ? `${e[DATE]}/${e[END]}` : e[DATE];
    }
    const permalink = el("a", "permalink");
    permalink.href = "#e-" + encodeURIComponent(e[ID]);
    permalink.title = "A link to this event";
    permalink.append(time);
    when.append(permalink);
    const kind = el("div", "kind");
    const dot = el("span", "dot");
    dot.style.background = COLOUR[e[KIND]] || "#949494";
    kind.append(dot, document.createTextNode(e[KIND]));
    when.append(kind);
    const body = el("div");
    const title = el("div", "title", e[TITLE]);
    title.lang = languageOf(e[TITLE]); // Japanese: phrase breaks; Korean: at spaces
    if (e[STATUS] && e[STATUS] !== "held") title.append(el("span", "status", e[STATUS]));
    body.append(title);
    const where = e[COUNTRIES].map((c) => DATA.names[c] ? `${c} ${DATA.names[c]}` : c).join(", ");
    const meta = [where, e[LOCATION], e[PEOPLE].join(", "), e[TAGS].map((t) => "#" + t).join(" "),
      reported(e)].filter(Boolean);
    li.append(when, body);
    li.append(el("p", "meta", meta.join(" · ")));
    if (e[SUMMARY]) {
      const summary = el("p", "summary", e[SUMMARY]);
      summary.lang = languageOf(e[SUMMARY]);
      li.append(summary);
    }
    if (e[SOURCES].length) {
      const list = el("ul", "sources");
      for (const source of e[SOURCES]) {
        const item = el("li");
        const site = siteOf(source);
        if (site) { // the site's name as the text, the whole address on hover
          const a = el("a", null, site);
          a.href = source;
          a.title = source;
          a.rel = "noopener noreferrer";
          item.append(a);
        } else {
          item.textContent = source;
        }
        list.append(item);
      }
      li.append(list);
    }
    return li;
  }
  function siteOf(source) {
    if (!/^https?:\/\//i.test(source)) return null;
    try { return new URL(source).hostname.replace(/^www\./, "") || null; } catch (_) { return null; }
  }
  function drawMore(until) {
    const main = $("timeline");
    const stop = Math.min(shown.length, Math.max(drawn + CHUNK, until || 0));
    const fragment = document.createDocumentFragment();
    for (; drawn < stop; drawn++) {
      const e = EVENTS[shown[drawn]];
      const [year, month] = periodOf(e);
      if (year !== lastYear) {
        const h = el("h2", "year", year);
        if (/^\d+$/.test(year)) h.id = "y" + year; // not "Before 1994"
        fragment.append(h);
        lastYear = year; lastMonth = null; yearList = null;
      }
      if (month && month !== lastMonth) {
        const h = el("h3", "month", MONTHS[month - 1]);
        h.id = `m${year}-${month}`;
        fragment.append(h);
        lastMonth = month; yearList = null;
      } else if (!month && lastMonth) { // `2026` or `Q3 2024` after a month's events
        fragment.append(el("h3", "month", NO_MONTH));
        lastMonth = 0; yearList = null;
      }
      if (!yearList) { yearList = el("ol", "events"); fragment.append(yearList); }
      yearList.append(eventItem(e));
    }
    main.append(fragment);
    const more = $("more");
    more.hidden = drawn >= shown.length;
    more.textContent = more.hidden ? "" : `${shown.length - drawn} more…`;
  }
  function redraw() {
    shown = matches();
    drawn = 0; lastYear = lastMonth = yearList = null;
    $("timeline").replaceChildren();
    if (!shown.length) $("timeline").append(el("p", "none", "No events match."));
    drawMore();
    $("count").textContent = `${shown.length.toLocaleString("en")} of ${EVENTS.length.toLocaleString("en")} events`;
    $("download").textContent = `Download ${shown.length === EVENTS.length ? "them" : "these"} as CSV`;
    chart();
  }

  // --- the chart: events per period, stacked by kind (the `stats` chart) ---------------
  let chartWidth = 0; // its pixels, for the year labels; measured again on a resize
  function chart() {
    const box = $("chart");
    box.replaceChildren();
    if (!shown.length) return;
    // Every year from the first to the last, empty ones too, as `timeline stats` counts.
    // An event counts in the year of its first day; one with none (before 1994) in no year.
    const dated = shown.filter((i) => FIRST[i] > "0001-01-01");
    if (!dated.length) return;
    const first = +FIRST[dated[0]].slice(0, 4);
    const last = Math.max(...dated.map((i) => +FIRST[i].slice(0, 4)));
    const periods = new Map();
    for (let year = first; year <= last; year++) periods.set(String(year), new Map());
    for (const i of dated) {
      const e = EVENTS[i], counts = periods.get(String(+FIRST[i].slice(0, 4)));
      counts.set(e[KIND], (counts.get(e[KIND]) || 0) + 1);
    }
    const labels = [...periods.keys()];
    const totals = labels.map((k) => [...periods.get(k).values()].reduce((a, b) => a + b, 0));
    box.dataset.totals = JSON.stringify(Object.fromEntries(labels.map((k, n) => [k, totals[n]])));
    const most = Math.max(...totals), width = 1000, height = 120, gap = labels.length > 200 ? 0 : 2;
    // Each period has its slot across the width (so the axis labels fit the ends); a bar
    // is at most 80 wide, centred in its slot.
    const slot = width / labels.length, barWidth = Math.min(80, Math.max(1, slot - gap));
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Events per year, by kind");
    labels.forEach((label, n) => {
      let y = height;
      const x = n * slot + (slot - barWidth) / 2;
      for (const [kind] of DATA.kinds) {
        const count = periods.get(label).get(kind);
        if (!count) continue;
        const h = count / most * height;
        y -= h;
        const rect = document.createElementNS(ns, "rect");
        rect.setAttribute("class", "bar");
        rect.setAttribute("x", x); rect.setAttribute("y", y);
        rect.setAttribute("width", barWidth); rect.setAttribute("height", h);
        rect.setAttribute("fill", COLOUR[kind]);
        rect.setAttribute("tabindex", "0");
        rect.dataset.period = label;
        rect.dataset.kind = kind;
        rect.dataset.count = count;
        const title = document.createElementNS(ns, "title");
        title.textContent = `${label}: ${count} ${kind}`;
        rect.append(title);
        svg.append(rect);
      }
    });
    const now = new Date(), thisYear = now.getFullYear(); // today, where the page is read
    if (thisYear >= first && thisYear <= last) {
      const start = Date.UTC(thisYear, 0, 1), days = (Date.UTC(thisYear + 1, 0, 1) - start) / 864e5;
      const x = (thisYear - first + (Date.UTC(thisYear, now.getMonth(), now.getDate()) - start) / 864e5 / days) * slot;
      const line = document.createElementNS(ns, "line");
      line.setAttribute("class", "today");
      line.setAttribute("x1", x); line.setAttribute("x2", x);
      line.setAttribute("y1", 0); line.setAttribute("y2", height);
      line.setAttribute("vector-effect", "non-scaling-stroke");
      svg.append(line);
    }
    svg.addEventListener("click", (ev) => goTo(ev.target.dataset && ev.target.dataset.period));
    svg.addEventListener("keydown", (ev) => { if (ev.key === "Enter") goTo(ev.target.dataset.period); });
    const tip = el("div", "tip");
    tip.hidden = true;
    tip.setAttribute("role", "status");
    const show = (ev) => {
      const period = ev.target.dataset && ev.target.dataset.period;
      if (!period) return;
      const n = labels.indexOf(period), counts = periods.get(period);
      const parts = DATA.kinds.filter(([k]) => counts.get(k)).map(([k]) => `${counts.get(k).toLocaleString("en")} ${k}`);
      tip.textContent = `${period}: ${totals[n].toLocaleString("en")} event${totals[n] === 1 ? "" : "s"} (${parts.join(", ")})`;
      const at = (n + 0.5) / labels.length;
      tip.style.left = `${at * 100}%`;
      tip.style.transform = `translateX(${at < 0.25 ? 0 : at > 0.75 ? -100 : -50}%)`; // inside the page
      tip.hidden = false;
    };
    svg.addEventListener("pointerover", show);
    svg.addEventListener("focusin", show);
    svg.addEventListener("pointerleave", () => { tip.hidden = true; });
    svg.addEventListener("focusout", () => { tip.hidden = true; });
    // Year labels as space allows: every year, or every 2nd, 5th, 10th... at its bar.
    chartWidth = chartWidth || box.clientWidth || 600; // measured once: a filter forces no layout
    const room = Math.max(2, Math.floor(chartWidth / 48));
    const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000].find((s) => Math.ceil(labels.length / s) <= room) || 1000;
    const axis = el("div", "axis");
    labels.forEach((label, n) => {
      if (+label % step) return;
      const tick = el("span", null, label);
      tick.style.left = `${(n + 0.5) / labels.length * 100}%`;
      axis.append(tick);
    });
    if (thisYear >= first && thisYear <= last) {
      const mark = el("span", "today", "today"), at = (thisYear - first + 0.5) / labels.length;
      mark.style.left = `${at * 100}%`;
      mark.style.transform = `translateX(${at < 0.1 ? 0 : at > 0.9 ? -100 : -50}%)`;
      box.append(mark);
    }
    box.append(svg, axis, tip);
  }
  function goTo(period) {
    if (!period) return;
    const index = shown.findIndex((i) => FIRST[i].startsWith(period.padStart(4, "0")));
    if (index < 0) return;
    if (index >= drawn) drawMore(index + CHUNK);
    const [year, month] = period.split("-");
    const target = $(month ? `m${year}-${month}` : `y${year}`) || $("y" + year);
    if (target) target.scrollIntoView({ block: "start" });
  }

  // --- the controls ---------------------------------------------------------------------
  function chips(box, values, chosen, label) {
    for (const value of values) {
      const chip = el("button", "chip");
      chip.type = "button";
      chip.dataset.value = value;
      label(chip, value);
      chip.addEventListener("click", () => {
        chosen().has(value) ? chosen().delete(value) : chosen().add(value);
        changed();
      });
      box.append(chip);
    }
  }
  function syncControls() {
    for (const chip of document.querySelectorAll("#kinds .chip")) chip.setAttribute("aria-pressed", state.kind.has(chip.dataset.value));
    for (const chip of document.querySelectorAll("#countries .chip")) chip.setAttribute("aria-pressed", state.country.has(chip.dataset.value));
    $("q").value = state.q; $("since").value = state.since; $("until").value = state.until;
  }
  function changed() { writeFragment(); syncControls(); redraw(); }

  const kindsPresent = new Set(EVENTS.map((e) => e[KIND]));
  chips($("kinds"), DATA.kinds.map(([k]) => k).filter((k) => kindsPresent.has(k)), () => state.kind, (chip, kind) => {
    const dot = el("span", "dot");
    dot.style.background = COLOUR[kind];
    chip.append(dot, document.createTextNode(kind));
  });
  const perCountry = new Map();
  for (const e of EVENTS) for (const c of e[COUNTRIES]) perCountry.set(c, (perCountry.get(c) || 0) + 1);
  const countries = [...perCountry.keys()].sort((a, b) => perCountry.get(b) - perCountry.get(a) || a.localeCompare(b));
  chips($("countries"), countries, () => state.country, (chip, code) => {
    chip.textContent = `${code} ${DATA.names[code] || ""}`.trim();
    chip.title = `${perCountry.get(code)} events`;
  });
  let typing = null;
  for (const id of ["q", "since", "until"]) {
    $(id).addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => { state[id] = $(id).value.trim(); writeFragment(); redraw(); }, 120);
    });
  }
  $("filters").addEventListener("submit", (ev) => ev.preventDefault());
  $("clear").addEventListener("click", () => {
    Object.assign(state, { kind: new Set(), country: new Set(), q: "", since: "", until: "" });
    changed();
  });
  window.addEventListener("hashchange", () => {
    const target = linked();
    if (target && $("e-" + target)) return reveal(target); // drawn: no filter changes
    readFragment(); syncControls(); redraw();
    if (target) reveal(target);
  });
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { chartWidth = 0; chart(); }, 150);
  });
  const sentinel = $("more");
  if (observer) observer.observe(sentinel);
  else window.addEventListener("scroll", () => { if (innerHeight + scrollY > document.body.offsetHeight - 1500) drawMore(); });
  window.addEventListener("beforeprint", () => drawMore(shown.length));

  // How many coded rows and articles report a merged event, in `show ID`'s words (an event
  // of one row says nothing: every imported event would).
  const counted = (n, word) => `${n.toLocaleString("en")}\u00a0${word}${n === 1 ? "" : "s"}`; // kept on one line
  function reported(e) {
    if (!e[REPORTS] || e[REPORTS] < 2) return "";
    return [counted(e[REPORTS], "row"), e[ARTICLES] ? counted(e[ARTICLES], "article") : ""]
      .filter(Boolean).join(", ");
  }

  // The shown events as CSV, made in the page from its own data (no request), with the
  // columns and the formula guard of `timeline export --format csv`.
  const CSV_COLUMNS = ["id", "date", "end", "kind", "status", "title", "countries", "location",
    "participants", "tags", "summary", "sources", "cameo", "plover", "intensity", "reports", "articles"];
  const FREE_TEXT = new Set(["title", "location", "participants", "tags", "summary", "sources"]);
  function csvCell(value, name) {
    let text = Array.isArray(value) ? value.join("; ") : value === null || value === undefined ? "" : String(value);
    // a spreadsheet shows free text, never runs it (an intensity of -1.0 is a number)
    if (FREE_TEXT.has(name) && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  function csv() {
    const lines = [CSV_COLUMNS.join(",")];
    for (const i of shown) lines.push(CSV_COLUMNS.map((name) => csvCell(EVENTS[i][AT[name]], name)).join(","));
    return lines.join("\r\n") + "\r\n";
  }
  $("download").addEventListener("click", (ev) => {
    const link = ev.currentTarget;
    if (link.dataset.url) URL.revokeObjectURL(link.dataset.url);
    link.dataset.url = link.href = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
    const named = document.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
    link.download = (named || "timeline") + ".csv";
  });

  readFragment();
  syncControls();
  redraw();
  if (linked()) reveal(linked());
  document.documentElement.dataset.readyAt = String(Math.round(performance.now()));
  document.documentElement.dataset.ready = "true";
})();
