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
    result += typeof segment === 'number' ? `[${segment + 1}]` : result === '' ? segment : `.${segment}`;
  }
  return result;
}
