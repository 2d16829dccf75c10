// Samla in production: the functions on Azure Functions Flex Consumption (Node 22), their tables in a storage account
// reached only by managed identity, Application Insights over Log Analytics, and the add-in's static files on a
// storage static website. Deploy into an existing resource group:
//   az deployment group create --resource-group <rg> --template-file infra/main.bicep --parameters @infra/main.parameters.json
// No account key or storage connection string appears anywhere: every storage access goes through Entra ID.

targetScope = 'resourceGroup'

@description('Azure region of every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Short lowercase prefix of every resource name (letters and digits; storage account names are 3–24 characters).')
@minLength(3)
@maxLength(7)
param namePrefix string = 'samla'

@description('The Entra ID tenant that signs Samla\'s access tokens (SAMLA_ENTRA_TENANT_ID).')
param entraTenantId string = tenant().tenantId

@description('The audience Samla accepts (SAMLA_ENTRA_AUDIENCE): the API app registration\'s application (client) ID, which is the aud of v2 tokens; several separated by commas.')
@minLength(1)
param entraAudience string

@description('Optional (SAMLA_ENTRA_ISSUER): the expected token issuer; empty means https://login.microsoftonline.com/<tenant>/v2.0.')
param entraIssuer string = ''

@description('Optional (SAMLA_ENTRA_JWKS_URI): where the signing keys are; empty means https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys.')
param entraJwksUri string = ''

@description('The token claim that holds a staff member\'s board letter (SAMLA_BOARD_CLAIM); extn.board when it comes from a directory extension as an optional claim (see infra/entra-app-registration.md).')
@minLength(1)
param boardClaim string = 'extn.board'

@description('Prefix of Samla\'s table names (SAMLA_TABLE_PREFIX): 1–51 letters and digits, starting with a letter.')
@minLength(1)
@maxLength(51)
param tablePrefix string = 'Samla'

@description('Optional (SAMLA_INITIATIVE_FILE): path of another initiative\'s settings as JSON; empty means LUJ 2013–2014.')
param initiativeFile string = ''

@description('Further origins allowed to call the API from a browser besides the add-in\'s static website, e.g. a custom domain in front of it (https://samla.example.se, no trailing slash).')
param extraCorsOrigins array = []

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('The most instances Flex Consumption scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Replication of both storage accounts.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_ZRS'

@description('Optional: object ID of the user or pipeline that uploads the add-in\'s files; it gets Storage Blob Data Contributor on the website account (for az storage blob upload-batch --auth-mode login).')
param deployerPrincipalId string = ''

@description('Type of deployerPrincipalId.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param deployerPrincipalType string = 'User'

var token = uniqueString(resourceGroup().id, namePrefix)
var functionAppName = '${namePrefix}-api-${token}'
var deploymentContainerName = 'app-package'

// Built-in role definitions (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${token}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights-${token}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted only from Entra ID callers (the app's identity, Monitoring Metrics Publisher below).
    DisableLocalAuth: true
  }
}

// Samla's tables, the Functions host's own storage (AzureWebJobsStorage) and the deployment package.
resource dataStorage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: '${namePrefix}data${token}'
  location: location
  kind: 'StorageV2'
  sku: { name: storageSku }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource dataBlobs 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: dataStorage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: dataBlobs
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// The add-in's static files, served by the account's static website (enabled after deployment, see the README):
// a separate account, so that the public website and the board's data never share one.
resource webStorage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: '${namePrefix}web${token}'
  location: location
  kind: 'StorageV2'
  sku: { name: storageSku }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

// The website endpoint ends with a slash; a CORS origin must not.
var webEndpoint = webStorage.properties.primaryEndpoints.web
var addinOrigin = endsWith(webEndpoint, '/') ? substring(webEndpoint, 0, length(webEndpoint) - 1) : webEndpoint

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${namePrefix}-plan-${token}'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The pane calls the API from the add-in's origin; the platform answers the preflight requests.
      cors: {
        allowedOrigins: concat([addinOrigin], extraCorsOrigins)
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${dataStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// The app's identity: the deployment package and the host's blobs (Blob Data Owner), Samla's tables (Table Data
// Contributor, which includes creating them), and telemetry (Monitoring Metrics Publisher).
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataStorage.id, functionApp.id, roles.storageBlobDataOwner)
  scope: dataStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataStorage.id, functionApp.id, roles.storageTableDataContributor)
  scope: dataStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, functionApp.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource websiteUploader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(webStorage.id, deployerPrincipalId, roles.storageBlobDataContributor)
  scope: webStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

// The Functions host: its storage by identity (no connection string), telemetry by identity.
var platformSettings = {
  AzureWebJobsStorage__accountName: dataStorage.name
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
}

// What Samla reads (functions/src/auth/auth-settings.ts, functions/src/storage/storage-settings.ts,
// functions/src/services.ts). Optional settings are left out when empty: an empty SAMLA_ENTRA_ISSUER would be
// refused as "not a URL" and turn sign-in off.
var samlaSettings = {
  SAMLA_AUTH: 'entra'
  SAMLA_ENTRA_TENANT_ID: entraTenantId
  SAMLA_ENTRA_AUDIENCE: entraAudience
  SAMLA_BOARD_CLAIM: boardClaim
  SAMLA_STORAGE_ACCOUNT_URL: dataStorage.properties.primaryEndpoints.table
  SAMLA_TABLE_PREFIX: tablePrefix
  // One storage call's deadline: a request whose storage stalls answers 503 within 10 s.
  SAMLA_STORAGE_DEADLINE_MS: '7000'
}
var optionalSamlaSettings = union(
  empty(entraIssuer) ? {} : { SAMLA_ENTRA_ISSUER: entraIssuer },
  empty(entraJwksUri) ? {} : { SAMLA_ENTRA_JWKS_URI: entraJwksUri },
  empty(initiativeFile) ? {} : { SAMLA_INITIATIVE_FILE: initiativeFile }
)

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(platformSettings, samlaSettings, optionalSamlaSettings)
  // The host starts with these settings; its identity must already reach storage and telemetry.
  dependsOn: [blobOwner, tableContributor, metricsPublisher, deploymentContainer]
}

output functionAppName string = functionApp.name
@description('The API\'s base, as the add-in calls it (SAMLA_API_URL of the add-in build; the routes are under /api).')
output apiUrl string = 'https://${functionApp.properties.defaultHostName}'
@description('Where the add-in\'s files are served (SAMLA_ADDIN_URL of the add-in build).')
output addinUrl string = addinOrigin
output webStorageAccountName string = webStorage.name
output dataStorageAccountName string = dataStorage.name
output tableEndpoint string = dataStorage.properties.primaryEndpoints.table
