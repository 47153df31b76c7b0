/** Fills the browser APIs Fluent UI uses that jsdom 20 lacks. Import before rendering. */
class NoOpResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  Object.assign(window, { ResizeObserver: NoOpResizeObserver });
}
