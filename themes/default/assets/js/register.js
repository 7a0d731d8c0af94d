// giamsat case register: filters and sorting across every page of a
// register. The pages list the cases newest first, a few hundred a page,
// and work without this script; with it, the filters above the table and
// a click on a column heading load the register index (cases/index.js, a
// script file, not a fetch, so that the register works opened from disk
// too) and list the matching cases of the whole register, the first
// LIMIT of them, each linking to its row on its register page. The
// folded summaries (cases/text.js) are loaded only for a text filter.
// render/register_index.go describes the index.
(function () {
  'use strict';

  var LIMIT = 200;
  var lang = document.documentElement.lang || 'vi';
  var locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  var numberFormat = new Intl.NumberFormat(locale);
  var collator = new Intl.Collator(lang === 'en' ? 'en' : 'vi', { numeric: true, sensitivity: 'base' });

  var form, table, results, status, matches;
  var data = null; // the decoded index
  var text = null; // folded summaries, in id order
  var sort = null; // { col: name, asc: bool }
  var pending = {}; // script src → callbacks waiting for it

  // fold compares text as the search does (vntext.Fold): NFD, marks
  // removed, đ → d, lower case, spaces collapsed.
  function fold(s) {
    return s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
      .split(/\s+/).filter(Boolean).join(' ');
  }

  // caseAnchor is address.CaseAnchor: "c-" and the id, its ASCII letters,
  // digits, "-" and "." as they are, every other UTF-8 byte as _XX.
  function caseAnchor(id) {
    var bytes = new TextEncoder().encode(id);
    var out = 'c-';
    for (var i = 0; i < bytes.length; i++) {
      var c = bytes[i];
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46) {
        out += String.fromCharCode(c);
      } else {
        out += '_' + (c < 16 ? '0' : '') + c.toString(16).toUpperCase();
      }
    }
    return out;
  }

  // load runs ready once the script at src has run, inserting it the
  // first time; failed runs instead if it cannot be loaded.
  function load(src, ready, failed) {
    if (pending[src] === true) { ready(); return; }
    if (pending[src]) { pending[src].push([ready, failed]); return; }
    pending[src] = [[ready, failed]];
    var s = document.createElement('script');
    s.src = src;
    s.onload = function () {
      var waiting = pending[src];
      pending[src] = true;
      waiting.forEach(function (w) { w[0](); });
    };
    s.onerror = function () {
      var waiting = pending[src];
      delete pending[src];
      s.remove();
      waiting.forEach(function (w) { w[1](); });
    };
    document.head.appendChild(s);
  }

  // decode turns the columnar index into what the filters read: the ids
  // whole, the register order and each case's place in its registers.
  function decode(x) {
    var n = x.id.length;
    var ids = new Array(n);
    var prev = '';
    for (var i = 0; i < n; i++) {
      var e = x.id[i];
      prev = prev.slice(0, e.charCodeAt(0) - 48) + e.slice(1);
      ids[i] = prev;
    }
    var order = new Array(n);
    for (var k = 0; k < n; k++) order[k] = k;
    order.sort(function (a, b) { return x.detected[b] - x.detected[a] || a - b; });
    var pos = new Array(n); // place in the province register
    var upos = new Array(n); // place in its unit's register
    var seen = x.units.map(function () { return 0; });
    order.forEach(function (i, k) {
      pos[i] = k;
      var u = x.unit[i];
      if (u >= 0) upos[i] = seen[u]++;
    });
    var months = new Array(n);
    for (var j = 0; j < n; j++) months[j] = monthOf(x.monthStarts, x.detected[j]);
    var days = new Array(n);
    for (var d = 0; d < n; d++) {
      var end = x.resolved[d] && !x.open[x.status[d]] ? x.detected[d] + x.resolved[d] - 1 : x.asOf;
      days[d] = end - x.detected[d];
    }
    return { x: x, ids: ids, order: order, pos: pos, upos: upos, months: months, days: days,
      folded: ids.map(fold), rank: {
        unit: ranks(x.units), category: ranks(x.categories), platform: ranks(x.platforms), status: ranks(x.statuses)
      } };
  }

  // monthOf is the index of the last month starting on or before day.
  function monthOf(starts, day) {
    var lo = 0, hi = starts.length - 1, m = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= day) { m = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return m;
  }

  // pageOf is the page (from 1) that lists place k of a register.
  function pageOf(starts, k) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= k) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }

  // ranks orders names the way the page's language sorts them.
  function ranks(names) {
    var idx = names.map(function (_, i) { return i; });
    idx.sort(function (a, b) { return collator.compare(names[a], names[b]); });
    var r = new Array(names.length);
    idx.forEach(function (i, k) { r[i] = k; });
    return r;
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // date gives [dd/mm/yyyy, yyyy-mm-dd] of a day of the index.
  function date(day) {
    var t = new Date((data.x.epoch + day) * 86400000);
    var y = t.getUTCFullYear(), m = pad(t.getUTCMonth() + 1), d = pad(t.getUTCDate());
    return [d + '/' + m + '/' + y, y + '-' + m + '-' + d];
  }

  function value(name) {
    var el = form.elements[name];
    if (!el) return '';
    return el.type === 'checkbox' ? (el.checked ? '1' : '') : el.value;
  }

  function unitFixed() { return +form.getAttribute('data-unit'); }

  function filtering() {
    return ['text', 'unit', 'category', 'status', 'month', 'overdue'].some(function (k) { return value(k) !== '' && fold(value(k)) !== ''; });
  }

  // matching lists the cases that pass every filter, in register order,
  // then sorted by the chosen column.
  function matching() {
    var x = data.x;
    var unit = unitFixed() >= 0 ? unitFixed() : (value('unit') === '' ? -1 : +value('unit'));
    var cat = value('category') === '' ? -1 : +value('category');
    var st = value('status') === '' ? -1 : +value('status');
    var month = value('month') === '' ? -2 : x.months.indexOf(value('month'));
    var late = value('overdue') !== '';
    var q = fold(value('text'));
    var out = [];
    for (var k = 0; k < data.order.length; k++) {
      var i = data.order[k];
      if (unit >= 0 && x.unit[i] !== unit) continue;
      if (cat >= 0 && x.category[i] !== cat) continue;
      if (st >= 0 && x.status[i] !== st) continue;
      if (month !== -2 && data.months[i] !== month) continue;
      if (late && !x.overdue[i]) continue;
      if (q && data.folded[i].indexOf(q) < 0 && !(text && text[i].indexOf(q) >= 0)) continue;
      out.push(i);
    }
    if (sort) {
      var key = sortKey(sort.col);
      var dir = sort.asc ? 1 : -1;
      var keyed = out.map(function (i, k) { return { i: i, k: k, v: key(i) }; });
      keyed.sort(function (a, b) {
        var d = typeof a.v === 'string' ? collator.compare(a.v, b.v) : a.v - b.v;
        return d * dir || a.k - b.k;
      });
      out = keyed.map(function (e) { return e.i; });
    }
    return out;
  }

  function sortKey(col) {
    var x = data.x;
    switch (col) {
      case 'id': return function (i) { return data.ids[i]; };
      case 'unit': return function (i) { return x.unit[i] < 0 ? -1 : data.rank.unit[x.unit[i]]; };
      case 'category': case 'platform': case 'status':
        return function (i) { return data.rank[col][x[col][i]]; };
      case 'detected': return function (i) { return x.detected[i]; };
      // No date sorts first, as the page's own sorting puts empty cells.
      case 'resolved': return function (i) { return x.resolved[i] ? x.detected[i] + x.resolved[i] : -Infinity; };
      default: return function (i) { return data.days[i]; };
    }
  }

  function cell(row, textContent, className, dataValue) {
    var td = row.insertCell();
    if (className) td.className = className;
    if (dataValue !== undefined && dataValue !== textContent) td.setAttribute('data-value', dataValue);
    if (textContent !== null) td.textContent = textContent;
    return td;
  }

  // href is the link to case i's row on its register page.
  function href(i) {
    var x = data.x;
    var page = unitFixed() >= 0 ? pageOf(x.unitPages[unitFixed()], data.upos[i]) : pageOf(x.pages, data.pos[i]);
    return form.getAttribute('data-pages') + (page > 1 ? page + '/' : '') + 'index.html#' + caseAnchor(data.ids[i]);
  }

  function show(list) {
    var x = data.x;
    var body = matches.tBodies[0];
    body.replaceChildren();
    var late = form.getAttribute('data-overdue');
    for (var k = 0; k < list.length && k < LIMIT; k++) {
      var i = list[k];
      var row = body.insertRow();
      var over = x.overdue[i] ? 'overdue' : '';
      var a = document.createElement('a');
      a.href = href(i);
      a.textContent = data.ids[i];
      cell(row, null, over).appendChild(a);
      cell(row, x.unit[i] >= 0 ? x.units[x.unit[i]] : '', over);
      cell(row, x.categories[x.category[i]], over);
      cell(row, x.platforms[x.platform[i]], over);
      cell(row, x.statuses[x.status[i]] + (x.overdue[i] ? ' · ' + late : ''), over);
      var d = date(x.detected[i]);
      cell(row, d[0], over, d[1]);
      if (x.resolved[i]) {
        var r = date(x.detected[i] + x.resolved[i] - 1);
        cell(row, r[0], over, r[1]);
      } else cell(row, '', over);
      cell(row, numberFormat.format(data.days[i]), over ? 'num overdue' : 'num', String(data.days[i]));
    }
    var shown = Math.min(list.length, LIMIT);
    var msg = form.getAttribute(list.length > shown ? 'data-showing' : 'data-matching');
    status.textContent = msg.replace('{shown}', numberFormat.format(shown)).replace('{total}', numberFormat.format(list.length));
    paged(false);
  }

  // paged shows the register's own page, or the cases the index found.
  function paged(on) {
    results.hidden = on;
    matches.closest('.table-wrap').hidden = on;
    table.closest('.table-wrap').hidden = !on;
    var pager = document.querySelector('nav.pager');
    if (pager) pager.hidden = !on;
    [table, matches].forEach(function (t) {
      Array.prototype.forEach.call(t.tHead.rows[0].cells, function (th) {
        var col = th.getAttribute('data-col');
        if (!on && sort && col === sort.col) th.setAttribute('aria-sort', sort.asc ? 'ascending' : 'descending');
        else th.removeAttribute('aria-sort');
      });
    });
  }

  function say(attr) {
    results.hidden = false;
    status.textContent = form.getAttribute(attr);
  }

  var runs = 0;

  function update() {
    if (!filtering() && !sort) {
      paged(true);
      return;
    }
    var run = ++runs;
    var needText = fold(value('text')) !== '' && !text;
    if (!data) say('data-loading');
    load(form.getAttribute('data-index'), function () {
      if (!data) data = decode(window.giamsatRegister);
      var go = function () { if (run === runs) show(matching()); };
      if (!needText) { go(); return; }
      load(form.getAttribute('data-text'), function () {
        text = window.giamsatRegisterText;
        go();
      }, go); // without the summaries, the text still finds ids
    }, function () { say('data-failed'); });
  }

  // sortable makes each heading but the summary's a button that sorts
  // the whole register by its column, ascending first, then descending.
  function sortable(t, columns) {
    Array.prototype.forEach.call(t.tHead.rows[0].cells, function (th, k) {
      var col = columns[k];
      th.setAttribute('data-col', col);
      if (col === 'summary') return;
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener('click', function () {
        sort = { col: col, asc: !(sort && sort.col === col && sort.asc) };
        update();
      });
    });
  }

  function start() {
    form = document.getElementById('register-filters');
    table = document.getElementById('case-register');
    results = document.getElementById('register-results');
    status = document.getElementById('register-status');
    if (!form || !table || !results || !status || !table.tHead) return;
    var columns = (table.getAttribute('data-columns') || '').split(' ');

    // The list of matches: the register's columns but the summary, whose
    // text the index does not carry.
    var wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    wrap.hidden = true;
    matches = document.createElement('table');
    matches.className = 'data register-matches';
    matches.id = 'register-matches';
    var head = table.tHead.cloneNode(true);
    var keep = [];
    Array.prototype.slice.call(head.rows[0].cells).forEach(function (th, k) {
      if (columns[k] === 'summary') th.remove();
      else keep.push(columns[k]);
    });
    matches.appendChild(head);
    matches.appendChild(document.createElement('tbody'));
    wrap.appendChild(matches);
    results.appendChild(wrap);
    sortable(table, columns);
    sortable(matches, keep);

    form.hidden = false;
    form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    form.addEventListener('reset', function () {
      sort = null;
      setTimeout(update, 0); // after the browser has cleared the fields
    });
    if (filtering()) update(); // the browser may restore a value on "back"
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
