/** Where the admin API lives, whatever CAS_PATH_PREFIX is. */
export const ADMIN_BASE = '/api/admin';
