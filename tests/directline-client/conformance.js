'use strict';
// Protocol conformance: Microsoft's own Direct Line client (botframework-directlinejs, as bundled in Web Chat) holds a
// conversation with the assistant's built-in Direct Line, the way the chat page does.
//
//   node conformance.js --base-url http://127.0.0.1:5000 --transport websocket|polling
//
// Prints one "ok" line per step; exits 0 when every step passed, 1 on the first failure (with what arrived instead).

require('./node-globals');
const assert = require('node:assert/strict');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');
const { ActivityInbox } = require('./inbox');

const DISCLAIMER = 'for education only, not a substitute for your care team';
const PATIENT_ADVOCATE = 'Patient Advocate';
const WAIT_MS = 30_000;
const RUN_LIMIT_MS = 150_000;

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  assert.ok(args['base-url'], '--base-url is required');
  assert.ok(['websocket', 'polling'].includes(args.transport), '--transport must be websocket or polling');
  return { baseUrl: args['base-url'].replace(/\/$/, ''), webSocket: args.transport === 'websocket' };
}

let stepNumber = 0;
async function step(name, action) {
  const result = await action();
  console.log(`ok ${++stepNumber} - ${name}`);
  return result;
}

/** The page's own start: a token for a new conversation from the assistant's server, never the secret. */
async function fetchPageToken(baseUrl) {
  const response = await fetch(`${baseUrl}/api/webchat/token`, { method: 'POST' });
  assert.equal(response.status, 200, 'POST /api/webchat/token');
  const session = await response.json();
  assert.ok(session.token && session.conversationId && session.userId, 'the token endpoint returns token, conversationId and userId');
  return session;
}

/** The client's sockets, so a test can cut one as a network failure would. */
class TrackedWebSocket extends globalThis.WebSocket {
  static opened = [];

  constructor(...args) {
    super(...args);
    TrackedWebSocket.opened.push(this);
  }
}

function connect(baseUrl, webSocket, options) {
  const directLine = new DirectLine({
    domain: `${baseUrl}/v3/directline`,
    webSocket,
    pollingInterval: 250,
    WebSocket: TrackedWebSocket,
    random: () => 0, // reconnect after the shortest of the client's 3 to 15 s delays
    ...options,
  });
  assert.equal(directLine.webSocket, webSocket, 'the client uses the transport asked for');
  const inbox = new ActivityInbox(directLine, WAIT_MS);
  return { directLine, inbox };
}

function waitOnline(directLine) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the connection to come online')), WAIT_MS);
    const subscription = directLine.connectionStatus$.subscribe((status) => {
      if (status === ConnectionStatus.Online) {
        clearTimeout(timer);
        resolve();
        setImmediate(() => subscription.unsubscribe());
      } else if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.ExpiredToken || status === ConnectionStatus.Ended) {
        clearTimeout(timer);
        reject(new Error(`connection status became ${ConnectionStatus[status]}`));
      }
    });
  });
}

