import type { Catalogue } from './en';

export const ptBR: Catalogue = {
  'language.name': 'Português (Brasil)',
  'site.title': 'Serviço Central de Autenticação',
  'site.poweredBy': 'Desenvolvido com {name}',
  'site.languages': 'Idioma',

  'login.title': 'Entrar',
  'login.heading': 'Entrar',
  'login.username': 'Nome de usuário',
  'login.password': 'Senha',
  'login.warn': 'Avisar-me antes de entrar em outros sites',
  'login.submit': 'Entrar',

  'warn.title': 'Confirmar',
  'warn.heading': 'Continuar para {service}?',
  'warn.text': 'Você está prestes a entrar em {service} como {username}.',
  'warn.submit': 'Continuar',
  'warn.cancel': 'Cancelar e ficar aqui',

  'logged.title': 'Conectado',
  'logged.heading': 'Você está conectado',
  'logged.text': 'Você está conectado como {username} desde {since}.',
  'logged.logout': 'Sair',
  'logged.logoutAll': 'Sair de todas as minhas sessões',

  'logout.title': 'Desconectado',
  'logout.heading': 'Você saiu',
  'logout.closeBrowser': 'Por motivos de segurança, feche o navegador quando terminar de usar os aplicativos.',
  'logout.servicesTold': 'Aplicativos avisados da sua saída:',
  'logout.servicesNotTold': 'Aplicativos que não puderam ser avisados; saia deles você mesmo:',
  'logout.continue': 'Continuar para {url}',
  'logout.loginAgain': 'Entrar novamente',

  'redirect.title': 'Redirecionando',
  'redirect.text': 'Continue para o aplicativo:',
  'redirect.submit': 'Continuar',

  'messages.dismiss': 'Dispensar',

  'msg.serviceRequired': 'Autenticação exigida pelo serviço {name} ({url})',
  'msg.renewalRequired': 'Renovação da autenticação exigida pelo serviço {name} ({url})',
  'msg.serviceNotAllowed': 'URL de serviço não permitida',
  'msg.invalidLoginTicket': 'Tíquete de login inválido',
  'msg.badCredentials': 'Nome de usuário ou senha incorretos.',
  'msg.credentialsMissing': 'Informe seu nome de usuário e sua senha.',
  'msg.sourceUnavailable': 'O serviço de autenticação está indisponível; tente novamente em instantes',
  'msg.attributesTooLarge':
    'Sua conta contém mais dados do que este servidor aceita, por isso não é possível entrar; contate o seu administrador',
  'msg.throttled.one': 'Muitas tentativas de login malsucedidas. Tente novamente em {count} minuto.',
  'msg.throttled.other': 'Muitas tentativas de login malsucedidas. Tente novamente em {count} minutos.',
  'msg.loginSuccess': 'Login realizado com sucesso.',
  'msg.paramRepeated': "Requisição inválida: o parâmetro '{name}' foi informado mais de uma vez",
  'msg.paramMalformed': "Requisição inválida: o parâmetro '{name}' está malformado",
  'msg.paramTooLong': "Requisição inválida: o parâmetro '{name}' é longo demais",
  'msg.unreadableForm': 'Requisição inválida: não foi possível ler o formulário',
  'msg.userNotAllowed': 'Nome de usuário não permitido',
  'msg.userCharacteristicsNotAllowed': 'Características do usuário não permitidas',
  'msg.attributeNeeded': 'O atributo {attribute} é necessário para usar esse serviço',
  'msg.accountTooLong':
    'Esta conta não pode ser usada aqui: o nome ou os dados dela são maiores do que este servidor aceita. Entre em contato com o administrador.',
  'msg.valueTooLongForService':
    'Sua conta não pode ser enviada a este serviço: o nome ou os dados dela são maiores do que este servidor aceita. Entre em contato com o administrador.',
  'msg.logoutSuccess.one': 'Saída realizada com sucesso: {count} sessão encerrada',
  'msg.logoutSuccess.other': 'Saída realizada com sucesso: {count} sessões encerradas',
  'msg.alreadyLoggedOut': 'Você já havia saído',
  'msg.casExplained':
    'O Serviço Central de Autenticação dá acesso à maioria dos nossos sites com uma única autenticação, então você não precisa digitar suas credenciais de novo, a menos que sua sessão expire ou você saia.',

  'error.title': 'Requisição inválida',
  'error.text': 'Não foi possível entender a requisição.',
  'error.back': 'Voltar para a página de login',

  'notFound.title': 'Página não encontrada',
  'notFound.heading': 'Página não encontrada',
  'notFound.text': 'Não há nenhuma página neste endereço. Confira o endereço ou recomece pela página de login.',
  'notFound.login': 'Ir para a página de login',
};
