/** The vendor's name as it appears in errors and logs. */
export const VENDOR_NAME = 'AutoComplete';
