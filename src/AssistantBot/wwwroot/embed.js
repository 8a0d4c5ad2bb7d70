// Embed snippet: <script src="https://YOUR-ASSISTANT/embed.js" async></script>
// Adds a chat button to the host page that opens the assistant in a frame. The host page's origin must be listed
// in the assistant's WebChat:AllowedOrigins.
(function () {
  'use strict';
  var base = new URL('.', document.currentScript.src);
  var button = document.createElement('button');
  var frame = null;
  button.type = 'button';
  button.textContent = 'Chat with us';
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:2147483000;padding:.75rem 1rem;border:0;border-radius:2rem;' +
    'background:#00504a;color:#fff;font:600 1rem system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.25)';
  button.addEventListener('click', function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = new URL('?embed=1', base).toString();
      frame.title = 'Virtual assistant chat';
      frame.style.cssText = 'position:fixed;right:1rem;bottom:4.5rem;z-index:2147483000;width:min(24rem,calc(100vw - 2rem));' +
        'height:min(36rem,calc(100vh - 6rem));border:1px solid #ccd;border-radius:.5rem;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.2)';
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });
  document.body.appendChild(button);
})();
