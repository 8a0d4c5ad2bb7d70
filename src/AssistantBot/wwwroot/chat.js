// The chat page: Web Chat talking to the assistant's built-in Direct Line.
// The conversation id and token live in this tab's sessionStorage, so a reload resumes the same conversation
// (its history comes back from the server's activity log); a new tab starts a new conversation.
(function () {
  'use strict';

  var STORAGE_KEY = 'assistantbot.conversation';
  var JOIN_EVENT = 'webchat/join';
  var ConnectionStatus = { ExpiredToken: 3, FailedToConnect: 4, Ended: 5 };
  var root = new URL('.', document.currentScript.src);
  var host = document.getElementById('webchat');

  if (new URLSearchParams(location.search).has('embed')) {
    document.body.classList.add('embedded');
  }

  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null'); } catch (e) { return null; }
  }

  function save(session) {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  }

  function startNew() {
    return fetch(new URL('api/webchat/token', root), { method: 'POST' }).then(function (response) {
      if (!response.ok) { throw new Error('token ' + response.status); }
      return response.json();
    }).then(function (body) {
      return {
        conversationId: body.conversationId,
        token: body.token,
        userId: body.userId,
        expiresAt: Date.now() + body.expiresIn * 1000
      };
    });
  }

  function showError() {
    host.innerHTML = '';
    var p = document.createElement('p');
    p.className = 'chat-error';
    p.textContent = 'The assistant is not reachable right now. Please reload the page in a moment.';
    host.appendChild(p);
  }

  function render(session, isNew) {
    var directLine = window.WebChat.createDirectLine({
      domain: new URL('v3/directline', root).toString().replace(/\/$/, ''),
      token: session.token,
      conversationId: isNew ? undefined : session.conversationId,
      webSocket: true
    });

    // The token is refreshed by the client every 15 minutes; keep the newest one for the next reload.
    setInterval(function () {
      if (directLine.token && directLine.token !== session.token) {
        session.token = directLine.token;
        session.expiresAt = Date.now() + 30 * 60 * 1000;
        save(session);
      }
    }, 60 * 1000);

    directLine.connectionStatus$.subscribe(function (status) {
      if (!isNew && (status === ConnectionStatus.ExpiredToken || status === ConnectionStatus.FailedToConnect)) {
        // The saved conversation can no longer be resumed: start a fresh one.
        sessionStorage.removeItem(STORAGE_KEY);
        location.reload();
      }
    });

    var store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && isNew) {
            // Web Chat never receives conversationUpdate, so the page asks the bot to greet first.
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: JOIN_EVENT, value: { locale: navigator.language } } });
          }
          return next(action);
        };
      };
    });

    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: session.userId,
      username: 'You',
      locale: 'en-US',
      styleOptions: {
        botAvatarInitials: 'VA',
        hideUploadButton: true,
        sendTypingIndicator: false,
        suggestedActionLayout: 'flow',
        accent: '#00504a'
      }
    }, host);
    host.querySelector('input, textarea') && host.querySelector('input, textarea').focus();
  }

  var saved = load();
  if (saved && saved.conversationId && saved.token && saved.expiresAt > Date.now() + 30 * 1000) {
    render(saved, false);
  } else {
    startNew().then(function (session) {
      save(session);
      render(session, true);
    }).catch(showError);
  }
})();
