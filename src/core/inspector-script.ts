/**
 * The inspector's script, sent as it is (no build step, no library, no CDN). It talks only to the
 * admin API of its own origin, with the token typed in (kept in this tab's sessionStorage, never
 * in a URL sent anywhere), and renders everything with textContent, so no body or path it shows
 * can run as markup. It is plain browser JavaScript in a string: it uses no backtick nor dollar-brace.
 */
export const INSPECTOR_SCRIPT = String.raw`'use strict';
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var state = { token: '', admin: '', seen: new Set(), stream: null, failures: 0, poll: 0, proxy: false };
  var ADMIN = '/__admin';

  function headers(json) {
    var h = {};
    if (state.token) h.Authorization = 'Bearer ' + state.token;
    if (state.admin) h['X-Admin-Token'] = state.admin;
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }
  function everyone() { return !state.token && state.admin ? (arguments[0] ? '&' : '?') + 'all=true' : ''; }
  function say(text, error) { var m = $('message'); m.textContent = text; m.className = error ? 'error' : ''; }
  function api(method, path, body) {
    var init = { method: method, headers: headers(body !== undefined) };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    return fetch(path, init).then(function (res) {
      return res.text().then(function (text) {
        var data; try { data = text ? JSON.parse(text) : undefined; } catch (e) { data = text; }
        if (!res.ok) throw new Error(res.status + ': ' + (data && data.message ? data.message : text));
        return data;
      });
    });
  }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); if (cls) e.className = cls; return e; }

  function glance() {
    if (!state.token) {
      return api('GET', ADMIN).then(function (info) {
        $('glance-tenant').textContent = '(admin: every tenant)';
        fill([['tenants', info.tenants], ['seed', info.seed], ['accounts seeded', info.accounts]]);
      });
    }
    return api('GET', ADMIN + '/tenant').then(function (t) {
      $('glance-tenant').textContent = t.tenant;
      var rows = [['accounts', t.accounts], ['customers', t.customers], ['queued faults', t.faults]];
      if (t.stored && t.room) rows.push(['budget used', kib(t.stored.bytes) + ' of ' + kib(t.room.bytes) + ' (' + t.stored.items + ' items)']);
      if (t.reset) rows.push(['data dropped', t.reset]);
      fill(rows);
    });
  }
  function kib(n) { return (n / 1024).toFixed(1) + ' KiB'; }
  function fill(rows) {
    var dl = $('glance'); dl.textContent = '';
    rows.forEach(function (r) { var dt = el('dt', r[0]); dt.dataset.key = r[0]; dl.append(dt, el('dd', r[1])); });
  }

  function addRow(entry, atTop) {
    if (!entry || !entry.id || state.seen.has(entry.id)) return;
    state.seen.add(entry.id);
    var tr = document.createElement('tr');
    tr.dataset.id = entry.id;
    tr.dataset.operation = entry.operation || '';
    tr.hidden = entry.operation === 'admin' && !$('show-admin').checked;
    tr.append(el('td', (entry.at || '').slice(11, 23)), el('td', entry.method), el('td', entry.path, 'path'),
      el('td', entry.status === 0 ? 'dropped' : entry.status, 's' + String(entry.status).charAt(0)),
      el('td', entry.latencyMs), el('td', entry.operation || ''), el('td', entry.tenant, 'tenant-col'));
    if (entry.problem) tr.title = entry.problem;
    var body = $('requests');
    if (atTop) body.prepend(tr); else body.append(tr);
    while (body.rows.length > 500) body.deleteRow(body.rows.length - 1);
  }
  function loadRequests() {
    return api('GET', ADMIN + '/requests?limit=100' + everyone(true)).then(function (r) {
      r.data.forEach(function (entry) { addRow(entry, false); });
    });
  }
  /** Reads a Server-Sent Events stream with fetch (EventSource cannot send the token). */
  function readEvents(url, controller, onData) {
    return fetch(url, { headers: headers(false), signal: controller.signal }).then(function (res) {
      if (!res.ok || !res.body) { var refused = new Error('stream ' + res.status); refused.answered = true; throw refused; }
      var reader = res.body.getReader(), decoder = new TextDecoder(), buffer = '';
      onData(undefined);
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) throw new Error('stream ended');
          buffer += decoder.decode(chunk.value, { stream: true });
          var events = buffer.split('\n\n'); buffer = events.pop();
          events.forEach(function (event) {
            event.split('\n').forEach(function (line) { if (line.indexOf('data: ') === 0) onData(JSON.parse(line.slice(6))); });
          });
          return pump();
        });
      }
      return pump();
    });
  }
  function follow() {
    if (state.stream) state.stream.abort();
    var controller = new AbortController();
    state.stream = controller;
    readEvents(ADMIN + '/requests/stream' + everyone(), controller, function (entry) {
      if (entry === undefined) { $('live').textContent = '● live'; state.failures = 0; return; }
      addRow(entry, true);
      // The inspector's own calls are admin calls: refreshing on them would never stop.
      if (entry.operation !== 'admin') changed();
    }).catch(function (error) {
      if (controller.signal.aborted) return;
      $('live').textContent = '○ reconnecting';
      state.failures += 1;
      // Refused (a proxy in front does not pass streams through), or failing again and again: poll.
      if (error.answered || state.failures >= 3) { $('live').textContent = '○ polling'; startPolling(); return; }
      setTimeout(follow, 1000);
    });
  }
  function followViolations() {
    var controller = new AbortController();
    readEvents(ADMIN + '/violations/stream', controller, function (v) { if (v) addViolation(v, true); })
      .catch(function () { if (!controller.signal.aborted) setTimeout(followViolations, 2000); });
  }
  function startPolling() {
    clearInterval(state.poll);
    state.poll = setInterval(function () { loadRequests().then(changed).catch(function () {}); }, 2000);
  }
  var pending = 0;
  function changed() {
    clearTimeout(pending);
    pending = setTimeout(function () {
      glance().catch(function () {});
      loadFaults().catch(function () {});

    }, 150);
  }

  function showDetail(id) {
    api('GET', ADMIN + '/requests/' + encodeURIComponent(id) + everyone()).then(function (d) {
      $('detail').hidden = false;
      $('detail-title').textContent = d.method + ' ' + d.path + ' → ' + (d.status || 'dropped') + (d.problem ? ' (' + d.problem + ')' : '');
      $('detail-request').textContent = part(d.request);
      $('detail-response').textContent = part(d.response);
    }).catch(function (e) { say(e.message, true); });
  }
  function part(p) {
    var lines = Object.keys(p.headers).map(function (k) { return k + ': ' + p.headers[k]; });
    var body = p.body === undefined ? '(no body)' : p.body;
    try { body = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* not JSON: as sent */ }
    return lines.join('\n') + '\n\n' + body + (p.truncated ? '\n… (cut: the first 64 KiB are shown)' : '');
  }

  function loadFaults() {
    return api('GET', ADMIN + '/faults').then(function (r) {
      var ul = $('faults'); ul.textContent = '';
      r.data.forEach(function (f) {
        var what = f.reset ? 'drop the connection' : f.example ? 'example ' + f.example : f.body !== undefined ? 'body' : f.status ? String(f.status) : '';
        var li = el('li', (f.method || 'any') + ' ' + (f.path || f.operation || '*') + ' → ' + what + (f.delayMs ? ' after ' + f.delayMs + ' ms' : '') + ' (' + f.remaining + ' left)' + (f.tenant === '*' ? ', every tenant' : ''));
        li.dataset.id = f.id;
        var remove = el('button', 'remove'); remove.type = 'button';
        remove.addEventListener('click', function () { api('DELETE', ADMIN + '/faults/' + f.id).then(loadFaults).catch(function (e) { say(e.message, true); }); });
        li.append(' ', remove); ul.append(li);
      });
    });
  }
  function queueFault(event) {
    event.preventDefault();
    var fault = { path: $('fault-path').value.trim(), count: Number($('fault-count').value || 1) };
    if ($('fault-method').value) fault.method = $('fault-method').value;
    if ($('fault-status').value) fault.status = Number($('fault-status').value);
    if ($('fault-delay').value) fault.delayMs = Number($('fault-delay').value);
    if ($('fault-example').value.trim()) fault.example = $('fault-example').value.trim();
    if ($('fault-reset').checked) fault.reset = true;
    if ($('fault-body').value.trim()) {
      try { fault.body = JSON.parse($('fault-body').value); } catch (e) { say('answer body: not JSON (' + e.message + ')', true); return; }
    }
    api('POST', ADMIN + '/faults', fault).then(function (f) { say('queued ' + f.id); return loadFaults(); }).catch(function (e) { say(e.message, true); });
  }

  // Served by the proxy (togai-mock proxy) only: on the mock itself the panel stays hidden.
  function loadViolations() {
    fetch(ADMIN + '/violations').then(function (res) { return res.ok ? res.json() : undefined; }).then(function (list) {
      if (!list || !Array.isArray(list.violations)) return;
      $('violations-panel').hidden = false;
      $('violations-total').textContent = '(' + list.total + ')';
      list.violations.forEach(function (v) { addViolation(v, true); });
      if (!state.proxy) { state.proxy = true; followViolations(); }
    }).catch(function () {});
  }
  function addViolation(v, atTop) {
    var key = v.seq + ' ' + v.check;
    if (state.seen.has(key)) return;
    state.seen.add(key);
    var tr = document.createElement('tr');
    var f = v.failure || {};
    var where = [f.instancePath, f.schemaPath].filter(Boolean).join(' · ');
    tr.append(el('td', (v.at || '').slice(11, 23)), el('td', v.check), el('td', v.side), el('td', v.method + ' ' + v.path, 'path'),
      el('td', v.status === undefined ? '' : v.status), el('td', v.message + (where ? ' [' + where + ']' : ''), 'msg'));
    if (atTop) $('violations').prepend(tr); else $('violations').append(tr);
  }

  function download() {
    fetch(ADMIN + '/export', { headers: headers(false) }).then(function (res) {
      if (!res.ok) throw new Error('export: ' + res.status);
      return res.blob();
    }).then(function (blob) {
      var a = el('a'); a.href = URL.createObjectURL(blob); a.download = 'togai-sandbox.json'; a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      say('exported');
    }).catch(function (e) { say(e.message, true); });
  }
  function upload() {
    var file = $('import').files[0];
    if (!file) return;
    file.text().then(function (text) { return api('POST', ADMIN + '/import', text); })
      .then(function (r) { say('imported ' + r.accounts + ' accounts, ' + r.customers + ' customers'); changed(); })
      .catch(function (e) { say(e.message, true); })
      .then(function () { $('import').value = ''; });
  }

  function connect(event) {
    if (event) event.preventDefault();
    state.token = $('token').value.trim();
    state.admin = $('admin-token').value.trim();
    if (!state.token && !state.admin) { say('Type the bearer token of the tenant to inspect (or the admin token).', true); return; }
    sessionStorage.setItem('togai-inspector', JSON.stringify({ token: state.token, admin: state.admin }));
    document.body.classList.toggle('admin', !state.token);
    state.seen = new Set(); $('requests').textContent = '';
    $('main').hidden = false;
    ['reset', 'export'].forEach(function (id) { $(id).disabled = !state.token; });
    // Behind the proxy, the upstream may be no mock: each panel works or fails on its own.
    Promise.allSettled([glance(), loadRequests(), loadFaults()]).then(function (results) {
      var failed = results.filter(function (r) { return r.status === 'rejected'; })[0];
      say(failed ? failed.reason.message : 'connected', Boolean(failed));
      follow();
      loadViolations();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var saved = JSON.parse(sessionStorage.getItem('togai-inspector') || '{}');
    var hash = new URLSearchParams(location.hash.slice(1));
    $('token').value = hash.get('token') || saved.token || '';
    $('admin-token').value = hash.get('admin') || saved.admin || '';
    if (location.hash) history.replaceState(null, '', location.pathname);
    $('auth').addEventListener('submit', connect);
    $('fault-form').addEventListener('submit', queueFault);
    $('fault-clear').addEventListener('click', function () { api('DELETE', ADMIN + '/faults').then(loadFaults).catch(function (e) { say(e.message, true); }); });
    $('reset').addEventListener('click', function () { api('POST', ADMIN + '/reset').then(function () { say('reset to the seed'); changed(); }).catch(function (e) { say(e.message, true); }); });
    $('export').addEventListener('click', download);
    $('import').addEventListener('change', upload);
    $('detail-close').addEventListener('click', function () { $('detail').hidden = true; });
    $('requests').addEventListener('click', function (e) { var tr = e.target.closest('tr'); if (tr) showDetail(tr.dataset.id); });
    $('show-admin').addEventListener('change', function () {
      Array.prototype.forEach.call($('requests').rows, function (tr) { tr.hidden = tr.dataset.operation === 'admin' && !$('show-admin').checked; });
    });
    if ($('token').value || $('admin-token').value) connect();
  });
})();
`;
