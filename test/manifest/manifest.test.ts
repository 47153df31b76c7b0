import fs from 'node:fs';
import path from 'node:path';
import { manifestForOrigin, manifestId } from '../../build/manifest';
import {
  child,
  descendants,
  iconFileFor,
  manifestUrls,
  orderViolations,
  parseManifest,
  pngSize,
  type ManifestElement,
} from './manifestChecks';

const ROOT = path.join(__dirname, '..', '..');
const developmentXml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

/** Child order of <OfficeApp> for a MailApp, as the schema requires (optional ones included). */
const OFFICE_APP_ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'FormSettings',
  'Permissions',
  'Rule',
  'DisableEntityHighlighting',
  'VersionOverrides',
];
const REQUIRED_TOP_LEVEL = OFFICE_APP_ORDER.filter(
  (name) => !['AlternateId', 'DisableEntityHighlighting'].includes(name),
);
const VERSION_OVERRIDES_1_1_ORDER = [
  'Description',
  'Requirements',
  'Hosts',
  'Resources',
  'WebApplicationInfo',
  'ExtendedPermissions',
];
const RESOURCE_KIND_BY_REFERENCE: Record<string, string> = {
  'bt:Image': 'bt:Images',
  FunctionFile: 'bt:Urls',
  SourceLocation: 'bt:Urls',
  Label: 'bt:ShortStrings',
  Title: 'bt:ShortStrings',
  Description: 'bt:LongStrings',
};

function versionOverrides11(root: ManifestElement): ManifestElement {
  return child(child(root, 'VersionOverrides'), 'VersionOverrides');
}

function resourceIds(root: ManifestElement): Map<string, Set<string>> {
  const resources = child(versionOverrides11(root), 'Resources');
  return new Map(
    resources.children.map((group) => [
      group.name,
      new Set(group.children.map((resource) => resource.attributes.id ?? '')),
    ]),
  );
}

