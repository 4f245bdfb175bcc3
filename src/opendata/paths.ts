import path from 'node:path';

/** Where the published days live: `<data>/open-data/<YYYY-MM-DD>/`. */
export const openDataDirOf = (dataDir: string): string => path.join(dataDir, 'open-data');
