// The Patient Advocate console. Everything visitors (and staff) wrote is put on the page with textContent,
// never as HTML. Changes carry the anti-forgery token in a header; the queue refreshes itself from server-sent events.
(function () {
  'use strict';

  var state = { me: null, token: null, filter: 'New', selected: null, now: Date.now(), skew: 0 };
  var $ = function (id) { return document.getElementById(id); };

  function api(path, options) {
    options = options || {};
    var headers = { 'Accept': 'application/json' };
    if (options.body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (options.method && options.method !== 'GET') { headers['X-CSRF-TOKEN'] = state.token; }
    return fetch('/staff/api' + path, {
      method: options.method || 'GET',
      headers: headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body)
    }).then(function (response) {
      if (response.status === 401) { location.href = '/staff/signin'; throw new Error('signed out'); }
      if (!response.ok) {
        return response.text().then(function (text) {
          var message = text;
          try { var parsed = JSON.parse(text); message = parsed.detail || parsed.title || text; } catch (e) { /* plain text */ }
          throw new Error(message || ('Error ' + response.status));
        });
      }
      return response.status === 204 ? null : response.json();
    });
  }

  function say(message) { $('status').textContent = message || ''; }

  function text(element, value) { element.textContent = value === null || value === undefined || value === '' ? '—' : String(value); }

  function duration(ms) {
    var minutes = Math.round(Math.abs(ms) / 60000);
    if (minutes < 60) { return minutes + ' min'; }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) { return hours + ' h ' + (minutes % 60) + ' min'; }
    return Math.floor(hours / 24) + ' days';
  }

  function serverNow() { return Date.now() + state.skew; }

  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value;
    if (className) { td.className = className; }
    row.appendChild(td);
  }

  function loadQueue() {
    return api('/requests?status=' + encodeURIComponent(state.filter)).then(function (queue) {
      state.skew = Date.parse(queue.now) - Date.now();
      var rows = $('queue-rows');
      rows.textContent = '';
      queue.requests.forEach(function (r) {
        var tr = document.createElement('tr');
        tr.dataset.id = r.id;
        if (r.id === state.selected) { tr.className = 'selected'; }
        var left = Date.parse(r.dueBy) - serverNow();
        cell(tr, r.reference);
        cell(tr, r.status);
        cell(tr, duration(serverNow() - Date.parse(r.createdAt)));
        cell(tr, r.status === 'Resolved' ? '—' : (left < 0 ? 'overdue by ' + duration(left) : duration(left)), left < 0 && r.status !== 'Resolved' ? 'overdue' : '');
        cell(tr, r.claimedBy || '—');
        cell(tr, r.live === 'Waiting' ? 'Waiting in chat' : r.live === 'Connected' ? 'Connected' : '');
        tr.addEventListener('click', function () { open(r.id); });
        rows.appendChild(tr);
      });
      $('queue-empty').hidden = queue.requests.length > 0;
    });
  }

  function lines(list, items, render) {
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      var when = document.createElement('span');
      when.className = 'when';
      when.textContent = new Date(item.at).toLocaleString();
      var who = document.createElement('span');
      who.className = 'who';
      var body = document.createElement('span');
      render(item, who, body);
      li.appendChild(when); li.appendChild(who); li.appendChild(body);
      list.appendChild(li);
    });
    list.scrollTop = list.scrollHeight;
  }

  function open(id) {
    state.selected = id;
    location.hash = 'request/' + id;
    return api('/requests/' + encodeURIComponent(id)).then(function (view) {
      var r = view.request;
      $('detail').hidden = false;
      text($('d-reference'), r.reference);
      text($('d-name'), view.contact.name);
      text($('d-phone'), view.contact.phone);
      text($('d-email'), view.contact.email);
      text($('d-time'), view.contact.bestTime);
      text($('d-topic'), view.contact.topic);
      text($('d-status'), r.status + (r.claimedBy ? ' by ' + r.claimedBy : '') + (view.hubStatus ? ' (contact center: ' + view.hubStatus + ')' : ''));
      text($('d-due'), new Date(r.dueBy).toLocaleString());
      text($('d-channel'), r.channelId === 'directline' ? 'Web chat' : r.channelId);
      $('claim').hidden = r.status !== 'New';
      $('resolve').hidden = r.status === 'Resolved';
      $('accept-live').hidden = r.live !== 'Waiting';
      $('end-live').hidden = !view.liveIsMine;
      $('live').hidden = !(view.liveIsMine || view.messages.length > 0);
      $('live-form').hidden = !view.liveIsMine;
      lines($('live-messages'), view.messages, function (m, who, body) {
        who.textContent = m.sender === 'Visitor' ? 'Visitor' : (m.by || 'Staff');
        body.textContent = m.text;
      });
      var transcript = view.transcript || [];
      $('d-no-transcript').hidden = transcript.length > 0;
      $('d-no-transcript').textContent = view.transcriptConsent
        ? 'No earlier conversation is kept for this channel.'
        : 'The visitor did not agree to share the conversation.';
      lines($('d-transcript'), transcript, function (l, who, body) { who.textContent = l.from; body.textContent = l.text; });
      lines($('d-notes'), view.notes, function (n, who, body) { who.textContent = n.from; body.textContent = n.text; });
      Array.prototype.forEach.call(document.querySelectorAll('#queue-rows tr'), function (tr) {
        tr.className = tr.dataset.id === id ? 'selected' : '';
      });
    }).catch(function (e) { say(e.message); });
  }

  function act(path, body) {
    if (!state.selected) { return Promise.resolve(); }
    return api('/requests/' + encodeURIComponent(state.selected) + path, { method: 'POST', body: body })
      .then(function () { say(''); return Promise.all([open(state.selected), loadQueue()]); })
      .catch(function (e) { say(e.message); });
  }

  function loadAudit() {
    return api('/admin/audit').then(function (entries) {
      var rows = $('audit-rows');
      rows.textContent = '';
      entries.forEach(function (e) {
        var tr = document.createElement('tr');
        cell(tr, new Date(e.at).toLocaleString()); cell(tr, e.by); cell(tr, e.action); cell(tr, e.target || '');
        rows.appendChild(tr);
      });
    }).catch(function (e) { say(e.message); });
  }

  function loadStaff() {
    return api('/admin/staff').then(function (members) {
      var rows = $('staff-rows');
      rows.textContent = '';
      members.forEach(function (m) {
        var tr = document.createElement('tr');
        cell(tr, m.displayName); cell(tr, m.email); cell(tr, m.role + (m.disabled ? ' (disabled)' : ''));
        cell(tr, m.lastSeenAt ? new Date(m.lastSeenAt).toLocaleString() : 'never');
        var td = document.createElement('td');
        if (!state.me || m.id !== state.me.id) {
          var button = document.createElement('button');
          button.type = 'button';
          button.textContent = m.disabled ? 'Enable' : 'Disable';
          button.addEventListener('click', function () {
            api('/admin/staff/' + encodeURIComponent(m.id) + (m.disabled ? '/enable' : '/disable'), { method: 'POST' }).then(loadStaff).catch(function (e) { say(e.message); });
          });
          td.appendChild(button);
        }
        tr.appendChild(td);
        rows.appendChild(tr);
      });
    }).catch(function (e) { say(e.message); });
  }

  function show(view) {
    ['queue', 'audit', 'staff'].forEach(function (v) { $('view-' + v).hidden = v !== view; });
    Array.prototype.forEach.call(document.querySelectorAll('.tab'), function (t) { t.classList.toggle('active', t.dataset.view === view); });
    if (view === 'audit') { loadAudit(); }
    if (view === 'staff') { loadStaff(); }
  }

  function listen() {
    var source = new EventSource('/staff/api/events');
    source.addEventListener('queue', function (e) {
      loadQueue();
      if (e.data && e.data === state.selected) { open(state.selected); }
    });
    source.addEventListener('message', function (e) {
      if (e.data && e.data === state.selected) { open(state.selected); }
      loadQueue();
    });
    source.onerror = function () {
      // EventSource reconnects by itself; a lost session shows up as 401 on the next API call.
      api('/me').catch(function () { });
    };
  }

  $('claim').addEventListener('click', function () { act('/claim'); });
  $('resolve').addEventListener('click', function () { act('/resolve'); });
  $('accept-live').addEventListener('click', function () { act('/live/accept'); });
  $('end-live').addEventListener('click', function () { act('/live/end'); });
  $('live-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = $('live-text');
    if (!input.value.trim()) { return; }
    act('/live/messages', { text: input.value }).then(function () { input.value = ''; input.focus(); });
  });
  $('note-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = $('note-text');
    if (!input.value.trim()) { return; }
    act('/notes', { text: input.value }).then(function () { input.value = ''; });
  });
  $('staff-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var form = e.target;
    api('/admin/staff', { method: 'POST', body: {
      displayName: form.displayName.value, email: form.email.value, role: form.role.value, password: form.password.value
    } }).then(function () { form.reset(); say('Staff member added.'); loadStaff(); }).catch(function (err) { say(err.message); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('input[name=filter]'), function (radio) {
    radio.addEventListener('change', function () { state.filter = radio.value; loadQueue(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.tab'), function (tab) {
    tab.addEventListener('click', function () { show(tab.dataset.view); });
  });

  api('/me').then(function (me) {
    state.me = me;
    state.token = me.antiforgeryToken;
    document.querySelector('#signout input[name=__RequestVerificationToken]').value = me.antiforgeryToken;
    $('me').textContent = me.name + ' (' + me.role + ')';
    Array.prototype.forEach.call(document.querySelectorAll('.admin-only'), function (el) { el.hidden = me.role !== 'admin'; });
    listen();
    var match = /^#request\/(.+)$/.exec(location.hash);
    return loadQueue().then(function () { if (match) { open(decodeURIComponent(match[1])); } });
  }).catch(function (e) { say(e.message); });
  setInterval(loadQueue, 60 * 1000); // ages and time left move even when nothing happens
})();
