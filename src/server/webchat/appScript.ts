/**
 * The chat page's browser script (served as /webchat/app.js, so the CSP needs no inline script).
 * Fetches a token (sending the customer's stored credential, so a reload keeps their user id, and the token of a
 * link texted to a caller, which carries their place), then
 * connects Web Chat to Direct Line over HTTP polling. A store middleware watches what arrives: the bot's
 * stepwise.* events (forgotten: the stored credential goes; handoff: the waiting banner), connection
 * failures (the cannot-reach notice), and the bot's messages, whose support number becomes a tel: link
 * and whose case reference is kept on one line.
 */
const STYLE_OPTIONS = {
  accent: '#0b5cad',
  primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  rootHeight: '100%',
  rootWidth: '100%',
  backgroundColor: '#ffffff',
  bubbleBackground: '#f1f3f6',
  bubbleBorderRadius: 12,
  bubbleTextColor: '#1b1f24',
  bubbleFromUserBackground: '#0b5cad',
  bubbleFromUserTextColor: '#ffffff',
  bubbleFromUserBorderRadius: 12,
  bubbleMaxWidth: 560,
  hideUploadButton: true,
  sendBoxHeight: 48,
  suggestedActionLayout: 'flow',
  suggestedActionHeight: 40,
  suggestedActionBorderRadius: 20,
  suggestedActionBorderColor: '#0b5cad',
  suggestedActionTextColor: '#0b5cad',
};

export const APP_SCRIPT = `(function () {
  'use strict';
  var CREDENTIAL_KEY = 'stepwise.webchat.credential';
  var root = document.getElementById('webchat');
  var statusLine = document.getElementById('webchat-status');
  var waitingBanner = document.getElementById('webchat-waiting');
  var unreachableNotice = document.getElementById('webchat-unreachable');
  if (!root) return;
  function setting(name) {
    return root.getAttribute('data-' + name) || '';
  }
  function show(element, visible) {
    if (element) element.hidden = !visible;
  }
  function unreachable() {
    show(statusLine, false);
    show(unreachableNotice, true);
  }
  // Private browsing or blocked storage: the chat still works, it only forgets the customer on reload.
  function storedCredential() {
    try { return window.localStorage.getItem(CREDENTIAL_KEY) || undefined; } catch (e) { return undefined; }
  }
  function storeCredential(value) {
    try {
      if (value) window.localStorage.setItem(CREDENTIAL_KEY, value);
      else window.localStorage.removeItem(CREDENTIAL_KEY);
    } catch (e) { /* not kept */ }
  }
  if (!window.WebChat) {
    if (statusLine) {
      statusLine.textContent = setting('could-not-load');
      statusLine.className = 'status status-error';
    }
    return;
  }

  var phone = setting('support-phone');
  var dialled = setting('support-phone-dialled');
  var referencePattern = setting('reference-pattern') ? new RegExp(setting('reference-pattern'), 'gi') : undefined;
  function decorated(text) {
    var result = text;
    if (phone && dialled) result = result.split(phone).join('[' + phone + '](tel:' + dialled + ')');
    if (referencePattern) result = result.replace(referencePattern, function (reference) { return '\`' + reference + '\`'; });
    return result;
  }
  function withText(action, activity, text) {
    var changed = Object.assign({}, activity, { text: text });
    return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: changed }) });
  }
  function onBotEvent(activity) {
    if (activity.name === 'stepwise.forgotten') {
      storeCredential(undefined);
      show(waitingBanner, false);
    } else if (activity.name === 'stepwise.handoff') {
      show(waitingBanner, !!activity.value && activity.value.state === 'waiting');
    }
  }
  // Direct Line's ConnectionStatus: 2 Online, 4 FailedToConnect, 5 Ended.
  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        var activity = action.payload && action.payload.activity;
        switch (action.type) {
          case 'DIRECT_LINE/INCOMING_ACTIVITY':
            if (!activity || !activity.from || activity.from.role === 'user') break;
            if (activity.type === 'event') onBotEvent(activity);
            else if (activity.type === 'message' && typeof activity.text === 'string' && activity.textFormat !== 'plain') {
              action = withText(action, activity, decorated(activity.text));
            }
            break;
          case 'DIRECT_LINE/CONNECT_REJECTED':
          case 'DIRECT_LINE/POST_ACTIVITY_IMPEDED':
          case 'DIRECT_LINE/POST_ACTIVITY_REJECTED':
            unreachable();
            break;
          case 'DIRECT_LINE/UPDATE_CONNECTION_STATUS':
            if (action.payload.connectionStatus === 4 || action.payload.connectionStatus === 5) unreachable();
            break;
          case 'DIRECT_LINE/POST_ACTIVITY_FULFILLED':
            show(unreachableNotice, false);
            break;
        }
        return next(action);
      };
    };
  });

  var domain = new URL(setting('domain') || '/v3/directline', window.location.href).href.replace(/\\/+$/, '');
  var tokenEndpoint = new URL(setting('token-endpoint'), window.location.href).href;
  // The page's language (its <html lang>, chosen by the server): Web Chat's own words and the bot's greeting follow it.
  var locale = document.documentElement.lang || 'en-US';
  var credential = storedCredential();
  var request = credential ? { credential: credential } : {};
  // Opened from a link texted to a caller: its token carries their place here. It is taken out of the address,
  // so that a reload (or a copied address) does not carry it again.
  var link = new URLSearchParams(window.location.search).get('continue');
  if (link) {
    request.continue = link;
    try {
      var address = new URL(window.location.href);
      address.searchParams.delete('continue');
      window.history.replaceState(null, '', address.pathname + address.search + address.hash);
    } catch (e) { /* the address keeps it */ }
  }
  fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
    credentials: 'same-origin'
  })
    .then(function (response) {
      if (!response.ok) throw new Error('token endpoint answered HTTP ' + response.status);
      return response.json();
    })
    .then(function (session) {
      if (!session || typeof session.token !== 'string') throw new Error('token endpoint gave no token');
      if (typeof session.credential === 'string') storeCredential(session.credential);
      var options = {
        directLine: window.WebChat.createDirectLine({
          domain: domain,
          token: session.token,
          webSocket: false,
          conversationStartProperties: { locale: locale }
        }),
        store: store,
        locale: locale,
        sendTypingIndicator: false,
        styleOptions: ${JSON.stringify(STYLE_OPTIONS)}
      };
      if (typeof session.userId === 'string') options.userID = session.userId;
      root.textContent = '';
      window.WebChat.renderWebChat(options, root);
    })
    .catch(function (error) {
      if (window.console) window.console.error('Chat could not start:', error);
      unreachable();
    });
})();
`;
