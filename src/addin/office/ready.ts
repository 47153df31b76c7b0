/** Resolves when Office.js has initialised the page; `host` is null outside an Office client. */
export async function whenOfficeReady(): Promise<{ host: Office.HostType | null }> {
  const info = await Office.onReady();
  return { host: info.host ?? null };
}
