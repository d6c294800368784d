// The bot itself: the production image on Container Apps, two instances or more, secrets from Key Vault.
param name string
param location string
param tags object
param environmentId string
@description('Empty before the first `azd deploy`: a placeholder image runs until then.')
param imageName string
param registryLoginServer string
param identityResourceId string
param identityClientId string
@description('The storage account\'s endpoints, reached with the app identity.')
param blobEndpoint string
param queueEndpoint string
param directLineSecretUri string
param applicationInsightsConnectionStringSecretUri string
param isp object
param chatEmbedOrigins string
param minReplicas int
param maxReplicas int

var port = 3978
// Before the first deploy the registry has no image yet: a placeholder runs, without Stepwise's probes.
var placeholder = empty(imageName)
// The platform waits this long after SIGTERM; the app's own drain limit (SHUTDOWN_DRAIN_SECONDS) is shorter.
var terminationGraceSeconds = 30

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityResourceId}': {} }
  }
  properties: {
    managedEnvironmentId: environmentId
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        { server: registryLoginServer, identity: identityResourceId }
      ]
      // Key Vault references: the values stay in Key Vault, read with the app's identity.
      secrets: [
        { name: 'direct-line-secret', keyVaultUrl: directLineSecretUri, identity: identityResourceId }
        { name: 'applicationinsights-connection-string', keyVaultUrl: applicationInsightsConnectionStringSecretUri, identity: identityResourceId }
      ]
    }
    template: {
      terminationGracePeriodSeconds: terminationGraceSeconds
      containers: [
        {
          name: 'stepwise'
          image: placeholder ? 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest' : imageName
          // Room for the 1 GB heap limit the image's command sets.
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'NODE_ENV', value: 'production' }
            { name: 'PORT', value: string(port) }
            { name: 'LOG_LEVEL', value: 'info' }
            { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
            { name: 'MicrosoftAppId', value: identityClientId }
            { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
            { name: 'DIRECT_LINE_SECRET', secretRef: 'direct-line-secret' }
            { name: 'CHAT_EMBED_ORIGINS', value: chatEmbedOrigins }
            { name: 'STORAGE', value: 'blob' }
            { name: 'BLOB_ENDPOINT', value: blobEndpoint }
            { name: 'QUEUE_ENDPOINT', value: queueEndpoint }
            // DefaultAzureCredential's choice of identity: the user-assigned one, for storage (and ACS if added).
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'BLOB_CONTAINER', value: 'stepwise' }
            { name: 'TIMER_QUEUE', value: 'stepwise-timers' }
            { name: 'SHUTDOWN_DRAIN_SECONDS', value: '20' }
            { name: 'COMPANY_NAME', value: isp.companyName }
            { name: 'SMTP_SERVER', value: isp.smtpServer }
            { name: 'MAIL_DOMAIN', value: isp.mailDomain }
            { name: 'SUPPORT_PHONE', value: isp.supportPhone }
            { name: 'SUPPORT_EMAIL', value: isp.supportEmail }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'applicationinsights-connection-string' }
          ]
          probes: placeholder ? [] : [
            // Start-up trains the understanding and checks the store: allow two minutes.
            { type: 'Startup', httpGet: { path: '/healthz', port: port }, periodSeconds: 5, failureThreshold: 24 }
            // A store outage fails every instance's /healthz at once: restart only after five minutes of it.
            { type: 'Liveness', httpGet: { path: '/healthz', port: port }, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 10 }
            { type: 'Readiness', httpGet: { path: '/readyz', port: port }, periodSeconds: 5, failureThreshold: 2 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          { name: 'http', http: { metadata: { concurrentRequests: '50' } } }
        ]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
