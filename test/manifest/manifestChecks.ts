/**
 * Structural checks of the XML add-in manifest, standing in for Microsoft's online validator:
 * element order, resource ids, URLs on one HTTPS origin and icon files at their sizes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** One element of a parse with `preserveOrder`: its tag name maps to its children. */
type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

export interface ManifestElement {
  name: string;
  attributes: Record<string, string>;
  children: ManifestElement[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  commentPropName: '#comment',
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
});

function toElement(node: OrderedNode): ManifestElement | null {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name === '#text' || name === '#comment' || name === '?xml') {
    return null;
  }
  const rawChildren = (node[name] as OrderedNode[] | undefined) ?? [];
  const text = rawChildren
    .map((child) => child['#text'])
    .map((value) => (typeof value === 'string' || typeof value === 'number' ? String(value) : ''))
    .join('');
  return {
    name,
    attributes: node[':@'] ?? {},
    children: rawChildren.map(toElement).filter((child): child is ManifestElement => child !== null),
    text,
  };
}

export function parseManifest(xml: string): ManifestElement {
  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.map(toElement).find((element) => element !== null);
  if (!root) {
    throw new Error('The manifest has no root element.');
  }
  return root;
}

export function child(element: ManifestElement, name: string): ManifestElement {
  const found = element.children.find((candidate) => candidate.name === name);
  if (!found) {
    throw new Error(`<${element.name}> has no <${name}> child.`);
  }
  return found;
}

export function descendants(element: ManifestElement): ManifestElement[] {
  return element.children.flatMap((candidate) => [candidate, ...descendants(candidate)]);
}

/** Returns the names of `element`'s children that break `order`, or are not in it. */
export function orderViolations(element: ManifestElement, order: readonly string[]): string[] {
  const problems: string[] = [];
  let previous = -1;
  for (const candidate of element.children) {
    const index = order.indexOf(candidate.name);
    if (index === -1) {
      problems.push(`unexpected <${candidate.name}>`);
    } else if (index < previous) {
      problems.push(`<${candidate.name}> out of order`);
    } else {
      previous = index;
    }
  }
  return problems;
}

/** Every URL in the manifest: `DefaultValue` attributes that are URLs and `AppDomain` texts. */
export function manifestUrls(root: ManifestElement): string[] {
  const urls: string[] = [];
  for (const element of [root, ...descendants(root)]) {
    const value = element.attributes.DefaultValue;
    if (value !== undefined && /^[a-z]+:\/\//i.test(value)) {
      urls.push(value);
    }
    if (element.name === 'AppDomain') {
      urls.push(element.text);
    }
  }
  return urls;
}

/** Reads width and height from a PNG file's IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  const signature = bytes.subarray(0, 8).toString('hex');
  if (signature !== '89504e470d0a1a0a') {
    throw new Error(`${file} is not a PNG file.`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Maps an icon URL (`<origin>/addin/assets/icon-N.png`) to the repository file it serves. */
export function iconFileFor(url: string, repositoryRoot: string): string {
  const pathname = new URL(url).pathname;
  if (!pathname.startsWith('/addin/assets/')) {
    throw new Error(`Icon URL ${url} is not under /addin/assets/.`);
  }
  return path.join(repositoryRoot, 'assets', pathname.slice('/addin/assets/'.length));
}
