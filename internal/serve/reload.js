// giamsat serve: reloads the page after each good build and shows the
// errors of a failed one over the page until a build succeeds. Only the
// preview server adds this script; the built site never holds it.
(function () {
  'use strict';

  var here = document.currentScript ? new URL(document.currentScript.src) : null;
  var site = here ? here.searchParams.get('site') : null;
  var vi = (document.documentElement.lang || 'vi') !== 'en';
  var box = null;

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  // show lists the problems; text only, so that a message quoting the
  // data cannot become markup.
  function show(lines) {
    hide();
    box = document.createElement('div');
    box.id = 'giamsat-errors';
    box.setAttribute('role', 'alert');
    Object.assign(box.style, {
      position: 'fixed', left: '0', right: '0', top: '0', zIndex: '2147483647',
      maxHeight: '60vh', overflow: 'auto', margin: '0', padding: '1rem 1.25rem',
      background: '#fff5f5', color: '#1b1f24', borderBottom: '4px solid #a4161a',
      boxShadow: '0 4px 16px rgba(0,0,0,.3)', font: '14px/1.45 system-ui, sans-serif'
    });
    var head = document.createElement('p');
    head.textContent = vi
      ? 'Dữ liệu có lỗi: trang đang hiện bản dựng đúng gần nhất. Sửa các lỗi sau, lưu tệp, trang sẽ tự tải lại.'
      : 'The data has errors: this is the last good build. Fix these, save, and the page reloads.';
    Object.assign(head.style, { margin: '0 0 .5rem', fontWeight: '700', color: '#a4161a' });
    var list = document.createElement('pre');
    list.textContent = lines.join('\n');
    Object.assign(list.style, { margin: '0', whiteSpace: 'pre-wrap', font: '13px/1.45 ui-monospace, monospace' });
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = vi ? 'Ẩn' : 'Hide';
    Object.assign(close.style, { float: 'right', marginLeft: '1rem', font: 'inherit' });
    close.addEventListener('click', hide);
    box.appendChild(close);
    box.appendChild(head);
    box.appendChild(list);
    document.body.appendChild(box);
  }

  var events = new EventSource('/__giamsat/events');
  // "site" starts every stream, also after the server restarted: a page
  // from another build than the one served now is stale.
  events.addEventListener('site', function (e) {
    if (site !== null && e.data !== site) window.location.reload();
  });
  events.addEventListener('reload', function () {
    window.location.reload();
  });
  events.addEventListener('errors', function (e) {
    show(JSON.parse(e.data));
  });
})();
