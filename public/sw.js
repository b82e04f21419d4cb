// Placeholder service worker: replaced by the real one (issue 4).
