// The marker every Lens message carries; kept apart from the schemas so senders can import it for free.
export const CHANNEL = 'modelwire-lens';
