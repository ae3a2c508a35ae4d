// Where Modelwire's own article pages live.
export const MODELWIRE_HOSTS = ['themodelwire.com', 'www.themodelwire.com'] as const;
export const MODELWIRE_ARTICLE_MATCHES = MODELWIRE_HOSTS.map((host) => `https://${host}/article/*`);
