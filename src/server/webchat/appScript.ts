/**
 * The chat page's browser script (served as /webchat/app.js, so the CSP needs no inline script).
 * Fetches a token, then connects Web Chat to Direct Line over HTTP polling.
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
  var root = document.getElementById('webchat');
  var statusLine = document.getElementById('webchat-status');
  function fail(message) {
    if (!statusLine) return;
    statusLine.textContent = message;
    statusLine.className = 'status status-error';
  }
  if (!root) return;
  if (!window.WebChat) {
    fail('The chat could not load. Please refresh the page.');
    return;
  }
  var domain = new URL(root.getAttribute('data-domain') || '/v3/directline', window.location.href).href.replace(/\\/+$/, '');
  var tokenEndpoint = new URL(root.getAttribute('data-token-endpoint') || '', window.location.href).href;
  fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    credentials: 'same-origin'
  })
    .then(function (response) {
      if (!response.ok) throw new Error('token endpoint answered HTTP ' + response.status);
      return response.json();
    })
    .then(function (session) {
      if (!session || typeof session.token !== 'string') throw new Error('token endpoint gave no token');
      var options = {
        directLine: window.WebChat.createDirectLine({ domain: domain, token: session.token, webSocket: false }),
        locale: 'en-US',
        sendTypingIndicator: false,
        styleOptions: ${JSON.stringify(STYLE_OPTIONS)}
      };
      if (typeof session.userId === 'string') options.userID = session.userId;
      root.textContent = '';
      window.WebChat.renderWebChat(options, root);
    })
    .catch(function (error) {
      if (window.console) window.console.error('Chat could not start:', error);
      fail('Sorry, the chat could not start. Please refresh the page to try again.');
    });
})();
`;
