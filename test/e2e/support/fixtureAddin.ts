import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One pixel request the fixture server saw. */
export interface PixelHit {
  trackingId: string;
  method: string;
  userAgent: string;
}

export interface FixtureAddin {
  url: string;
  hits: PixelHit[];
  close(): Promise<void>;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * A stand-in for the tracking server and the built add-in, so the simulator's browser path can be
 * tested before those pieces exist: a function file whose `trackThisEmail` command follows the
 * real command's steps (requirement check, HTML check, pixel, headers, custom properties,
 * notification), and a pixel endpoint that records each hit.
 */
export async function startFixtureAddin(simulatorUrl: () => string): Promise<FixtureAddin> {
  const hits: PixelHit[] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    const pixel = /^\/o\/([\w-]+)\.gif$/.exec(request.url ?? '');
    if (pixel) {
      hits.push({
        trackingId: pixel[1] ?? '',
        method: request.method ?? '',
        userAgent: request.headers['user-agent'] ?? '',
      });
      response.writeHead(200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' }).end(GIF);
      return;
    }
    if (request.url === '/addin/commands.html') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(commandsHtml(simulatorUrl(), origin));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function commandsHtml(simulatorUrl: string, origin: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<script src="${simulatorUrl}/office-host/office.js"></script>
<script>
function notify(item, type, message, done) {
  item.notificationMessages.replaceAsync('readmark', { type: type, message: message, icon: 'icon', persistent: false }, done);
}
function trackThisEmail(event) {
  var item = Office.context.mailbox.item;
  var finish = function () { event.completed(); };
  if (!Office.context.requirements.isSetSupported('Mailbox', '1.9')) {
    notify(item, 'errorMessage', 'This Outlook version cannot add tracking.', finish);
    return;
  }
  item.body.getTypeAsync(function (type) {
    if (type.value !== Office.CoercionType.Html) {
      notify(item, 'errorMessage', 'Tracking needs an HTML message; this draft is plain text.', finish);
      return;
    }
    var pixel = '<img src="${origin}/o/fixture-id.gif" width="1" height="1" alt="" border="0">';
    item.body.appendOnSendAsync(pixel, { coercionType: Office.CoercionType.Html }, function (appended) {
      if (appended.status !== Office.AsyncResultStatus.Succeeded) {
        notify(item, 'errorMessage', 'Tracking failed: ' + appended.error.name, finish);
        return;
      }
      item.internetHeaders.setAsync({ 'X-Readmark-Id': 'fixture-id', 'Disposition-Notification-To': Office.context.mailbox.userProfile.emailAddress }, function () {
        item.loadCustomPropertiesAsync(function (loaded) {
          loaded.value.set('trackingId', 'fixture-id');
          loaded.value.saveAsync(function () {
            notify(item, 'informationalMessage', 'Tracking is on', finish);
          });
        });
      });
    });
  });
}
Office.onReady(function () { Office.actions.associate('trackThisEmail', trackThisEmail); });
</script></head><body></body></html>`;
}
