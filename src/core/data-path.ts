/** A path into the data, as keys and list indexes: ['noi_dung', 0, 'muc', 2, 'tieu_de']. */
export type DataPath = ReadonlyArray<string | number>;

/** The map key for a path; `.` cannot occur in schema keys. */
export function pathKey(path: DataPath): string {
  return path.join('.');
}

/** How a path reads for a clerk: noi_dung[1].muc[3].tieu_de (1-based list positions). */
export function displayPath(path: DataPath): string {
  let result = '';
  for (const segment of path) {
    result += typeof segment === 'number' ? `[${segment + 1}]` : result === '' ? shortName(segment) : `.${shortName(segment)}`;
  }
  return result;
}

/** Longest key quoted back whole in a message; longer ones are cut (a file not ours may have any). */
export const MAX_QUOTED_KEY = 40;

/** A key as a message quotes it: at most MAX_QUOTED_KEY characters, then "…". */
export function shortName(key: string): string {
  const characters = [...key];
  return characters.length > MAX_QUOTED_KEY ? `${characters.slice(0, MAX_QUOTED_KEY).join('')}…` : key;
}
