// giamsat search page: finds the entries of window.giamsatSearch, which
// search/search-index.js sets (a script file, not a fetch, so that the
// page works opened from disk too), as the reader types.
//
// Text is compared folded the way Go's vntext.Fold folds the index: NFD,
// combining marks removed, đ → d, lower case, spaces collapsed. Every word
// of the query must occur in an entry. Entries rank by, in order:
//   1. the whole query is the entry's title or number;
//   2. the whole query occurs in the title or number;
//   3. how many query words occur in the title or number;
//   4. the whole query occurs in the rest (a subject, a summary, a body);
//   5. how many query words start a word of the entry;
// and then by their order in the index (districts, categories, directives
// newest first, pages, cases most recent first).
(function () {
  'use strict';

  var KIND = 0, TITLE = 1, NUMBER = 2, TEXT = 3, META = 4, HREF = 5, FTITLE = 6, FNUMBER = 7, FBODY = 8;
  var LIMIT = 50;

  var mark = /\p{Mn}/gu;
  var wordChar = /[\p{L}\p{N}]/u;

  function fold(s) {
    return s.normalize('NFD').replace(mark, '').replace(/[đĐ]/g, 'd').toLowerCase()
      .split(/\s+/).filter(Boolean).join(' ');
  }

  // startsWord reports whether term occurs in s at the start of a word.
  function startsWord(s, term) {
    for (var i = s.indexOf(term); i >= 0; i = s.indexOf(term, i + 1)) {
      if (i === 0 || !wordChar.test(s.charAt(i - 1))) return true;
    }
    return false;
  }

  function search(entries, query) {
    var q = fold(query);
    if (!q) return [];
    var words = q.split(' ');
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var ft = e[FTITLE], fn = e[FNUMBER], fb = e[FBODY];
      var inHead = 0, atStart = 0, ok = true;
      for (var w = 0; w < words.length && ok; w++) {
        var word = words[w];
        var head = ft.indexOf(word) >= 0 || fn.indexOf(word) >= 0;
        ok = head || fb.indexOf(word) >= 0;
        if (head) inHead++;
        if (startsWord(ft, word) || startsWord(fn, word) || startsWord(fb, word)) atStart++;
      }
      if (!ok) continue;
      hits.push({
        entry: e,
        order: i,
        exact: ft === q || fn === q ? 1 : 0,
        phrase: ft.indexOf(q) >= 0 || fn.indexOf(q) >= 0 ? 1 : 0,
        inHead: inHead,
        inBody: fb.indexOf(q) >= 0 ? 1 : 0,
        atStart: atStart
      });
    }
    hits.sort(function (a, b) {
      return b.exact - a.exact || b.phrase - a.phrase || b.inHead - a.inHead ||
        b.inBody - a.inBody || b.atStart - a.atStart || a.order - b.order;
    });
    return hits;
  }

  function el(tag, className, text) {
    var n = document.createElement(tag);
    if (className) n.className = className;
    if (text) n.textContent = text;
    return n;
  }

  function show(index, form, status, list, query) {
    var hits = search(index.entries, query);
    list.replaceChildren();
    if (!fold(query)) {
      status.textContent = '';
      return;
    }
    var root = form.getAttribute('data-root') || '';
    for (var i = 0; i < hits.length && i < LIMIT; i++) {
      var e = hits[i].entry;
      var li = el('li');
      var a = el('a', 'search-title', e[TITLE]);
      a.href = root + e[HREF];
      li.appendChild(a);
      li.appendChild(el('span', 'search-kind', index.kinds[e[KIND]]));
      if (e[NUMBER] && e[TITLE].indexOf(e[NUMBER]) < 0) li.appendChild(el('span', 'search-number', ' · ' + e[NUMBER]));
      if (e[TEXT]) li.appendChild(el('p', 'search-text', e[TEXT]));
      if (e[META]) li.appendChild(el('p', 'search-meta', e[META]));
      list.appendChild(li);
    }
    var n = hits.length;
    var msg = n === 0 ? form.getAttribute('data-none')
      : (n > LIMIT ? form.getAttribute('data-more') : form.getAttribute('data-count'));
    status.textContent = msg.replace('{n}', n.toLocaleString(document.documentElement.lang || 'vi'))
      .replace('{shown}', String(LIMIT));
  }

  function start() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var index = window.giamsatSearch;
    if (!form || !input || !index) return;

    function run() {
      show(index, form, status, list, input.value);
      // The query goes into the address, so that a search can be linked
      // and survives a reload; some browsers refuse this on file://.
      try {
        var url = new URL(window.location.href);
        if (input.value) url.searchParams.set('q', input.value); else url.searchParams.delete('q');
        window.history.replaceState(null, '', url.href);
      } catch (err) { /* the search still works */ }
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      run();
    });
    input.addEventListener('input', run);
    var q = new URLSearchParams(window.location.search).get('q');
    if (q) {
      input.value = q;
      run();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
