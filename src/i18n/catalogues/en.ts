/**
 * English, the reference catalogue: every other language must have exactly these keys and the
 * same `{placeholders}` (src/i18n/catalogues.spec.ts). Texts are plain text: the renderer
 * escapes them; markup around a value comes from the template, never from a catalogue.
 */
export const en = {
  'language.name': 'English',
  'site.title': 'Central Authentication Service',
  'site.poweredBy': 'Powered by {name}',
  'site.languages': 'Language',

  'login.title': 'Log in',
  'login.heading': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.warn': 'Warn me before logging me into other sites',
  'login.submit': 'Log in',

  'warn.title': 'Confirm',
  'warn.heading': 'Continue to {service}?',
  'warn.text': 'You are about to sign in to {service} as {username}.',
  'warn.submit': 'Continue',
  'warn.cancel': 'Cancel and stay here',

  'logged.title': 'Logged in',
  'logged.heading': 'You are signed in',
  'logged.text': 'You are signed in as {username} since {since}.',
  'logged.logout': 'Log out',
  'logged.logoutAll': 'Log out of all my sessions',

  'logout.title': 'Logged out',
  'logout.heading': 'You are logged out',
  'logout.closeBrowser':
    'For security reasons, close your web browser when you have finished with the applications you used.',
  'logout.servicesTold': 'Applications told you logged out:',
  'logout.servicesNotTold': 'Applications that could not be told; log out of them yourself:',
  'logout.continue': 'Continue to {url}',
  'logout.loginAgain': 'Log in again',

  'redirect.title': 'Redirecting',
  'redirect.text': 'Continue to the application:',
  'redirect.submit': 'Continue',

  'messages.dismiss': 'Dismiss',

  'msg.serviceRequired': 'Authentication required by service {name} ({url})',
  'msg.renewalRequired': 'Authentication renewal required by service {name} ({url})',
  'msg.serviceNotAllowed': 'Service URL not allowed',
  'msg.invalidLoginTicket': 'Invalid login ticket',
  'msg.badCredentials': 'Wrong username or password.',
  'msg.credentialsMissing': 'Enter your username and password.',
  'msg.sourceUnavailable': 'The authentication service is unavailable; please try again in a moment',
  'msg.attributesTooLarge':
    'Your account holds more data than this server accepts, so you cannot log in; please contact your administrator',
  'msg.throttled.one': 'Too many failed login attempts. Try again in {count} minute.',
  'msg.throttled.other': 'Too many failed login attempts. Try again in {count} minutes.',
  'msg.loginSuccess': 'Login successful.',
  'msg.paramRepeated': "Invalid request: parameter '{name}' was given more than once",
  'msg.paramMalformed': "Invalid request: parameter '{name}' is malformed",
  'msg.paramTooLong': "Invalid request: parameter '{name}' is too long",
  'msg.unreadableForm': 'Invalid request: the form could not be read',
  'msg.userNotAllowed': 'Username not allowed',
  'msg.userCharacteristicsNotAllowed': 'User characteristics not allowed',
  'msg.attributeNeeded': 'The attribute {attribute} is needed to use that service',
  'msg.accountTooLong':
    'This account cannot be used here: its name or details are longer than this server accepts. Please contact your administrator.',
  'msg.valueTooLongForService':
    'Your account cannot be sent to this service: its name or details are longer than this server accepts. Please contact your administrator.',
  'msg.logoutSuccess.one': 'Logout successful: {count} session closed',
  'msg.logoutSuccess.other': 'Logout successful: {count} sessions closed',
  'msg.alreadyLoggedOut': 'You were already logged out',
  'msg.casExplained':
    'The Central Authentication Service grants you access to most of our websites by authenticating only once, so you do not need to type your credentials again unless your session expires or you log out.',

  'error.title': 'Bad request',
  'error.text': 'The request could not be understood.',
  'error.back': 'Back to the login page',

  'notFound.title': 'Page not found',
  'notFound.heading': 'Page not found',
  'notFound.text': 'There is no page at this address. Check the address, or start again from the login page.',
  'notFound.login': 'Go to the login page',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
