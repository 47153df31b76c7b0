import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

/** The add-in's buttons and pages as the manifest declares them, with URLs on the tracking server. */
export interface AddinCommands {
  functionFileUrl: string;
  composeButtons: ComposeButton[];
  readPaneUrl: string;
  /** Manifest `<Id>`, the add-in id that names its custom properties (`cecp-<id>`). */
  addinId: string;
}

export type ComposeButton =
  | { label: string; action: 'ExecuteFunction'; functionName: string }
  | { label: string; action: 'ShowTaskpane'; url: string };

type XmlNode = Record<string, unknown>;

/**
 * Reads `manifest.xml` and rewrites each URL's origin to `serverUrl`, because the development
 * manifest points at `https://localhost:3000` while the simulator talks to the tracking server
 * wherever it runs. Returns null when the manifest does not exist yet.
 */
export function readAddinCommands(manifestPath: string, serverUrl: string): AddinCommands | null {
  if (!existsSync(manifestPath)) return null;
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });
  const root = parser.parse(readFileSync(manifestPath, 'utf8')) as XmlNode;
  const app = root.OfficeApp as XmlNode | undefined;
  if (!app) return null;

  const urls = resourceMap(find(app, 'Urls'), serverUrl);
  const labels = resourceMap(find(app, 'ShortStrings'), null);
  const extensionPoints = collect(app, 'ExtensionPoint');
  const surface = (type: string): XmlNode | undefined =>
    extensionPoints.find((point) => point['@type'] === type);

  const composeButtons: ComposeButton[] = collect(
    surface('MessageComposeCommandSurface') ?? {},
    'Control',
  ).flatMap((control): ComposeButton[] => {
    const label =
      labels.get(String((control.Label as XmlNode | undefined)?.['@resid'])) ?? String(control['@id']);
    const action = control.Action as XmlNode | undefined;
    if (action?.['@type'] === 'ExecuteFunction') {
      return [{ label, action: 'ExecuteFunction', functionName: String(action.FunctionName) }];
    }
    if (action?.['@type'] === 'ShowTaskpane') {
      const url = urls.get(String((action.SourceLocation as XmlNode | undefined)?.['@resid']));
      return url ? [{ label, action: 'ShowTaskpane', url }] : [];
    }
    return [];
  });
  const readAction = collect(surface('MessageReadCommandSurface') ?? {}, 'Action')[0];
  const functionFile = find(app, 'FunctionFile');

  return {
    functionFileUrl: urls.get(String(functionFile?.['@resid'])) ?? `${serverUrl}/addin/commands.html`,
    composeButtons,
    readPaneUrl:
      urls.get(String((readAction?.SourceLocation as XmlNode | undefined)?.['@resid'])) ??
      `${serverUrl}/addin/status.html`,
    addinId: text(app.Id),
  };
}

function resourceMap(node: XmlNode | undefined, serverUrl: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of collect(node ?? {}, 'Url').concat(collect(node ?? {}, 'String'))) {
    const value = text(entry['@DefaultValue']);
    map.set(String(entry['@id']), serverUrl === null ? value : rebase(value, serverUrl));
  }
  return map;
}

function rebase(url: string, serverUrl: string): string {
  try {
    const parsed = new URL(url);
    return `${serverUrl}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function find(node: XmlNode, name: string): XmlNode | undefined {
  return collect(node, name)[0];
}

/** Every descendant element called `name`, depth first. */
function collect(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const children = (Array.isArray(value) ? value : [value]).filter(
      (child): child is XmlNode => typeof child === 'object' && child !== null,
    );
    for (const child of children) {
      if (key === name) found.push(child);
      found.push(...collect(child, name));
    }
  }
  return found;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