function describeManifest(name: string, xml: string, origin: string): void {
  describe(name, () => {
    const root = parseManifest(xml);

    test('root is a MailApp', () => {
      expect(root.name).toBe('OfficeApp');
      expect(root.attributes['xsi:type']).toBe('MailApp');
    });

    test('top-level elements in schema order', () => {
      expect(orderViolations(root, OFFICE_APP_ORDER)).toEqual([]);
      const names = root.children.map((element) => element.name);
      for (const required of REQUIRED_TOP_LEVEL) {
        expect(names).toContain(required);
      }
    });

    test('declares Mailbox 1.3 and ReadWriteItem', () => {
      const set = child(child(child(root, 'Requirements'), 'Sets'), 'Set');
      expect(set.attributes).toEqual({ Name: 'Mailbox', MinVersion: '1.3' });
      expect(child(root, 'Permissions').text).toBe('ReadWriteItem');
    });

    test('VersionOverrides 1.1 in schema order', () => {
      const outer = child(root, 'VersionOverrides');
      expect(outer.attributes['xsi:type']).toBe('VersionOverridesV1_0');
      const inner = versionOverrides11(root);
      expect(inner.attributes['xsi:type']).toBe('VersionOverridesV1_1');
      expect(orderViolations(inner, VERSION_OVERRIDES_1_1_ORDER)).toEqual([]);
      const extended = child(child(inner, 'ExtendedPermissions'), 'ExtendedPermission');
      expect(extended.text).toBe('AppendOnSend');
    });

    test('compose and read command surfaces', () => {
      const formFactor = child(child(child(versionOverrides11(root), 'Hosts'), 'Host'), 'DesktopFormFactor');
      expect(formFactor.children.map((element) => element.name)).toEqual([
        'FunctionFile',
        'ExtensionPoint',
        'ExtensionPoint',
      ]);
      const [, compose, read] = formFactor.children;
      expect(compose?.attributes['xsi:type']).toBe('MessageComposeCommandSurface');
      expect(read?.attributes['xsi:type']).toBe('MessageReadCommandSurface');

      const composeActions = descendants(compose as ManifestElement).filter(
        (element) => element.name === 'Action',
      );
      expect(composeActions.map((action) => action.attributes['xsi:type'])).toEqual([
        'ExecuteFunction',
        'ShowTaskpane',
      ]);
      expect(child(composeActions[0] as ManifestElement, 'FunctionName').text).toBe('trackThisEmail');

      const readAction = descendants(read as ManifestElement).find((element) => element.name === 'Action');
      expect(readAction?.attributes['xsi:type']).toBe('ShowTaskpane');
      expect(child(readAction as ManifestElement, 'SupportsPinning').text).toBe('true');
    });

    test('every resid resolves to its resource kind', () => {
      const ids = resourceIds(root);
      const unresolved: string[] = [];
      for (const element of descendants(versionOverrides11(root))) {
        const resid = element.attributes.resid;
        if (resid === undefined) continue;
        const kind = RESOURCE_KIND_BY_REFERENCE[element.name];
        if (kind === undefined || !ids.get(kind)?.has(resid)) {
          unresolved.push(`<${element.name} resid="${resid}">`);
        }
      }
      expect(unresolved).toEqual([]);
    });

    test('strings within Office length limits', () => {
      const resources = child(versionOverrides11(root), 'Resources');
      for (const [group, limit] of [
        ['bt:ShortStrings', 125],
        ['bt:LongStrings', 250],
      ] as const) {
        for (const entry of child(resources, group).children) {
          expect((entry.attributes.DefaultValue ?? '').length).toBeLessThanOrEqual(limit);
        }
      }
    });

    test(`every URL is HTTPS on ${origin}`, () => {
      const urls = manifestUrls(root);
      expect(urls.length).toBeGreaterThan(10);
      for (const url of urls) {
        const parsed = new URL(url);
        expect(`${url} ${parsed.protocol}`).toBe(`${url} https:`);
        expect(`${url} ${parsed.origin}`).toBe(`${url} ${origin}`);
      }
    });

    test('every page URL is under /addin/', () => {
      const { children: urls } = child(child(versionOverrides11(root), 'Resources'), 'bt:Urls');
      expect(urls.map((url) => new URL(url.attributes.DefaultValue ?? '').pathname)).toEqual([
        '/addin/commands.html',
        '/addin/compose.html',
        '/addin/status.html',
      ]);
    });

    test('every icon file exists at its size', () => {
      const icons: { url: string; size: number }[] = [
        { url: child(root, 'IconUrl').attributes.DefaultValue ?? '', size: 64 },
        { url: child(root, 'HighResolutionIconUrl').attributes.DefaultValue ?? '', size: 128 },
      ];
      const images = child(child(versionOverrides11(root), 'Resources'), 'bt:Images').children;
      for (const image of images) {
        const size = Number(/(\d+)x\1$/.exec(image.attributes.id ?? '')?.[1]);
        icons.push({ url: image.attributes.DefaultValue ?? '', size });
      }
      for (const { url, size } of icons) {
        expect(pngSize(iconFileFor(url, ROOT))).toEqual({ width: size, height: size });
      }
      const referencedSizes = descendants(versionOverrides11(root))
        .filter((element) => element.name === 'bt:Image' && element.attributes.size !== undefined)
        .map((element) => `${element.attributes.size}:${element.attributes.resid}`);
      for (const reference of referencedSizes) {
        const [size, resid] = reference.split(':');
        expect(resid).toBe(`Icon.${size}x${size}`);
      }
    });
  });
}

describeManifest('development manifest', developmentXml, 'https://localhost:3000');
describeManifest(
  'production manifest',
  manifestForOrigin(developmentXml, 'https://readmark.contoso.example'),
  'https://readmark.contoso.example',
);

test('production manifest keeps no development URL', () => {
  const production = manifestForOrigin(developmentXml, 'https://readmark.contoso.example/');
  expect(production).not.toContain('localhost');
  expect(production).not.toContain('<!--');
});

test('order check rejects swapped elements', () => {
  const swapped = developmentXml
    .replace('<Permissions>ReadWriteItem</Permissions>', '')
    .replace('<FormSettings>', '<Permissions>ReadWriteItem</Permissions>\n  <FormSettings>');
  expect(orderViolations(parseManifest(swapped), OFFICE_APP_ORDER)).toEqual(['<FormSettings> out of order']);
});

test('manifest id is a GUID', () => {
  expect(manifestId(developmentXml)).toBe(child(parseManifest(developmentXml), 'Id').text);
  expect(() => manifestId('<OfficeApp></OfficeApp>')).toThrow('manifest.xml has no <Id> with a GUID');
});
