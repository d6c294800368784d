// Everything in the resource group: identity, monitoring, Key Vault, storage, registry, the container app and the Azure Bot.
param location string
param tags object
param resourceToken string
param botImageName string
param isp object
param chatEmbedOrigins string
param minReplicas int
param maxReplicas int

var appName = 'ca-stepwise-${resourceToken}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: 'id-stepwise-${resourceToken}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { resourceToken: resourceToken, location: location, tags: tags, keyVaultName: vault.outputs.name }
}

module vault 'modules/keyVault.bicep' = {
  name: 'key-vault'
  params: { name: 'kv-${resourceToken}', location: location, tags: tags, readerPrincipalId: identity.outputs.principalId }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: { name: 'st${resourceToken}', location: location, tags: tags, dataPrincipalId: identity.outputs.principalId }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: { name: 'cr${resourceToken}', location: location, tags: tags, pullerPrincipalId: identity.outputs.principalId }
}

module environment 'modules/containerAppsEnvironment.bicep' = {
  name: 'container-apps-environment'
  params: { name: 'cae-${resourceToken}', location: location, tags: tags, logAnalyticsWorkspaceName: monitoring.outputs.logAnalyticsWorkspaceName }
}

// The bot's messaging endpoint is the app's address, known from the environment before the app exists.
module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-stepwise-${resourceToken}'
    tags: tags
    endpoint: 'https://${appName}.${environment.outputs.defaultDomain}/api/messages'
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    keyVaultName: vault.outputs.name
  }
}

module app 'modules/containerApp.bicep' = {
  name: 'container-app'
  params: {
    name: appName
    location: location
    tags: union(tags, { 'azd-service-name': 'bot' })
    environmentId: environment.outputs.id
    imageName: botImageName
    registryLoginServer: registry.outputs.loginServer
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    directLineSecretUri: bot.outputs.directLineSecretUri
    applicationInsightsConnectionStringSecretUri: monitoring.outputs.connectionStringSecretUri
    isp: isp
    chatEmbedOrigins: chatEmbedOrigins
    minReplicas: minReplicas
    maxReplicas: maxReplicas
  }
}

output registryLoginServer string = registry.outputs.loginServer
output appUrl string = 'https://${app.outputs.fqdn}'
output botName string = bot.outputs.name
output keyVaultName string = vault.outputs.name
