import type { FastifyInstance } from 'fastify';

const STYLE = `
  body { margin: 0; font: 14px 'Segoe UI', system-ui, sans-serif; color: #242424; background: #f5f5f5; }
  header { background: #0f6cbd; color: #fff; padding: 8px 16px; font-weight: 600; }
  header a { color: #fff; margin-left: 16px; font-weight: 400; }
  .ribbon { display: flex; gap: 8px; padding: 8px 16px; background: #fff; border-bottom: 1px solid #e0e0e0; }
  button { font: inherit; padding: 6px 12px; border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; cursor: pointer; }
  button.primary { background: #0f6cbd; color: #fff; border-color: #0f6cbd; }
  button:disabled { opacity: .5; cursor: default; }
  main { display: flex; gap: 0; height: calc(100vh - 90px); }
  .column { background: #fff; overflow: auto; border-right: 1px solid #e0e0e0; }
  .list { width: 300px; margin: 0; padding: 0; list-style: none; }
  .list li { display: flex; align-items: flex-start; border-bottom: 1px solid #f0f0f0; }
  .list li.selected { background: #ebf3fc; }
  .list .message { flex: 1; padding: 8px 12px; border: 0; border-radius: 0; background: transparent; text-align: left; }
  .list li.unread .message { font-weight: 600; }
  .list .row-action { margin: 6px 8px 6px 0; padding: 2px 8px; font-size: 12px; }
  :focus-visible { outline: 2px solid #0f6cbd; outline-offset: -2px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .reading { flex: 1; padding: 12px 16px; }
  .reading iframe { width: 100%; height: 60vh; border: 1px solid #e0e0e0; background: #fff; }
  .pane { width: 360px; display: none; flex-direction: column; }
  .pane.open { display: flex; }
  .pane iframe { flex: 1; border: 0; width: 100%; }
  .compose { flex: 1; padding: 12px 16px; }
  .compose label { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; }
  .compose label span { width: 64px; color: #616161; }
  .compose input { flex: 1; padding: 4px 6px; font: inherit; }
  #body { min-height: 240px; border: 1px solid #d1d1d1; padding: 8px; background: #fff; }
  #body[contenteditable=false] { background: transparent; color: #616161; }
  #notifications { list-style: none; margin: 0 0 8px; padding: 0; }
  #notifications li { background: #f0f6ff; border-left: 3px solid #0f6cbd; padding: 6px 10px; margin-bottom: 4px; }
  #notifications li.errorMessage { background: #fdf3f4; border-color: #c50f1f; }
  .muted { color: #616161; }
`;

function page(title: string, script: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} — Readmark simulator</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style></head>
<body><header><span id="page-title">${title}</span><a href="/">Simulator home</a></header>
${body}
<script type="module" src="/sim/js/pages/${script}"></script>
</body></html>`;
}

const COMPOSE = page(
  'Outlook — New message',
  'compose',
  `<div class="ribbon" id="ribbon"><button class="primary" id="send">Send</button></div>
<main>
  <section class="compose">
    <ul id="notifications" aria-label="Notifications"></ul>
    <label><span>From</span><input id="from" readonly></label>
    <label><span>To</span><input id="to" placeholder="for example blair@fabrikam.test"></label>
    <label><span>Cc</span><input id="cc"></label>
    <label><span>Subject</span><input id="subject"></label>
    <label><span>Format</span><select id="format"><option value="html">HTML</option><option value="text">Plain text</option></select></label>
    <div id="body" contenteditable="true" role="textbox" aria-multiline="true" aria-label="Message body"></div>
    <p id="status" class="muted" role="status"></p>
    <p id="sent-next" hidden><a id="new-message" href="">New message</a></p>
  </section>
  <aside class="column pane" id="taskpane"></aside>
</main>`,
);

const MAIL = page(
  'Outlook — Mail',
  'mail',
  `<div class="ribbon" id="ribbon">
  <span id="folders"></span>
  <button id="receipt" disabled>Send read receipt</button>
  <button id="proxy-open" disabled>Open through image proxy</button>
  <button id="open-status" hidden>Open status</button>
  <span id="action-status" class="muted" role="status"></span>
</div>
<main>
  <ul class="column list" id="messages" aria-label="Messages"></ul>
  <section class="reading" id="reading"></section>
  <aside class="column pane" id="statuspane" aria-label="Open status pane"></aside>
</main>`,
);

const HOME = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Readmark simulator</title><style>${STYLE} .home{padding:16px 24px} .home li{margin:6px 0}</style></head>
<body><header>Readmark — Microsoft 365 simulator</header><div class="home">
<ol>
<li><a href="/outlook/compose?user=alex@contoso.test">Compose as Alex</a> (Outlook on the web) —
  or as an <a href="/outlook/compose?user=alex@contoso.test&client=outlook-2019">older Outlook without append-on-send</a></li>
<li><a href="/outlook/mail?user=blair@fabrikam.test&folder=inbox">Blair's inbox</a> (the recipient's webmail) —
  and <a href="/outlook/mail?user=casey@fabrikam.test&folder=inbox">Casey's inbox</a>, a second recipient</li>
<li><a href="/outlook/mail?user=alex@contoso.test&folder=sentitems">Alex's Sent Items</a> with the "Open status" pane</li>
<li><a href="/outlook/mail?user=alex@contoso.test&folder=inbox">Alex's inbox</a> (read receipts arrive here)</li>
</ol></div></body></html>`;

export function registerPageHtml(app: FastifyInstance): void {
  const html =
    (content: string) => (_request: unknown, reply: { type: (t: string) => { send: (b: string) => void } }) =>
      reply.type('text/html; charset=utf-8').send(content);
  app.get('/', html(HOME));
  app.get('/outlook/compose', html(COMPOSE));
  app.get('/outlook/mail', html(MAIL));
}
