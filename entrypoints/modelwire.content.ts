import { defineContentScript } from 'wxt/utils/define-content-script';
import { afterDomSettles, DEFAULT_SETTLE } from '../lib/article/settle';
import { sendMessage } from '../lib/messaging/client';
import { MODELWIRE_ARTICLE_MATCHES } from '../lib/modelwire/hosts';
import { parseModelwirePage } from '../lib/modelwire/parse-page';

// On Modelwire's own article pages: read the coverage and hand it to the background, so the source article lights up.
export default defineContentScript({
  matches: MODELWIRE_ARTICLE_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const capture = async () => {
      if (ctx.isInvalid) return;
      const url = location.href;
      const reply = await sendMessage('coverage.capture', { url, parsed: parseModelwirePage(document, url) });
      if (!reply.ok && reply.error.code !== 'unreachable') console.warn('Modelwire Lens:', reply.error.message);
    };
    void capture();
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      void afterDomSettles(document.documentElement, DEFAULT_SETTLE, ctx.signal).then(capture);
    });
  },
});
