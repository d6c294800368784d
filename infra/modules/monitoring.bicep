// Logs (Log Analytics) and Application Insights, which the app's OpenTelemetry exporter writes to.
param resourceToken string
param location string
param tags object
param keyVaultName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Whoever has it can write telemetry as the app: kept with the other secrets.
resource connectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'applicationinsights-connection-string'
  properties: { value: insights.properties.ConnectionString }
}

output logAnalyticsWorkspaceName string = workspace.name
output connectionStringSecretUri string = connectionString.properties.secretUri
