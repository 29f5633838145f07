/* iframe-worker 1.0.4: a WebWorker shim for pages opened from files (file://), where browsers
 * refuse to start workers. Material for MkDocs' offline plugin runs its search in a worker and
 * would load this shim from unpkg.com; the site carries its own copy instead.
 *
 * Source: the npm package iframe-worker 1.0.4 (https://registry.npmjs.org/iframe-worker/-/iframe-worker-1.0.4.tgz,
 * sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q==),
 * dist/esm/worker/index.js as a plain script that mounts itself on file: pages like the package's
 * shim/index.js. Copyright (c) 2020-2022 Martin Donath; MIT licence (LICENSE beside this file).
 *
 * One change: the package writes an inline start-up script into the worker's iframe. This site's
 * content security policy allows no inline script, so the iframe loads the same start-up code
 * from runtime.js, beside this file.
 */
(function () {
  "use strict";
  var RUNTIME = new URL("runtime.js", document.currentScript.src).href;

  function attribute(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  /* A tiny and mostly spec-compliant WebWorker shim on top of an iframe. It cannot provide
   * asynchronous workers, as iframes are synchronous by nature. */
  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      /* Internal listener that proxies message events */
      this.m = (ev) => {
        if (ev.source === this.w) {
          this.dispatchEvent(new MessageEvent("message", { data: ev.data }));
          if (this.onmessage) this.onmessage(ev);
        }
      };
      /* Internal listener that proxies error events */
      this.e = (message, filename, lineno, colno, error) => {
        if (filename === `${this.url}`) {
          const ev = new ErrorEvent("error", { message, filename, lineno, colno, error });
          this.dispatchEvent(ev);
          if (this.onerror) this.onerror(ev);
        }
      };
      /* Create iframe to host the worker script */
      const iframe = document.createElement("iframe");
      iframe.hidden = true;
      document.body.appendChild((this.iframe = iframe));
      /* Initialize runtime and worker script (the runtime from a file, not inline) */
      this.w.document.open();
      this.w.document.write(
        "<html><body>" +
          `<script src="${attribute(RUNTIME)}" data-worker="${attribute(url)}"></script>` +
          `<script src="${attribute(url)}?${+Date.now()}"></script>` +
          "</body></html>"
      );
      this.w.document.close();
      /* Register internal listeners and track iframe state */
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((resolve, reject) => {
        this.w.onload = resolve;
        this.w.onerror = reject;
      });
    }

    /* Immediately terminate the worker */
    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }

    /* Send a message to the worker */
    postMessage(data) {
      void this.r.catch().then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data })));
      });
    }

    /* The iframe's window (gone once the worker is terminated) */
    get w() {
      return this.iframe.contentWindow;
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
