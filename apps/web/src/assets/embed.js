// Respire embed: paste
//   <script src="https://RESPIRE/embed.js" data-respire-cpts="SLUG" async></script>
// where the programme should appear. It inserts the CPTS's programme (and registration) in an
// iframe that grows with its content.
(function () {
  'use strict';
  var scripts = document.querySelectorAll('script[data-respire-cpts]');
  scripts.forEach(function (script) {
    if (script.dataset.respireDone) return;
    script.dataset.respireDone = 'yes';
    var origin = new URL(script.src, document.baseURI).origin;
    var slug = script.getAttribute('data-respire-cpts');
    var frame = document.createElement('iframe');
    frame.src = origin + '/' + encodeURIComponent(slug) + '?embed=1';
    frame.title = script.getAttribute('data-respire-title') || 'Programme et inscriptions';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.minHeight = '30rem';
    frame.setAttribute('loading', 'lazy');
    script.parentNode.insertBefore(frame, script.nextSibling);
    window.addEventListener('message', function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var data = event.data || {};
      if (data.type === 'respire:height' && typeof data.height === 'number')
        frame.style.height = Math.ceil(data.height) + 'px';
    });
  });
})();
