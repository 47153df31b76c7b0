export interface BundleSize {
  /** Entry (page) name, for example `commands`. */
  entry: string;
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Returns the raw and gzip size of every .js file in `folder`. */
export function bundleSizes(folder: string): BundleSize[];

export function toMarkdown(sizes: BundleSize[]): string;
