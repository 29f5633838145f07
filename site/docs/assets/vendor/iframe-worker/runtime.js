/* iframe-worker 1.0.4: the start-up code that runs inside a worker's iframe before the worker
 * script (see shim.js beside this file for the source and the licence). From the package's
 * dist/esm/worker/runtime/index.js, plus the error forwarding its shim writes inline. */
(function () {
  "use strict";
  var worker = document.currentScript.getAttribute("data-worker");

  /* Send a message from the worker to the parent window */
  window.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };

  /* Import one or more scripts into the worker's scope. Not synchronous as in a real worker:
   * it returns a Promise that is fulfilled when the scripts have loaded. */
  window.importScripts = function (...urls) {
    return urls.reduce(
      (promise, url) =>
        promise.then(
          () =>
            new Promise((resolve) => {
              const script = document.createElement("script");
              script.src = url;
              script.onload = resolve;
              document.body.appendChild(script);
            })
        ),
      Promise.resolve()
    );
  };

  /* Report the worker's errors to the page, as a worker's errors would be */
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
