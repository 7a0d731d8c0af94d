// giamsat site script: draws the charts from their JSON blocks, offers
// their downloads, and sorts and filters tables. Every page is complete
// without it: the figures are in plain tables beside each chart.
(function () {
  'use strict';

  var lang = document.documentElement.lang || 'vi';
  var locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  var numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  var dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  var charts = [];

  document.documentElement.classList.add('js');

  // ---- charts ----

  function readOption(el) {
    var blocks = document.querySelectorAll('script.chart-option');
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].getAttribute('data-for') === el.id) {
        return JSON.parse(blocks[i].textContent);
      }
    }
    return null;
  }

  var percentFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

  // surfaceColor is the background the chart is drawn on, for gaps
  // between the tiles of the tile map.
  function surfaceColor(el) {
    for (var n = el; n && n.nodeType === 1; n = n.parentNode) {
      var c = getComputedStyle(n).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
    }
    return '#fff';
  }

  // prepare fills in what a JSON option cannot carry or should not repeat:
  // number formatting in the page's language (a JSON option can hold no
  // formatter function, and the site's CSP runs no code from data), labels
  // fitted to the chart's width, and the accessible description, which
  // ECharts would otherwise generate in English.
  function prepare(option, el) {
    // Back to the stylesheet's height: a chart drawn again on a resize
    // may need another.
    el.style.height = '';
    option.backgroundColor = option.backgroundColor || 'transparent';
    option.aria = option.aria || {};
    if (option.aria.enabled === undefined) option.aria.enabled = true;
    option.aria.decal = option.aria.decal || { show: true };
    option.aria.label = option.aria.label || {};
    if (!option.aria.label.description) {
      option.aria.label.description = el.getAttribute('aria-label') || '';
    }
    var fmt = function (v) {
      return typeof v === 'number' ? numberFormat.format(v) : v;
    };
    if (option.tooltip && !Array.isArray(option.tooltip) && !option.tooltip.valueFormatter) {
      option.tooltip.valueFormatter = fmt;
    }
    ['xAxis', 'yAxis'].forEach(function (k) {
      var axes = option[k];
      if (!axes) return;
      (Array.isArray(axes) ? axes : [axes]).forEach(function (a) {
        if (a.type === 'value' || a.type === 'log') {
          a.axisLabel = a.axisLabel || {};
          if (!a.axisLabel.formatter) a.axisLabel.formatter = fmt;
        }
      });
    });
    // On a phone a pie has no room for labels beside it: the legend,
    // wrapped onto lines below, names the slices, and the table has the
    // figures.
    var narrow = el.clientWidth < 480;
    [].concat(option.series || []).forEach(function (s) {
      s.label = s.label || {};
      if (s.type === 'pie') {
        // "Facebook: 54,7%", not ECharts' "54.7%".
        s.label.formatter = function (p) { return p.name + ': ' + percentFormat.format(p.percent) + '%'; };
        if (narrow) {
          s.label.show = false;
          s.center = ['50%', '36%'];
          s.radius = ['30%', '56%'];
          if (option.legend && !Array.isArray(option.legend)) option.legend.type = 'plain';
        }
      } else if (s.type === 'heatmap') {
        // The tile map: name and figure on each square, broken into lines
        // that fit it, with a gap of page colour between the squares.
        // A square too narrow for a name shows none: the tooltip and the
        // table beside the map name every unit. The map grows with its
        // rows, so that a province of hundreds of units keeps squares a
        // label fits in.
        var xs = [].concat(option.xAxis || [])[0];
        var ys = [].concat(option.yAxis || [])[0];
        var cols = xs && xs.data ? xs.data.length : 1;
        var rows = ys && ys.data ? ys.data.length : 1;
        var square = Math.floor(el.clientWidth * 0.96 / cols);
        var fits = square >= 60;
        s.label.show = fits;
        var need = rows * (fits ? 48 : 26) + 72;
        if (need > el.clientHeight) el.style.height = need + 'px';
        s.label.width = Math.max(24, square - 8);
        s.label.overflow = 'break';
        s.label.lineHeight = 15;
        s.label.formatter = function (p) { return p.name + '\n' + fmt(p.value[2]); };
        s.itemStyle = s.itemStyle || {};
        s.itemStyle.borderColor = surfaceColor(el);
      } else if (s.label.show && !s.label.formatter) {
        s.label.formatter = function (p) { return fmt(Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value); };
      }
    });
    if (option.visualMap) {
      [].concat(option.visualMap).forEach(function (v) { v.formatter = fmt; });
    }
    wrapLegend(option, el);
    return option;
  }

  // wrapLegend keeps a legend whole: never paged ("1/4 ▶") nor cut, on a
  // screen or on paper. It wraps onto as many lines as the names need, at
  // the bottom, and the chart grows by their height so that the plot keeps
  // its size.
  function wrapLegend(option, el) {
    var lg = option.legend;
    if (!lg || Array.isArray(lg) || lg.show === false) return;
    var names = lg.data && lg.data.length ? lg.data.map(function (d) { return d.name || d; }) : [];
    if (!names.length) {
      [].concat(option.series || []).forEach(function (s) {
        if (s.type === 'pie') (s.data || []).forEach(function (d) { names.push(d.name); });
        else if (s.name) names.push(s.name);
      });
    }
    var ctx = document.createElement('canvas').getContext('2d');
    ctx.font = '12px ' + getComputedStyle(el).fontFamily;
    // A little narrower than the legend's box and a little wider per
    // item than ECharts lays them out: an estimate must err on the side
    // of one line too many.
    var width = el.clientWidth * 0.9, lines = 1, x = 0;
    names.forEach(function (n) {
      // icon 25, its gap 5, the name, the gap to the next item 10
      var w = 25 + 5 + Math.ceil(ctx.measureText(String(n)).width * 1.1) + 12;
      if (x > 0 && x + w > width) { lines++; x = 0; }
      x += w;
    });
    var height = lines * 24;
    lg.type = 'plain';
    lg.top = null;
    lg.bottom = 4;
    lg.left = 'center';
    lg.width = '96%';
    [].concat(option.grid || []).forEach(function (g) { g.bottom = height + 28; });
    el.style.height = (el.clientHeight + height - 24) + 'px';
  }

  function draw(entry) {
    if (entry.chart) entry.chart.dispose();
    var theme = dark && dark.matches ? 'dark' : null;
    // Prepared first: it may make the box taller for a long legend.
    var option = prepare(JSON.parse(entry.json), entry.el);
    entry.chart = echarts.init(entry.el, theme, { renderer: 'svg' });
    entry.chart.setOption(option);
    scalable(entry.el);
  }

  // scalable gives the drawn SVG a viewBox, so that the print stylesheet
  // can fit it to the paper by CSS alone: the browser fires beforeprint
  // while the page still has its screen layout, so the chart cannot be
  // drawn again at the paper's size.
  function scalable(el) {
    var svg = el.querySelector('svg');
    if (svg && svg.getAttribute('width')) {
      svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
    }
  }

  // mapsNeeded lists the boundary maps an option draws on.
  function mapsNeeded(option) {
    return [].concat(option.series || []).filter(function (s) { return s.type === 'map'; }).map(function (s) { return s.map; });
  }

  // registerMaps hands ECharts the boundary maps the page's map asset
  // brought (assets/map-*.js), and reports whether every one needed is
  // there. The asset is a script of its own, loaded after this one: a
  // chart that needs it waits for the page's load event.
  function registerMaps(names) {
    var maps = window.giamsatMaps || {};
    return names.every(function (n) {
      if (!maps[n]) return false;
      if (!echarts.getMap(n)) echarts.registerMap(n, maps[n]);
      return true;
    });
  }

  function initCharts() {
    if (typeof echarts === 'undefined') return;
    var els = document.querySelectorAll('.chart');
    var waiting = [];
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var option;
      try {
        option = readOption(el);
      } catch (e) {
        continue; // a broken block leaves the data table to speak
      }
      if (!option) continue;
      var entry = { el: el, json: JSON.stringify(option), chart: null, maps: mapsNeeded(option) };
      if (registerMaps(entry.maps)) show(entry);
      else waiting.push(entry);
    }
    if (waiting.length) {
      window.addEventListener('load', function () {
        // Without its map (the asset missing) a chart is not drawn: its
        // table beside it still has every figure.
        waiting.forEach(function (entry) { if (registerMaps(entry.maps)) show(entry); });
      });
    }
  }

  function show(entry) {
    draw(entry);
    charts.push(entry);
    var actions = document.querySelector('.chart-actions[data-for="' + entry.el.id + '"]');
    if (actions) actions.hidden = false;
  }

  // redrawAll draws every chart again rather than resizing it: labels are
  // fitted to the width in prepare.
  function redrawAll() {
    charts.forEach(draw);
  }

  function entryFor(id) {
    for (var i = 0; i < charts.length; i++) {
      if (charts[i].el.id === id) return charts[i];
    }
    return null;
  }

  // ---- downloads ----

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // csvField writes one cell by the rule of the site's own CSV files: a
  // text that a spreadsheet would run as a formula (starting with =, +, -,
  // @, a tab or a carriage return) gets a leading ', and a cell holding a
  // quote, comma or line break is quoted.
  function csvField(s, number) {
    if (!number && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // cellValue is a cell's value for sorting, filtering and CSV:
  // data-value where the page gives one (a number without grouping, a
  // date, a key), else its text trimmed of the page's layout white space.
  function cellValue(cell) {
    var v = cell.getAttribute('data-value');
    return v !== null ? v : cell.textContent.trim();
  }

  // csvCell is a cell as tableCSV writes it: the guard runs on the value
  // after trimming, so " =1" becomes "=1", then "'=1"; a plain number
  // (data-value "-12") is left as it is.
  function csvCell(cell) {
    var v = cellValue(cell);
    var number = cell.getAttribute('data-value') !== null && /^-?[0-9]+(\.[0-9]+)?$/.test(v);
    return csvField(v, number);
  }

  // tableCSV writes a table as CSV with a BOM, so that Excel reads the
  // Vietnamese letters as UTF-8. Numbers come from data-value, which holds
  // them without grouping, so that no spreadsheet misreads "1.234".
  function tableCSV(table) {
    var lines = [];
    var rows = table.querySelectorAll('tr');
    for (var i = 0; i < rows.length; i++) {
      var cells = rows[i].querySelectorAll('th, td');
      var out = [];
      for (var j = 0; j < cells.length; j++) out.push(csvCell(cells[j]));
      lines.push(out.join(','));
    }
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  }

  function baseName(actions) {
    var name = actions.getAttribute('data-name') || actions.getAttribute('data-for') || 'chart';
    return name.replace(/\.csv$/i, '');
  }

  function download(button) {
    var actions = button.closest('.chart-actions');
    var entry = entryFor(actions.getAttribute('data-for'));
    var kind = button.getAttribute('data-download');
    var name = baseName(actions);
    if (kind === 'csv') {
      var table = actions.closest('.chart-box').querySelector('table');
      if (table) save(new Blob([tableCSV(table)], { type: 'text/csv;charset=utf-8' }), name + '.csv');
      return;
    }
    if (!entry) return;
    var svg = entry.chart.renderToSVGString();
    if (kind === 'svg') {
      save(new Blob([svg], { type: 'image/svg+xml' }), name + '.svg');
      return;
    }
    // PNG: draw the SVG on a canvas at twice the size. The image is loaded
    // from a data: URL because the CSP allows data: images but not blob: ones.
    var img = new Image();
    img.onload = function () {
      var scale = 2;
      var canvas = document.createElement('canvas');
      canvas.width = img.width * scale;
      canvas.height = img.height * scale;
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = getComputedStyle(document.body).backgroundColor || '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) { if (blob) save(blob, name + '.png'); }, 'image/png');
    };
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  }

  // ---- tables ----

  var collator = new Intl.Collator(lang === 'en' ? 'en' : 'vi', { numeric: true, sensitivity: 'base' });

  function sortKey(cell, numeric) {
    var v = cellValue(cell);
    if (!numeric) return v;
    var n = parseFloat(v);
    return isNaN(n) ? -Infinity : n;
  }

  function sortBy(table, col, th) {
    var numeric = th.classList.contains('num');
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    var heads = table.querySelectorAll('thead th');
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (r, i) {
      var c = r.cells[col];
      return { row: r, key: c ? sortKey(c, numeric) : '', i: i };
    });
    keyed.sort(function (a, b) {
      var d = numeric ? (a.key === b.key ? 0 : a.key - b.key) : collator.compare(a.key, b.key);
      if (d === 0) return a.i - b.i; // stable
      return asc ? d : -d;
    });
    var frag = document.createDocumentFragment();
    keyed.forEach(function (k) { frag.appendChild(k.row); });
    body.appendChild(frag);
  }

  // enhanceSortable turns each heading of table.sortable into a button, so
  // that keyboards reach it and screen readers announce the order.
  function enhanceSortable(table) {
    var heads = table.querySelectorAll('thead th');
    Array.prototype.forEach.call(heads, function (th, col) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'sort';
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener('click', function () { sortBy(table, col, th); });
    });
  }

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();
  }

  // Filters: any input or select with data-filter-for="TABLE-ID". A text
  // input matches anywhere in the row, ignoring case and diacritics; a
  // select with data-filter-col="N" matches column N exactly (by data-value
  // or text). Rows that fail any filter get the hidden attribute.
  function applyFilters(table) {
    var controls = document.querySelectorAll('[data-filter-for="' + table.id + '"]');
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var ok = true;
      for (var j = 0; j < controls.length && ok; j++) {
        var c = controls[j];
        var v = c.value;
        if (!v) continue;
        var col = c.getAttribute('data-filter-col');
        if (col !== null && row.cells[+col]) {
          var cell = row.cells[+col];
          ok = cellValue(cell) === v || cell.textContent.trim() === v;
        } else {
          ok = fold(row.textContent).indexOf(fold(v)) >= 0;
        }
      }
      row.hidden = !ok;
      if (ok) shown++;
    }
    var counters = document.querySelectorAll('[data-filter-count="' + table.id + '"]');
    for (var k = 0; k < counters.length; k++) counters[k].textContent = numberFormat.format(shown);
  }

  function initTables() {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), enhanceSortable);
    var seen = {};
    Array.prototype.forEach.call(document.querySelectorAll('[data-filter-for]'), function (c) {
      var id = c.getAttribute('data-filter-for');
      var table = document.getElementById(id);
      if (!table) return;
      c.hidden = false;
      var wrap = c.closest('.filters');
      if (wrap) wrap.hidden = false;
      var run = function () { applyFilters(table); };
      c.addEventListener('input', run);
      c.addEventListener('change', run);
      if (!seen[id]) {
        seen[id] = true;
        if (c.value) run(); // the browser may restore a value on "back"
      }
    });
  }

  // ---- directive list ----

  // The list's year rows (tr.doc-year) head the directives below them. The
  // generic filters hide every row that does not match, year rows
  // included, and count every row shown; afterwards a year shows again
  // when any of its directives does, and the count is of directives only.
  // Registered after initTables, so it runs after applyFilters.
  function initDirectiveList() {
    var table = document.getElementById('directive-list');
    if (!table || !table.tBodies[0]) return;
    var years = function () {
      var rows = table.tBodies[0].rows;
      var year = null;
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        if (row.classList.contains('doc-year')) {
          year = row;
          year.hidden = true;
        } else if (!row.hidden) {
          shown++;
          if (year) year.hidden = false;
        }
      }
      var counters = document.querySelectorAll('[data-filter-count="directive-list"]');
      for (var k = 0; k < counters.length; k++) counters[k].textContent = numberFormat.format(shown);
    };
    var controls = document.querySelectorAll('[data-filter-for="directive-list"]');
    for (var i = 0; i < controls.length; i++) {
      controls[i].addEventListener('input', years);
      controls[i].addEventListener('change', years);
    }
    years();
  }

  // ---- start ----

  // closeTablesOnPhone folds the data tables beside the charts on a
  // phone, where open they would make the page thousands of pixels long;
  // on paper they print open (site.css), and without the script they stay
  // open.
  function closeTablesOnPhone() {
    if (!window.matchMedia || !window.matchMedia('(max-width: 30rem)').matches) return;
    var ds = document.querySelectorAll('details.chart-data');
    for (var i = 0; i < ds.length; i++) ds[i].open = false;
  }

  function start() {
    closeTablesOnPhone();
    initCharts();
    initTables();
    initDirectiveList();
    document.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('.chart-actions button[data-download]');
      if (b) download(b);
    });
    var timer = 0;
    var lastWidth = window.innerWidth;
    window.addEventListener('resize', function () {
      // Phones fire resize when the address bar hides; only a change of
      // width changes the charts.
      if (window.innerWidth === lastWidth) return;
      lastWidth = window.innerWidth;
      clearTimeout(timer);
      timer = setTimeout(redrawAll, 150);
    });
    if (dark) {
      if (dark.addEventListener) dark.addEventListener('change', redrawAll);
      else if (dark.addListener) dark.addListener(redrawAll);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
