/** A service pattern as the pure matching and release logic sees it (no ORM types). */
export interface ServiceRules {
  id: number;
  position: number;
  name: string;
  pattern: string;
  userField: string;
  restrictUsers: boolean;
  allowedUsers: string[];
  proxy: boolean;
  proxyCallback: boolean;
  singleLogOut: boolean;
  singleLogOutCallback: string;
  frontChannelLogout: boolean;
  releasedAttributes: Array<{ name: string; renameTo: string }>;
  attributeRewrites: Array<{ attribute: string; pattern: string; replacement: string }>;
  requiredAttributes: Array<{ attribute: string; pattern: string }>;
}
