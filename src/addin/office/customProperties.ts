import { callOffice } from './asyncResult';

/**
 * The add-in's custom properties of one item, loaded once. Changes stay local until `save`;
 * Outlook stores them on the item (and on its Sent Items copy) for this add-in only.
 */
export interface ItemProperties {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  remove(name: string): void;
  save(): Promise<void>;
}

export async function loadItemProperties(
  item: Office.MessageCompose | Office.MessageRead,
): Promise<ItemProperties> {
  const properties = await callOffice<Office.CustomProperties>('loadCustomPropertiesAsync', (callback) =>
    item.loadCustomPropertiesAsync(callback),
  );
  return {
    get: (name) => {
      const value: unknown = properties.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    set: (name, value) => properties.set(name, value),
    remove: (name) => properties.remove(name),
    save: () => callOffice<void>('customProperties.saveAsync', (callback) => properties.saveAsync(callback)),
  };
}
