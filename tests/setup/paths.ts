export const BASE_DB = 'tests/.tmp/base.db';
