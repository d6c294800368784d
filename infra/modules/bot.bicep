// The Azure Bot: the app's managed identity is the bot (UserAssignedMSI), with Web Chat, Direct Line and Teams.
param name string
param tags object
param endpoint string
param identityResourceId string
param identityClientId string
param keyVaultName string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'Stepwise'
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: tenant().tenantId
  }
}

resource webChat 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: { channelName: 'WebChatChannel' }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Stepwise chat page'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
        }
      ]
    }
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// The chat page's server exchanges this secret for per-conversation tokens; it never reaches a browser.
resource directLineSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'direct-line-secret'
  properties: {
    value: directLine.listChannelWithKeys().properties.properties.sites[0].key
  }
}

output name string = bot.name
output directLineSecretUri string = directLineSecret.properties.secretUri
