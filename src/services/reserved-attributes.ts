/**
 * Attribute names a service must be able to trust: the ones this server puts among every
 * validation's attributes itself (CAS 3 XML and JSON: cas-xml.response.ts, cas-json.response.ts;
 * SAML 1.1: saml-validation.service.ts), and the authentication facts other CAS servers (Apereo
 * CAS) send under these names, which clients may act on (an `authnContextClass` claiming a
 * second factor). A user attribute of such a name would override or duplicate the real value,
 * so none is ever released under one (attribute-release.ts): refused where an administrator
 * chooses the name, left out where the source does (README, "Attributes").
 */
export const RESERVED_ATTRIBUTE_NAMES = [
  'authenticationDate',
  'isFromNewLogin',
  'longTermAuthenticationRequestTokenUsed',
  'authenticationMethod',
  'authnContextClass',
  'credentialType',
  'samlAuthenticationStatementAuthMethod',
  'successfulAuthenticationHandlers',
] as const;

const RESERVED = new Set(RESERVED_ATTRIBUTE_NAMES.map((name) => name.toLowerCase()));

/** Compared without case: some clients (Java, .NET) look attributes up case-insensitively. */
export function isReservedAttributeName(name: string): boolean {
  return RESERVED.has(name.toLowerCase());
}

export const RESERVED_NAME_PROBLEM = 'is a name the server sends itself (reserved); use another name';
