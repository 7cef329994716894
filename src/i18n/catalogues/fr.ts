import type { Catalogue } from './en';

export const fr: Catalogue = {
  'language.name': 'Français',
  'site.title': 'Service Central d’Authentification',
  'site.poweredBy': 'Propulsé par {name}',
  'site.languages': 'Langue',

  'login.title': 'Connexion',
  'login.heading': 'Connexion',
  'login.username': 'Nom d’utilisateur',
  'login.password': 'Mot de passe',
  'login.warn': 'Me prévenir avant de me connecter à d’autres sites',
  'login.submit': 'Se connecter',

  'warn.title': 'Confirmation',
  'warn.heading': 'Continuer vers {service}\u00a0?',
  'warn.text': 'Vous êtes sur le point de vous connecter à {service} en tant que {username}.',
  'warn.submit': 'Continuer',
  'warn.cancel': 'Annuler et rester ici',

  'logged.title': 'Connecté',
  'logged.heading': 'Vous êtes connecté',
  'logged.text': 'Vous êtes connecté en tant que {username} depuis le {since}.',
  'logged.logout': 'Se déconnecter',
  'logged.logoutAll': 'Se déconnecter de toutes mes sessions',

  'logout.title': 'Déconnecté',
  'logout.heading': 'Vous êtes déconnecté',
  'logout.closeBrowser':
    'Pour des raisons de sécurité, fermez votre navigateur quand vous avez fini d’utiliser les applications.',
  'logout.servicesTold': 'Applications informées de votre déconnexion\u00a0:',
  'logout.servicesNotTold': 'Applications qui n’ont pas pu être informées\u00a0; déconnectez-vous-en vous-même\u00a0:',
  'logout.continue': 'Continuer vers {url}',
  'logout.loginAgain': 'Se reconnecter',

  'redirect.title': 'Redirection',
  'redirect.text': 'Continuer vers l’application\u00a0:',
  'redirect.submit': 'Continuer',

  'messages.dismiss': 'Fermer',

  'msg.serviceRequired': 'Authentification requise par le service {name} ({url})',
  'msg.renewalRequired': 'Renouvellement de l’authentification requis par le service {name} ({url})',
  'msg.serviceNotAllowed': 'URL de service non autorisée',
  'msg.invalidLoginTicket': 'Ticket de connexion invalide',
  'msg.badCredentials': 'Nom d’utilisateur ou mot de passe incorrect.',
  'msg.credentialsMissing': 'Saisissez votre nom d’utilisateur et votre mot de passe.',
  'msg.sourceUnavailable': 'Le service d’authentification est indisponible\u00a0; réessayez dans un instant',
  'msg.attributesTooLarge':
    'Votre compte contient plus de données que ce serveur n’en accepte\u00a0: la connexion est impossible. Contactez votre administrateur',
  'msg.throttled.one': 'Trop de tentatives de connexion échouées. Réessayez dans {count}\u00a0minute.',
  'msg.throttled.other': 'Trop de tentatives de connexion échouées. Réessayez dans {count}\u00a0minutes.',
  'msg.loginSuccess': 'Connexion réussie.',
  'msg.paramRepeated': 'Requête invalide\u00a0: le paramètre «\u00a0{name}\u00a0» est donné plusieurs fois',
  'msg.paramMalformed': 'Requête invalide\u00a0: le paramètre «\u00a0{name}\u00a0» est mal formé',
  'msg.paramTooLong': 'Requête invalide\u00a0: le paramètre «\u00a0{name}\u00a0» est trop long',
  'msg.unreadableForm': 'Requête invalide\u00a0: le formulaire n’a pas pu être lu',
  'msg.userNotAllowed': 'Nom d’utilisateur non autorisé',
  'msg.userCharacteristicsNotAllowed': 'Caractéristiques de l’utilisateur non autorisées',
  'msg.attributeNeeded': 'L’attribut {attribute} est nécessaire pour utiliser ce service',
  'msg.accountTooLong':
    'Ce compte ne peut pas être utilisé ici : son nom ou ses informations dépassent ce que ce serveur accepte. Veuillez contacter votre administrateur.',
  'msg.valueTooLongForService':
    'Votre compte ne peut pas être transmis à ce service : son nom ou ses informations dépassent ce que ce serveur accepte. Veuillez contacter votre administrateur.',
  'msg.logoutSuccess.one': 'Déconnexion réussie\u00a0: {count} session fermée',
  'msg.logoutSuccess.other': 'Déconnexion réussie\u00a0: {count} sessions fermées',
  'msg.alreadyLoggedOut': 'Vous étiez déjà déconnecté',
  'msg.casExplained':
    'Le Service Central d’Authentification vous donne accès à la plupart de nos sites en ne vous authentifiant qu’une seule fois\u00a0: vous n’avez pas à saisir de nouveau vos identifiants tant que votre session n’expire pas ou que vous ne vous déconnectez pas.',

  'error.title': 'Requête invalide',
  'error.text': 'La requête n’a pas pu être comprise.',
  'error.back': 'Retour à la page de connexion',

  'notFound.title': 'Page introuvable',
  'notFound.heading': 'Page introuvable',
  'notFound.text': 'Il n’y a pas de page à cette adresse. Vérifiez l’adresse, ou repartez de la page de connexion.',
  'notFound.login': 'Aller à la page de connexion',
};
