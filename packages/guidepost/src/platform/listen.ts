/** Adds an event listener and returns its cleanup, which removes it. */
export function listen<E extends Event = Event>(t: EventTarget, type: string, fn: (e: E) => void, options?: boolean | AddEventListenerOptions): () => void {
  t.addEventListener(type, fn as EventListener, options);
  return () => t.removeEventListener(type, fn as EventListener, options);
}
