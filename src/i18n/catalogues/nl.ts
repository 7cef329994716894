import type { Catalogue } from './en';

export const nl: Catalogue = {
  'language.name': 'Nederlands',
  'site.title': 'Centrale Authenticatiedienst',
  'site.poweredBy': 'Mogelijk gemaakt door {name}',
  'site.languages': 'Taal',

  'login.title': 'Inloggen',
  'login.heading': 'Inloggen',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.warn': 'Waarschuw mij voordat ik bij andere sites word ingelogd',
  'login.submit': 'Inloggen',

  'warn.title': 'Bevestigen',
  'warn.heading': 'Doorgaan naar {service}?',
  'warn.text': 'U staat op het punt in te loggen bij {service} als {username}.',
  'warn.submit': 'Doorgaan',
  'warn.cancel': 'Annuleren en hier blijven',

  'logged.title': 'Ingelogd',
  'logged.heading': 'U bent ingelogd',
  'logged.text': 'U bent ingelogd als {username} sinds {since}.',
  'logged.logout': 'Uitloggen',
  'logged.logoutAll': 'Uitloggen uit al mijn sessies',

  'logout.title': 'Uitgelogd',
  'logout.heading': 'U bent uitgelogd',
  'logout.closeBrowser':
    'Sluit om veiligheidsredenen uw webbrowser wanneer u klaar bent met de toepassingen die u hebt gebruikt.',
  'logout.servicesTold': 'Toepassingen die van uw afmelding op de hoogte zijn gebracht:',
  'logout.servicesNotTold': 'Toepassingen die niet op de hoogte konden worden gebracht; log daar zelf uit:',
  'logout.continue': 'Doorgaan naar {url}',
  'logout.loginAgain': 'Opnieuw inloggen',

  'redirect.title': 'Doorsturen',
  'redirect.text': 'Ga verder naar de toepassing:',
  'redirect.submit': 'Doorgaan',

  'messages.dismiss': 'Sluiten',

  'msg.serviceRequired': 'Authenticatie vereist door dienst {name} ({url})',
  'msg.renewalRequired': 'Hernieuwde authenticatie vereist door dienst {name} ({url})',
  'msg.serviceNotAllowed': 'Dienst-URL niet toegestaan',
  'msg.invalidLoginTicket': 'Ongeldig inlogticket',
  'msg.badCredentials': 'Gebruikersnaam of wachtwoord onjuist.',
  'msg.credentialsMissing': 'Vul uw gebruikersnaam en wachtwoord in.',
  'msg.sourceUnavailable': 'De authenticatiedienst is niet beschikbaar; probeer het zo meteen opnieuw',
  'msg.attributesTooLarge':
    'Uw account bevat meer gegevens dan deze server accepteert, dus u kunt niet inloggen; neem contact op met uw beheerder',
  'msg.throttled.one': 'Te veel mislukte inlogpogingen. Probeer het over {count} minuut opnieuw.',
  'msg.throttled.other': 'Te veel mislukte inlogpogingen. Probeer het over {count} minuten opnieuw.',
  'msg.loginSuccess': 'Inloggen geslaagd.',
  'msg.paramRepeated': "Ongeldig verzoek: parameter '{name}' is meer dan eens opgegeven",
  'msg.paramMalformed': "Ongeldig verzoek: parameter '{name}' is misvormd",
  'msg.paramTooLong': "Ongeldig verzoek: parameter '{name}' is te lang",
  'msg.unreadableForm': 'Ongeldig verzoek: het formulier kon niet worden gelezen',
  'msg.userNotAllowed': 'Gebruikersnaam niet toegestaan',
  'msg.userCharacteristicsNotAllowed': 'Gebruikerskenmerken niet toegestaan',
  'msg.attributeNeeded': 'Het attribuut {attribute} is nodig om deze dienst te gebruiken',
  'msg.accountTooLong':
    'Dit account kan hier niet worden gebruikt: de naam of gegevens zijn langer dan deze server accepteert. Neem contact op met uw beheerder.',
  'msg.valueTooLongForService':
    'Uw account kan niet aan deze dienst worden doorgegeven: de naam of gegevens zijn langer dan deze server accepteert. Neem contact op met uw beheerder.',
  'msg.logoutSuccess.one': 'Uitloggen geslaagd: {count} sessie gesloten',
  'msg.logoutSuccess.other': 'Uitloggen geslaagd: {count} sessies gesloten',
  'msg.alreadyLoggedOut': 'U was al uitgelogd',
  'msg.casExplained':
    'De Centrale Authenticatiedienst geeft u toegang tot de meeste van onze websites met één enkele authenticatie, zodat u uw inloggegevens niet opnieuw hoeft in te voeren tenzij uw sessie verloopt of u uitlogt.',

  'error.title': 'Ongeldig verzoek',
  'error.text': 'Het verzoek kon niet worden begrepen.',
  'error.back': 'Terug naar de inlogpagina',

  'notFound.title': 'Pagina niet gevonden',
  'notFound.heading': 'Pagina niet gevonden',
  'notFound.text': 'Op dit adres staat geen pagina. Controleer het adres, of begin opnieuw bij de inlogpagina.',
  'notFound.login': 'Naar de inlogpagina',
};
