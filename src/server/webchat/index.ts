export { mountWebChatPage } from './mountWebChatPage';
export type { WebChatPageOptions } from './mountWebChatPage';
export { mountDirectLineTokenRoute, TOKEN_ROUTE } from './mountDirectLineTokenRoute';
export type { DirectLineTokenRouteOptions } from './mountDirectLineTokenRoute';
export { azureConversationIssuer, AZURE_TOKEN_API_URL } from './azureConversationIssuer';
export { credentialKeyFromSecret, storedCredentialKey } from './credentialKey';
export type { ConversationGrant, ConversationIssuer } from './conversationGrant';
