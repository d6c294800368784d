export { mountWebChatPage } from './mountWebChatPage';
export type { WebChatPageOptions } from './mountWebChatPage';
export { mountDirectLineTokenRoute, AZURE_TOKEN_API_URL, TOKEN_ROUTE } from './mountDirectLineTokenRoute';
export type { DirectLineTokenRouteOptions } from './mountDirectLineTokenRoute';
