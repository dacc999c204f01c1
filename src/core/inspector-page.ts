import { INSPECTOR_SCRIPT } from './inspector-script.ts';

/** Where the inspector lives; its assets are under it. */
export const INSPECTOR_PATH = '/__inspector';

// Everything from this origin and nothing else: the page works offline, and nothing it shows (a
// body, a path) can run as script.
const INSPECTOR_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const INSPECTOR_HEADERS = {
  'Content-Security-Policy': INSPECTOR_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>togai-mock inspector</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${INSPECTOR_PATH}/inspector.css">
<script src="${INSPECTOR_PATH}/inspector.js" defer></script>
</head>
<body>
<header>
  <h1>togai-mock inspector</h1>
  <form id="auth" autocomplete="off">
    <label>Bearer token <input id="token" type="password" placeholder="the tenant's token"></label>
    <label>Admin token <input id="admin-token" type="password" placeholder="optional: every tenant"></label>
    <button id="connect" type="submit">Connect</button>
  </form>
</header>
<p id="message" role="status"></p>
<main hidden id="main">
  <section id="tenant">
    <h2>Tenant <span id="glance-tenant"></span></h2>
    <dl id="glance"></dl>
    <div class="buttons">
      <button id="reset" type="button">Reset to the seed</button>
      <button id="export" type="button">Export</button>
      <label class="button">Import <input id="import" type="file" accept="application/json,.json" hidden></label>
    </div>
  </section>
  <section id="faults-panel">
    <h2>One-shot faults</h2>
    <form id="fault-form" autocomplete="off">
      <select id="fault-method"><option value="">any method</option><option>GET</option><option>POST</option><option>PATCH</option><option>DELETE</option></select>
      <input id="fault-path" value="/accounts/*" aria-label="path pattern">
      <input id="fault-status" type="number" min="100" max="599" placeholder="status" aria-label="status">
      <input id="fault-count" type="number" min="1" value="1" aria-label="count">
      <input id="fault-delay" type="number" min="0" placeholder="delay ms" aria-label="delay in ms">
      <input id="fault-example" placeholder="example name" aria-label="example name">
      <label><input id="fault-reset" type="checkbox"> drop the connection</label>
      <textarea id="fault-body" placeholder='answer body (JSON), e.g. {"message": "down"}' aria-label="answer body"></textarea>
      <button id="fault-queue" type="submit">Queue fault</button>
      <button id="fault-clear" type="button">Clear all</button>
    </form>
    <ul id="faults"></ul>
  </section>
  <section id="violations-panel" hidden>
    <h2>Contract violations <span id="violations-total"></span></h2>
    <table><thead><tr><th>time</th><th>check</th><th>side</th><th>request</th><th>status</th><th>message</th></tr></thead><tbody id="violations"></tbody></table>
  </section>
  <section id="requests-panel">
    <h2>Requests <label class="small"><input id="show-admin" type="checkbox"> admin calls</label> <span id="live"></span></h2>
    <table><thead><tr><th>time</th><th>method</th><th>path</th><th>status</th><th>ms</th><th>operation</th><th class="tenant-col">tenant</th></tr></thead><tbody id="requests"></tbody></table>
  </section>
  <section id="detail" hidden>
    <h2>Request <span id="detail-title"></span> <button id="detail-close" type="button">close</button></h2>
    <div class="exchange"><div><h3>sent</h3><pre id="detail-request"></pre></div><div><h3>answered</h3><pre id="detail-response"></pre></div></div>
  </section>
</main>
</body>
</html>
`;

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{display:flex;gap:1.5em;align-items:center;flex-wrap:wrap;padding:.6em 1em;background:#1d2330;color:#fff}
h1{font-size:1.1em;margin:0}h2{font-size:1em;margin:.2em 0 .5em}h3{font-size:.9em;margin:.2em 0}
header input{width:14em}main{display:grid;grid-template-columns:minmax(20em,1fr) 2fr;gap:1em;padding:1em}
section{background:#fff;border:1px solid #d9dde5;border-radius:6px;padding:.7em 1em;overflow:auto}
#requests-panel,#detail,#violations-panel{grid-column:1/-1}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:.2em .5em;border-bottom:1px solid #eceef2;white-space:nowrap}
td.path,td.msg{white-space:normal;word-break:break-all}#requests tr{cursor:pointer}#requests tr:hover{background:#eef3ff}
.s2{color:#16794a}.s3{color:#1f6f8b}.s4{color:#9a6700}.s5,.s0{color:#b42318;font-weight:600}
dl{display:grid;grid-template-columns:auto 1fr;gap:.2em 1em;margin:0}dt{color:#5b6478}dd{margin:0}
#fault-form{display:flex;flex-wrap:wrap;gap:.4em}#fault-form textarea{flex-basis:100%;min-height:3em}
#fault-path{width:12em}#fault-status,#fault-count,#fault-delay{width:6em}
.buttons{display:flex;gap:.5em;margin-top:.6em}.button{border:1px solid #8a93a6;border-radius:3px;padding:1px 6px;background:#eef0f4;cursor:pointer}
#message{margin:0;padding:.3em 1em;min-height:1.2em;color:#5b6478}#message.error{color:#b42318}
.exchange{display:grid;grid-template-columns:1fr 1fr;gap:1em}pre{background:#f6f7f9;padding:.5em;overflow:auto;max-height:28em;white-space:pre-wrap;word-break:break-all}
.small{font-weight:normal;font-size:.85em}#live{font-weight:normal;font-size:.85em;color:#5b6478}
body:not(.admin) .tenant-col{display:none}
`;

export const inspectorAssets = {
  page: PAGE,
  style: STYLE,
  script: INSPECTOR_SCRIPT,
};
