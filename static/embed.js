// Sohbet on another site: <script src="https://CHAT-HOST/embed.js" async></script>
// data-position: bottom-right (default), bottom-left, top-right or top-left; data-color: a CSS colour;
// data-label: the button's name. No dependencies, no eval; every style is set through the CSSOM, which
// a strict style-src on the host page allows. The chat loads in its frame only once the button is
// pressed, or at once when this browser already has a conversation (so its answers show on the badge).
(function (w, d) {
  var me = d.currentScript;
  if (!me || w.sohbetChat) {
    return;
  }
  w.sohbetChat = 1;
  if (d.body) {
    start();
  } else {
    d.addEventListener('DOMContentLoaded', start);
  }

  function start() {
    var chat = new URL(me.src).origin;
    var pos = (me.getAttribute('data-position') || '').split('-');
    var v = pos[0] === 'top' ? 'top' : 'bottom';
    var h = pos[1] === 'left' ? 'left' : 'right';
    var color = me.getAttribute('data-color') || '';
    var label = me.getAttribute('data-label') || 'Chat';
    var key = 'sohbet ' + chat;
    var open = false;
    var unread = 0;
    var frame;

    function css(e, rules) {
      for (var k in rules) {
        e.style.setProperty(k, rules[k]);
      }
      return e;
    }

    function make(tag, rules, parent) {
      var e = css(d.createElement(tag), rules);
      (parent || d.body).appendChild(e);
      return e;
    }

    function corner(rules, a, b) {
      rules.top = rules.bottom = rules.left = rules.right = 'auto';
      rules[v] = a;
      rules[h] = b;
      return rules;
    }

    // The conversation this browser keeps for the chat: the host page's storage, not the frame's.
    function stored(t) {
      try {
        return t ? w.localStorage.setItem(key, t) : w.localStorage.getItem(key);
      } catch (e) {
        return null;
      }
    }

    if (!w.CSS || !CSS.supports('color', color)) {
      color = '#2563eb';
    }
    var button = make('button', corner({
      position: 'fixed', width: '56px', height: '56px', 'border-radius': '50%', border: '0', padding: '0',
      background: color, color: '#fff', cursor: 'pointer', 'box-shadow': '0 4px 14px rgba(0,0,0,.3)', 'z-index': '2147483000'
    }, '20px', '20px'));
    button.type = 'button';
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-expanded', 'false');
    var svg = d.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '28');
    svg.setAttribute('height', '28');
    svg.setAttribute('aria-hidden', 'true');
    var path = d.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M4 4h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H9l-5 4v-4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z');
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    button.appendChild(svg);
    var badge = make('span', {
      position: 'absolute', top: '-4px', right: '-4px', 'min-width': '20px', height: '20px', 'border-radius': '10px',
      background: '#dc2626', color: '#fff', font: 'bold 12px/20px sans-serif', 'text-align': 'center', display: 'none'
    }, button);
    badge.className = 'sohbet-unread';

    var panel = make('div', {
      position: 'fixed', display: 'none', 'flex-direction': 'column', overflow: 'hidden', background: '#fff',
      'box-shadow': '0 8px 30px rgba(0,0,0,.3)', 'z-index': '2147483001'
    });
    var bar = make('div', {
      display: 'flex', 'justify-content': 'flex-end', background: color, height: '36px', 'flex-shrink': '0'
    }, panel);
    var close = make('button', {
      border: '0', background: 'none', color: '#fff', font: '24px/36px sans-serif', width: '44px', cursor: 'pointer'
    }, bar);
    close.type = 'button';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', me.getAttribute('data-close-label') || 'Close');

    function place() {
      var phone = w.matchMedia('(max-width: 600px)').matches;
      css(panel, phone
        ? corner({width: '100%', height: '100%', 'border-radius': '0'}, '0', '0')
        : corner({width: '370px', height: 'min(600px, calc(100vh - 110px))', 'border-radius': '14px'}, '88px', '20px'));
    }

    function showBadge() {
      badge.textContent = unread > 99 ? '99+' : String(unread);
      css(badge, {display: unread ? 'block' : 'none'});
      button.setAttribute('aria-label', unread ? label + ' (' + unread + ')' : label);
    }

    function load() {
      if (frame) {
        return;
      }
      frame = make('iframe', {border: '0', width: '100%', flex: '1', 'min-height': '0'}, panel);
      frame.title = label;
      // Each load of the frame (its first, and a script-free reload) is greeted with what it cannot know itself.
      frame.addEventListener('load', function () {
        frame.contentWindow.postMessage({sohbet: 'hello', token: stored(), url: location.origin + location.pathname, title: d.title}, chat);
      });
      frame.src = chat + '/embed';
    }

    function toggle(show) {
      open = show;
      if (show) {
        load();
        unread = 0;
        showBadge();
      }
      place();
      css(panel, {display: show ? 'flex' : 'none'});
      button.setAttribute('aria-expanded', String(show));
    }

    w.addEventListener('message', function (e) {
      var m = e.data;
      if (e.origin !== chat || !frame || e.source !== frame.contentWindow || !m) {
        return;
      }
      if (m.sohbet === 'token' && typeof m.token === 'string') {
        stored(m.token);
      } else if (m.sohbet === 'answer' && !open) {
        unread += Math.max(1, m.count | 0);
        showBadge();
      }
    });
    button.addEventListener('click', function () {
      toggle(!open);
    });
    close.addEventListener('click', function () {
      toggle(false);
      button.focus();
    });
    d.addEventListener('keydown', function (e) {
      if (open && e.key === 'Escape') {
        toggle(false);
      }
    });
    w.addEventListener('resize', place);
    if (stored()) {
      load();
    }
  }
})(window, document);
