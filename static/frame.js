// The chat page inside a frame on an allowed site. It talks only to its parent window, and only when
// the parent's origin is one EMBED_ORIGINS lists; the parent (embed.js) checks this frame's origin too.
// A browser may keep no cookie in a third-party frame, so every request carries the visitor's token in
// a header: htmx's requests, and the live stream, read with fetch because EventSource sends no headers.
(function () {
  'use strict';
  var me = document.currentScript;
  var allowed = (me.getAttribute('data-origins') || '').split(' ');
  var token = me.getAttribute('data-token') || '';
  var parentOrigin = null;
  var host = null;
  var waiting = [];
  var seen = {};

  function tell(msg) {
    if (parentOrigin) {
      window.parent.postMessage(msg, parentOrigin);
    }
  }

  function report() {
    if (!token || !host) {
      return;
    }
    fetch('/embed/page', {
      method: 'POST',
      headers: {'X-Sohbet-Token': token, 'X-Sohbet-Embed': '1'},
      body: new URLSearchParams({url: host.url, title: host.title || ''})
    }).catch(function () {});
  }

  function adopt(t) {
    token = t;
    tell({sohbet: 'token', token: t});
    report();
    resume();
  }

  // Streams opened before the token was known connect now.
  function resume() {
    var w = waiting;
    waiting = [];
    w.forEach(function (s) { s.connect(); });
  }

  // Admin answers seen so far; a new one is counted for the launcher's badge.
  function countAnswers(initial) {
    var fresh = 0;
    document.querySelectorAll('#messages li.msg.theirs').forEach(function (li) {
      if (!seen[li.id]) {
        seen[li.id] = 1;
        fresh++;
      }
    });
    if (!initial && fresh) {
      tell({sohbet: 'answer', count: fresh});
    }
  }

  // An EventSource that sends the token header: the same text/event-stream, read with fetch.
  function Stream(url) {
    var t = new EventTarget();
    t.readyState = 0;
    t.last = '';
    t.close = function () {
      t.readyState = 2;
      if (t.abort) {
        t.abort.abort();
      }
    };
    t.connect = function () {
      if (t.readyState === 2) {
        return;
      }
      if (!token) {
        waiting.push(t);
        return;
      }
      t.abort = new AbortController();
      var headers = {'X-Sohbet-Token': token, 'X-Sohbet-Embed': '1', 'Accept': 'text/event-stream'};
      if (t.last) {
        headers['Last-Event-ID'] = t.last;
      }
      fetch(url, {headers: headers, signal: t.abort.signal, cache: 'no-store'}).then(function (res) {
        if (res.status !== 200 || !res.body) {
          // Like EventSource: any other answer ends the stream; htmx's extension opens a new one later.
          t.readyState = 2;
          if (t.onerror) {
            t.onerror(new Event('error'));
          }
          return;
        }
        t.readyState = 1;
        if (t.onopen) {
          t.onopen(new Event('open'));
        }
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              throw new Error('stream ended');
            }
            buffer += decoder.decode(chunk.value, {stream: true}).replace(/\r\n?/g, '\n');
            var end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
            return pump();
          });
        }
        return pump();
      }).catch(function () {
        if (t.readyState !== 2) {
          t.readyState = 0;
          if (t.onerror) {
            t.onerror(new Event('error'));
          }
          setTimeout(t.connect, 1000);
        }
      });
    };
    function dispatch(block) {
      var type = 'message';
      var data = [];
      block.split('\n').forEach(function (line) {
        var colon = line.indexOf(':');
        if (colon === 0) {
          return;
        }
        var field = colon < 0 ? line : line.slice(0, colon);
        var value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          type = value;
        } else if (field === 'data') {
          data.push(value);
        } else if (field === 'id') {
          t.last = value;
        }
      });
      if (data.length) {
        t.dispatchEvent(new MessageEvent(type, {data: data.join('\n'), lastEventId: t.last}));
      }
    }
    setTimeout(t.connect, 0);
    return t;
  }

  htmx.createEventSource = function (url) {
    return new Stream(url);
  };

  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-Sohbet-Embed'] = '1';
    if (token) {
      e.detail.headers['X-Sohbet-Token'] = token;
    }
  });

  // The first message starts the thread; its answer hands out the token.
  document.addEventListener('htmx:afterRequest', function (e) {
    var t = e.detail.xhr && e.detail.xhr.getResponseHeader('X-Sohbet-Token');
    if (t && t !== token) {
      adopt(t);
    }
  });

  // Pictures and voice notes load by their own address, which carries the cookie only: where none came
  // back, fetch the file with the token and show it from memory.
  document.addEventListener('error', function (e) {
    var el = e.target;
    var src = el.getAttribute && el.getAttribute('src');
    if (!token || !src || src.indexOf('/media/') !== 0 || el.sohbetRetried) {
      return;
    }
    el.sohbetRetried = 1;
    fetch(src, {headers: {'X-Sohbet-Token': token}}).then(function (res) {
      if (!res.ok) {
        throw new Error(res.status);
      }
      return res.blob();
    }).then(function (blob) {
      el.src = URL.createObjectURL(blob);
    }).catch(function () {});
  }, true);

  // A photo or voice note as the very first message: start the conversation, then send it.
  document.addEventListener('htmx:confirm', function (e) {
    if (token || e.target.id !== 'upload') {
      return;
    }
    e.preventDefault();
    fetch('/embed/start', {method: 'POST', headers: {'X-Sohbet-Embed': '1'}}).then(function (res) {
      var t = res.headers.get('X-Sohbet-Token');
      if (t) {
        adopt(t);
        e.detail.issueRequest(true);
      }
    });
  });

  document.addEventListener('htmx:sseMessage', function () {
    countAnswers(false);
  });

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (e.source !== window.parent || allowed.indexOf(e.origin) < 0 || !m || m.sohbet !== 'hello') {
      return;
    }
    parentOrigin = e.origin;
    host = {url: String(m.url || ''), title: String(m.title || '')};
    if (m.token && m.token !== token) {
      // The host page keeps the conversation this frame could not (no cookie came back): show it.
      token = m.token;
      htmx.ajax('GET', '/embed', {target: 'main', select: 'main', swap: 'outerHTML'}).then(function () {
        seen = {};
        countAnswers(true);
        report();
        resume();
      });
    } else {
      if (token) {
        tell({sohbet: 'token', token: token});
      }
      report();
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    countAnswers(true);
  });
})();
