'use strict';
// botframework-directlinejs is written for browsers. It reads two globals that Node 20 does not have:
// - XMLHttpRequest: every REST call goes through rxjs 5's Observable.ajax, which creates `new root.XMLHttpRequest()`.
// - WebSocket: the constructor only turns the WebSocket transport on when `typeof WebSocket !== 'undefined'`, and
//   then opens the stream with `new WebSocket(streamUrl)` using the onopen/onmessage/onclose/onerror properties.
// Both are installed here, before the client is loaded, with implementations pinned in package-lock.json.

if (typeof globalThis.XMLHttpRequest === 'undefined') {
  globalThis.XMLHttpRequest = require('xhr2');
}

if (typeof globalThis.WebSocket === 'undefined') {
  globalThis.WebSocket = require('ws');
}
