// Stepwise on Azure: `azd up` provisions this and deploys the image (README: Deploy to Azure).
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('The azd environment name; it names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Region of the resources (the Azure Bot itself is global).')
param location string

@description('The image to run, set by azd on deploy; empty until the first deploy (a placeholder image runs).')
param botImageName string = ''

@description('The ISP values customers see.')
param companyName string = 'Internet America'
param smtpServer string = 'smtp.airmail.net'
param mailDomain string = 'airmail.net'
param supportPhone string = '1-800-232-4335'
param supportEmail string = 'support@airmail.net'

@description('Origins of the ISP sites that may embed the chat page, comma separated (CHAT_EMBED_ORIGINS).')
param chatEmbedOrigins string = ''

@minValue(2)
@description('Instances always running; state, timers and handoff cases are shared through the storage account.')
param minReplicas int = 2
param maxReplicas int = 6

var tags = { 'azd-env-name': environmentName }

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module stepwise 'resources.bicep' = {
  name: 'stepwise-resources'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: toLower(uniqueString(subscription().id, environmentName, location))
    botImageName: botImageName
    isp: {
      companyName: companyName
      smtpServer: smtpServer
      mailDomain: mailDomain
      supportPhone: supportPhone
      supportEmail: supportEmail
    }
    chatEmbedOrigins: chatEmbedOrigins
    minReplicas: minReplicas
    maxReplicas: maxReplicas
  }
}

output AZURE_RESOURCE_GROUP string = group.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = stepwise.outputs.registryLoginServer
output STEPWISE_URL string = stepwise.outputs.appUrl
output STEPWISE_BOT_NAME string = stepwise.outputs.botName
output STEPWISE_KEY_VAULT string = stepwise.outputs.keyVaultName
