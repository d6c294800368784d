/**
 * How customers (and technicians) state a password in a chat, in English and Spanish. The Redactor
 * builds its patterns from these lists. The words that may follow "password is" without being one
 * ("wrong", "saved", "incorrecta") are content: `notPasswords` in lexicon.json.
 *
 * Multi-word entries match with any run of spaces between their words; all matching ignores case.
 */
export const passwordPhrases = {
  /** Names of the secret. */
  keywords: ['password', 'passwords', 'pass word', 'passwd', 'pword', 'passcode', 'passphrase', 'pwd', 'pw', 'p/w', 'contraseña', 'contrasena', 'clave'],

  /**
   * Short forms nobody uses for the setting or the box, so any word after them is taken as the secret
   * ("pw sunshine"). After the full words a value needs a connector ("password is sunshine") or has
   * to look like a password ("password hunter2"), since "password box", "Password Authentication" and
   * "contraseña segura" are not secrets.
   */
  shortForms: ['pw', 'pwd', 'p/w', 'passwd', 'pword'],

  /** "pass" is also a verb ("I can only pass typed messages"): a keyword only after these ("my pass is X") or before ":" or "=". */
  passAfter: ['my', 'the', 'your', 'mi', 'tu', 'la'],

  /** keyword CONNECTOR value: "password is X", "password should be X", "contraseña es X". */
  connectors: [
    'is',
    'was',
    "isn't",
    'isnt',
    "wasn't",
    'is not',
    'was not',
    'will be',
    'should be',
    'would be',
    'must be',
    'has to be',
    'is going to be',
    'used to be',
    'es',
    'era',
    'fue',
    'será',
    'sera',
    'sería',
    'seria',
    'debe ser',
    'debería ser',
    'deberia ser',
    'tiene que ser',
    'no es',
    'no era',
  ],

  /**
   * keyword CONNECTOR value, where the connector ends in "to" or "a": "password was changed to X",
   * "password reset to X". "to"/"a" also start a purpose ("did a password reset to fix it", "a ver si
   * funciona"), so the value must look like a password or end the clause.
   */
  changeConnectors: [
    'changed to',
    'was changed to',
    'was just changed to',
    'has been changed to',
    'got changed to',
    'is changed to',
    'reset to',
    'was reset to',
    'was just reset to',
    'has been reset to',
    'got reset to',
    'set to',
    'is set to',
    'was set to',
    'updated to',
    'was updated to',
    'has been updated to',
    'fue cambiada a',
    'fue cambiado a',
    'cambió a',
    'cambio a',
    'se cambió a',
    'se cambio a',
  ],

  /**
   * keyword QUALIFIER ... CONNECTOR value: a short phrase between the keyword and the connector
   * ("password for my account is X", "password I use is X", "clave de mi cuenta es X") starts with one
   * of these, so "password box is greyed out" is not read as one.
   */
  qualifiers: ['for', 'to', 'on', 'of', 'in', 'that', 'which', 'i', 'we', 'you', 'it', 'they', 'he', 'she', 'my', 'de', 'del', 'para', 'que', 'en', 'con'],
  /** Words the qualifying phrase may have after its first one. */
  maxQualifierWords: 4,

  /** Words that may stand around the connector: "password is now X", "contraseña ahora es X", "password is still X". */
  fillers: ['now', 'still', 'actually', 'just', 'currently', 'new', 'current', 'ahora', 'todavía', 'todavia', 'aún', 'aun', 'ya', 'nueva', 'nuevo', 'actual'],

  /** "my password is not X": customers correct themselves this way, so X is masked when it looks like a password. */
  negations: ['not', 'no', 'never'],

  /** CHANGE-VERB the password TO value: "changed my password to X", "cambié la contraseña a X". */
  changeVerbs: ['changed', 'change', 'reset', 'set', 'updated', 'update', 'switched', 'cambié', 'cambie', 'cambio', 'cambió', 'restablecí', 'restableci', 'actualicé', 'actualice'],
  changeLinks: ['to', 'a'],

  /** ENTRY-VERB value AS the password: "I typed X as the password", "I put in X as my password", "puse X como contraseña". */
  entryVerbs: [
    'typed',
    'type',
    'entered',
    'enter',
    'put',
    'used',
    'use',
    'tried',
    'try',
    'set',
    'input',
    'inputted',
    'wrote',
    'write',
    'chose',
    'picked',
    'puse',
    'pongo',
    'escribí',
    'escribi',
    'escribo',
    'usé',
    'uso',
    'ingresé',
    'ingrese',
    'ingreso',
    'introduje',
    'introduzco',
    'probé',
    'probe',
    'metí',
    'meti',
    'tecleé',
    'elegí',
    'tengo',
  ],
  entryLinks: ['as', 'for', 'in', 'into', 'como', 'de', 'para', 'en'],
  /** AND value AS the password: "bob as the user name and X as the password" (X must look like a password). */
  secondValueLeads: ['and', 'y'],
  secondValueLinks: ['as', 'for', 'como', 'de'],

  /** value COPULA my password: "X is my password", "X es mi contraseña". */
  copulas: ['is', 'was', 'will be', 'would be', 'es', 'era', 'será', 'sera', 'sería', 'seria'],
  determiners: ['my', 'the', 'your', 'a', 'our', 'mi', 'la', 'tu', 'su', 'una', 'el'],
  /** A word that may stand between the determiner and the keyword: "X is my email password", "X was my old password". */
  descriptors: ['email', 'e-mail', 'mail', 'account', 'login', 'smtp', 'outlook', 'new', 'old', 'current', 'previous', 'nueva', 'nuevo', 'vieja', 'actual', 'anterior'],
  /** What may follow "X is my password" for the statement to be over ("X is my password, and it fails"). */
  clauseEnds: ['and', 'but', 'so', 'for', 'now', 'too', 'though', 'y', 'pero', 'para', 'ahora', 'también', 'tambien'],
  /**
   * A plain word before "is my password" is the password only when it starts the statement
   * ("sunshine is my password", "I think sunshine is my password"), not in "the problem is my password".
   */
  clauseLeads: ['and', 'but', 'so', 'ok', 'okay', 'well', 'yes', 'yeah', 'think', 'guess', 'believe', 'sure', 'maybe', 'y', 'pero', 'que', 'bueno', 'vale', 'sí', 'si'],

  /** LOGIN CONNECTOR user SEPARATOR value: "login is bob@airmail.net / X". The user name is never masked. */
  loginWords: [
    'login',
    'log-in',
    'logon',
    'sign-in',
    'credentials',
    'creds',
    'username and password',
    'user name and password',
    'email and password',
    'e-mail and password',
    'username/password',
    'user name/password',
    'user/pass',
    'usuario y contraseña',
    'usuario y clave',
    'usuario/contraseña',
    'correo y contraseña',
    'datos de acceso',
  ],
  loginConnectors: ['is', 'are', 'es', 'son'],
  /** "/" and "|" pair a user name with its password; after ",", "and" or "y" the value must look like a password. */
  pairSeparators: ['/', '|'],
  weakPairSeparators: [',', 'and', 'y'],

  /** A count of characters is not a secret: "the password must be 8 characters". */
  lengthWords: ['characters', 'character', 'chars', 'letters', 'digits', 'numbers', 'long', 'caracteres', 'letras', 'dígitos', 'digitos', 'números', 'numeros'],

  /**
   * Shapes that have digits or symbols like a password but are what customers quote from error
   * messages, settings and their case. They count for a lone token ("0x800CCC79", "SW-7K2Q9A") and
   * where the wording is weak ("password 550"): a value stated outright ("my password is 5.7.1") is
   * masked whatever its shape.
   */
  notSecretShapes: [
    /^0x[0-9a-f]{4,}$/i, // Outlook error numbers: 0x800CCC79
    /^[2-5]\d\d$/, // SMTP reply codes: 550
    /^[245]\.\d{1,3}\.\d{1,3}$/, // enhanced status codes: 5.7.1
    /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i, // email addresses
    /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/i, // server names: smtp.airmail.net
    /^SW-[0-9A-Z]{6}$/i, // case references customers are given and quote back: SW-7K2Q9A
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // ids in activity values
  ],
};