/** Posts as another client of the conversation would (plain HTTP with the token), while this client is not listening. */
async function postBehindTheClientsBack(baseUrl, conversationId, token, activity) {
  const response = await fetch(`${baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  assert.equal(response.status, 200, `POST activities "${activity.text}"`);
  return (await response.json()).id;
}

function post(directLine, activity) {
  return directLine.postActivity(activity).toPromise();
}

const isBot = (userId) => (a) => a.from && a.from.id !== userId;
const isGreeting = (userId) => (a) => isBot(userId)(a) && a.type === 'message' && (a.text || '').includes(DISCLAIMER);

function assertEcho(echo, postedId, userId) {
  assert.equal(echo.id, postedId, 'the echo carries the id the POST answered');
  assert.ok(!Number.isNaN(Date.parse(echo.timestamp)), 'the echo has a timestamp');
  assert.equal(echo.from.id, userId, "the echo is from the token's user");
}

/** Sends a message as Web Chat does and waits for its echo and the bot's reply to it. */
async function converse(directLine, inbox, userId, clientActivityID, text) {
  const id = await post(directLine, { type: 'message', text, from: { id: userId }, channelData: { clientActivityID } });
  assert.ok(id && id !== 'retry', `the POST of "${text}" answers an id (got ${id})`);
  const echo = await inbox.waitFor(`the echo of ${clientActivityID}`,
    (a) => a.channelData && a.channelData.clientActivityID === clientActivityID);
  assertEcho(echo, id, userId);
  const reply = await inbox.waitFor(`the reply to ${id}`, (a) => isBot(userId)(a) && a.type === 'message' && a.replyToId === id);
  assert.ok(reply.text, 'the reply has text');
  assert.ok(inbox.indexOf(echo) < inbox.indexOf(reply), 'the echo arrives before the reply');
  return { id, echo, reply };
}

function assertOrderedAndUnique(inbox) {
  const stored = inbox.received.filter((a) => a.type !== 'typing');
  const ids = stored.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length, `no activity arrives twice: ${ids.join(', ')}`);
  for (let i = 1; i < stored.length; i++) {
    assert.ok(Date.parse(stored[i - 1].timestamp) <= Date.parse(stored[i].timestamp), 'activities arrive in timestamp order');
  }
}

async function run({ baseUrl, webSocket }) {
  const transport = webSocket ? 'websocket' : 'polling';
  const session = await step('the page token endpoint issues a conversation token', () => fetchPageToken(baseUrl));
  const { userId } = session;

  // First visit: start the conversation with the token, as Web Chat does for a new page.
  const first = connect(baseUrl, webSocket, { token: session.token });
  await step(`the client comes online over ${transport}`, () => waitOnline(first.directLine));
  assert.equal(first.directLine.conversationId, session.conversationId, "the token's conversation is the one started");
  if (webSocket) {
    assert.match(first.directLine.streamUrl, /^ws:\/\//, 'the conversation has a ws:// streamUrl');
  }

  const greeting = await step('the join event makes the bot greet with the disclaimer and the Patient Advocate', async () => {
    const joinId = await post(first.directLine, { type: 'event', name: 'webchat/join', from: { id: userId }, value: { locale: 'en-US' } });
    assert.ok(joinId, 'the join event is accepted with an id');
    const greeting = await first.inbox.waitFor('the greeting', isGreeting(userId));
    const titles = ((greeting.suggestedActions || {}).actions || []).map((a) => a.title);
    assert.ok(titles.includes(PATIENT_ADVOCATE), `the greeting suggests ${PATIENT_ADVOCATE} (got ${titles.join(', ')})`);
    assert.equal(greeting.replyToId, joinId, 'the greeting answers the join event');
    return greeting;
  });

  await step('a message is echoed with its clientActivityID, an id and a timestamp, then answered', () =>
    converse(first.directLine, first.inbox, userId, `${transport}-first`, 'hello from directlinejs'));

  if (webSocket) {
    await step('a typing activity reaches the stream', async () => {
      await post(first.directLine, { type: 'typing', from: { id: userId } });
      await first.inbox.waitFor('typing', (a) => a.type === 'typing');
    });
  }

  if (webSocket) {
    await step('after the stream drops, the client reconnects by itself and gets what it missed', async () => {
      const dropped = TrackedWebSocket.opened.at(-1);
      dropped.terminate();
      const id = await postBehindTheClientsBack(baseUrl, session.conversationId, first.directLine.token,
        { type: 'message', text: 'sent while the stream was down', from: { id: userId } });
      await first.inbox.waitFor('the reply to the message sent while the stream was down', (a) => isBot(userId)(a) && a.replyToId === id);
      assert.notEqual(TrackedWebSocket.opened.at(-1), dropped, 'a new socket was opened');
      assertOrderedAndUnique(first.inbox);
    });
  }

  const refreshed = await step('the client refreshes its token', async () => {
    const token = await first.directLine.refreshToken().toPromise();
    assert.ok(typeof token === 'string' && token.length > 0, 'the refresh answers a token');
    assert.notEqual(token, session.token, 'the refreshed token is a new one');
    return token;
  });

  assertOrderedAndUnique(first.inbox);
  const watermark = first.directLine.watermark;
  assert.ok(watermark, 'the client has a watermark after receiving activities');
  const seenBefore = new Set(first.inbox.received.map((a) => a.id));
  first.inbox.close();
  first.directLine.end();

  // Something happens while the client is away: it must come from the backlog after the watermark.
  const away = await step('a message posted with the refreshed token while the client is away is accepted', () =>
    postBehindTheClientsBack(baseUrl, session.conversationId, refreshed,
      { type: 'message', text: 'sent while away', from: { id: userId }, channelData: { clientActivityID: `${transport}-away` } }));

  const second = connect(baseUrl, webSocket, { token: refreshed, conversationId: session.conversationId, watermark });
  await step('the client reconnects with conversationId and watermark', () => waitOnline(second.directLine));
  await step('the backlog after the watermark arrives, and nothing from before it', async () => {
    await second.inbox.waitFor('the message sent while away', (a) => a.id === away);
    await second.inbox.waitFor('the reply to the message sent while away', (a) => isBot(userId)(a) && a.replyToId === away);
    const repeated = second.inbox.received.filter((a) => seenBefore.has(a.id));
    assert.deepEqual(repeated.map((a) => a.id), [], 'activities at or before the watermark are not sent again');
  });
  await step('the reconnected client holds the conversation', () =>
    converse(second.directLine, second.inbox, userId, `${transport}-second`, 'hello again'));
  assertOrderedAndUnique(second.inbox);
  const reloadToken = second.directLine.token;
  second.inbox.close();
  second.directLine.end();

  // A reload of the page: the same conversation without a watermark shows the whole history, greeted once.
  const third = connect(baseUrl, webSocket, { token: reloadToken, conversationId: session.conversationId });
  await step('a reload reconnects without a watermark', () => waitOnline(third.directLine));
  await step('the whole history arrives again, with one greeting', async () => {
    await third.inbox.waitFor('the last reply of the conversation', (a) => isBot(userId)(a) && a.text && a.replyToId &&
      third.inbox.received.some((b) => b.channelData && b.channelData.clientActivityID === `${transport}-second` && b.id === a.replyToId));
    // Counted by its exact text: answers may repeat the disclaimer, but only a second greeting would read the same.
    const greetings = third.inbox.received.filter((a) => isBot(userId)(a) && a.text === greeting.text);
    assert.equal(greetings.length, 1, 'exactly one greeting in the history');
    assertOrderedAndUnique(third.inbox);
  });
  third.inbox.close();
  third.directLine.end();
}

const limit = setTimeout(() => {
  console.error(`not ok - the run did not finish within ${RUN_LIMIT_MS} ms`);
  process.exit(1);
}, RUN_LIMIT_MS);

run(parseArgs(process.argv.slice(2))).then(() => {
  clearTimeout(limit);
  console.log(`# all ${stepNumber} steps passed`);
  process.exit(0); // the client's token refresh timer would keep Node alive
}, (error) => {
  console.error(`not ok ${stepNumber + 1} - ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
